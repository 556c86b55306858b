"""`/why-python`: the reasons to build the whole stack in Python, linked to topics."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.static_markdown import static_markdown


def why_python() -> rx.Component:
    return page(
        rx.vstack(
            rx.heading("Why build the full stack in Python?", as_="h1", size="8"),
            rx.box(
                static_markdown(get_catalog().pages["why-python"]),
                class_name="topic-body",
                max_width="48rem",
            ),
            spacing="4",
        )
    )


PAGES = [
    routes.Page(
        routes.WHY_PYTHON,
        "Why Python for the full stack | Stack Explorer",
        "Why teams build every layer of a web application in Python.",
        why_python,
    )
]
