"""The colour theme menu in the header: light, dark, or whatever the system uses.

The choice lives in the browser (Reflex's colour-mode context, kept in localStorage),
so it applies before the page talks to the server and needs no event handler.
"""

import reflex as rx
from reflex.style import color_mode, set_color_mode

CHOICES = (
    ("light", "Light", "sun"),
    ("dark", "Dark", "moon"),
    ("system", "Match system", "monitor"),
)
_NAMES = rx.Var.create({value: name for value, name, _ in CHOICES})


def _icon() -> rx.Component:
    return rx.match(
        color_mode,
        ("light", rx.icon("sun", size=16)),
        ("dark", rx.icon("moon", size=16)),
        rx.icon("monitor", size=16),
    )


def theme_menu() -> rx.Component:
    return rx.menu.root(
        rx.menu.trigger(
            rx.icon_button(
                _icon(),
                variant="soft",
                color_scheme="gray",
                size="2",
                # Not "Colour theme": its "me" would also match the "Me" menu by name.
                aria_label="Appearance: " + _NAMES[color_mode].to(str),
                class_name="no-print",
            ),
        ),
        rx.menu.content(
            *[
                rx.menu.item(
                    rx.hstack(
                        rx.icon(icon, size=14),
                        name,
                        rx.cond(color_mode == value, rx.icon("check", size=14)),
                        align="center",
                        spacing="2",
                    ),
                    on_select=set_color_mode(value),
                    # Radio semantics: the current choice is announced as checked.
                    custom_attrs={
                        "role": "menuitemradio",
                        "aria-checked": rx.cond(color_mode == value, "true", "false"),
                    },
                )
                for value, name, icon in CHOICES
            ],
        ),
    )
