"""The page for unknown routes and topic slugs."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.components.layout import page

SUGGESTED = ("python", "django", "fastapi", "postgresql", "git", "docker")


def not_found() -> rx.Component:
    topics = get_catalog().topics
    return page(
        rx.center(
            rx.vstack(
                rx.icon("map-pin-off", size=40, color=rx.color("accent", 9)),
                rx.heading("Page not found", as_="h1", size="8"),
                rx.text(
                    "There is no page or topic at this address. It may have been renamed, "
                    "or the link has a typo.",
                    size="4",
                    color_scheme="gray",
                    text_align="center",
                ),
                rx.link(rx.button("Back to the stack map", size="3"), href=routes.HOME),
                rx.text(
                    "Or start with one of these:", size="2", color_scheme="gray", margin_top="1rem"
                ),
                rx.flex(
                    *[
                        rx.link(
                            rx.badge(topics[s].title, size="2", variant="surface"),
                            href=routes.topic(s),
                        )
                        for s in SUGGESTED
                        if s in topics
                    ],
                    wrap="wrap",
                    spacing="2",
                    justify="center",
                ),
                align="center",
                spacing="3",
                max_width="36rem",
            ),
            min_height="50vh",
        )
    )


PAGES = [
    routes.Page(
        routes.NOT_FOUND,
        "Page not found | Stack Explorer",
        "There is no page at this address.",
        not_found,
    )
]
