"""One answer of a multiple-choice question: a native radio in a full-width row.

Native radios sharing a `name` inside a fieldset give arrow-key movement and form
submission for free, and a `<label>` holding exactly one input is valid HTML (a Radix
radio item is a button plus a hidden input: two labelable elements in one label).
The whole row is the label, at least 44 px tall, so on a phone it is the tap target.
"""

import reflex as rx


def _radio(color: str) -> dict:
    """A drawn radio, so a graded (disabled) choice still shows a clear dot."""
    return {"border_color": color, "background": f"radial-gradient({color} 0 38%, transparent 42%)"}


ROW_STYLE = {
    "display": "flex",
    "align_items": "center",
    "gap": "0.75rem",
    "width": "100%",
    "min_height": "44px",
    "padding": "0.5rem 0.75rem",
    "border": "1px solid var(--gray-a6)",
    "border_radius": "var(--radius-3)",
    "cursor": "pointer",
    "font_size": "var(--font-size-2)",
    "line_height": "var(--line-height-2)",
    "&:hover": {"background": "var(--gray-a2)"},
    "&[data-mark='']:has(input:checked)": {
        "border_color": "var(--accent-8)",
        "background": "var(--accent-a3)",
    },
    "&:has(input:disabled)": {"cursor": "default"},
    # After grading: the right answer in green, a wrong pick in red (each also says so).
    "&[data-mark='right']": {"border_color": "var(--green-8)", "background": "var(--green-a3)"},
    "&[data-mark='wrong']": {"border_color": "var(--red-8)", "background": "var(--red-a3)"},
    "& input": {
        "appearance": "none",
        "width": "1.25rem",
        "height": "1.25rem",
        "margin": "0",
        "flex_shrink": "0",
        "border": "2px solid var(--gray-9)",
        "border_radius": "50%",
        "background": "var(--color-surface)",
        "cursor": "inherit",
    },
    "& input:checked": _radio("var(--accent-9)"),
    "&[data-mark='right'] input:checked": _radio("var(--green-10)"),
    "&[data-mark='wrong'] input:checked": _radio("var(--red-10)"),
    # Forced colours drop backgrounds: let the system draw the radio there.
    "@media (forced-colors: active)": {"& input": {"appearance": "auto"}},
}
# The answer text and its badges; badges wrap under the text on a narrow phone.
CONTENT_STYLE = {
    "display": "flex",
    "flex": "1",
    "flex_wrap": "wrap",
    "align_items": "center",
    "justify_content": "space-between",
    "gap": "0.25rem 0.75rem",
    "min_width": "0",
}


def choice_row(
    *,
    name: str,
    value: rx.Var,
    text: rx.Var,
    disabled: rx.Var | bool = False,
    picked: rx.Var | bool = False,
    mark: rx.Var | str = "",
    badges: tuple[rx.Component, ...] = (),
) -> rx.Component:
    """A label row: the radio, the answer text, then any badges ("Right answer").

    `picked` checks the radio when it is drawn (a graded attempt shown on load); after
    that the browser owns it, as in any form."""
    return rx.el.label(
        rx.el.input(
            type="radio", name=name, value=value, disabled=disabled, default_checked=picked
        ),
        rx.el.span(rx.el.span(text, flex="1 1 14rem"), *badges, style=CONTENT_STYLE),
        data_mark=mark,
        style=ROW_STYLE,
    )


def mark_badge(label: str, icon: str, color: str) -> rx.Component:
    """A mark that says what it means in words; the icon and colour only repeat it."""
    return rx.badge(rx.icon(icon, size=14, aria_hidden="true"), label, color_scheme=color, size="2")
