"""Progress bars with the accessible names the tests and screen readers rely on."""

import reflex as rx


def progress_bar(label: str, value: rx.Var[int], size: str = "2") -> rx.Component:
    """A labelled progress bar; `label` is its accessible name (e.g. "Overall progress")."""
    return rx.progress(
        value=value,
        max=100,
        aria_label=label,
        size=size,
        width="100%",
    )


def percent_text(value: rx.Var[int]) -> rx.Component:
    return rx.text(value.to_string() + "%", weight="bold", size="2", aria_hidden="true")


def progress_row(
    label: str, value: rx.Var[int], size: str = "2", caption: rx.Component | None = None
) -> rx.Component:
    """A labelled bar with its percentage beside it, after an optional visible caption."""
    return rx.hstack(
        *([caption] if caption is not None else []),
        progress_bar(label, value, size),
        percent_text(value),
        width="100%",
        align="center",
    )
