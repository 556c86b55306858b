"""Shared page pieces: the page header and a titled section card."""

import reflex as rx

from stack_explorer import styles


def page_header(title, lead=None) -> rx.Component:
    """The page's h1, and one line under it in a quieter voice."""
    heading = rx.heading(title, as_="h1", size=styles.PAGE_TITLE)
    if lead is None:
        return heading
    return rx.vstack(
        heading, rx.text(lead, size=styles.LEAD_TEXT, color_scheme="gray"), spacing="2"
    )


def section_card(title: str, *children: rx.Component) -> rx.Component:
    """A card that is also a named region, so its contents can be found by its title."""
    return rx.card(
        rx.el.section(
            rx.vstack(
                rx.heading(title, as_="h2", size=styles.SECTION_TITLE), *children, width="100%"
            ),
            aria_label=title,
        ),
        width="100%",
    )
