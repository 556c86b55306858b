"""The frame around every page: skip link, header, main, footer."""

import reflex as rx
from reflex_components_core.el.elements.inline import A

from stack_explorer import routes
from stack_explorer.components.focus_heading import focus_heading
from stack_explorer.components.offline.snapshots import STATUSES, snapshot_keeper
from stack_explorer.components.search_palette import search_palette
from stack_explorer.components.shortcuts_help import shortcuts_button, shortcuts_help
from stack_explorer.components.theme_menu import theme_menu
from stack_explorer.learner.progress import LearnerProgress, shown_statuses
from stack_explorer.learner.state import LearnerState

CONTENT_WIDTH = "72rem"


def _nav_link(label: str, href: str) -> rx.Component:
    return rx.link(
        label,
        href=href,
        size="2",
        weight="medium",
        color_scheme="gray",
        high_contrast=True,
        white_space="nowrap",
    )


def _me_menu() -> rx.Component:
    """The learner's own pages, in a menu so the header fits a phone."""
    return rx.menu.root(
        rx.menu.trigger(
            rx.button(
                rx.icon("user", size=16),
                rx.cond(LearnerState.username != "", LearnerState.username, "Me"),
                variant="soft",
                color_scheme="gray",
                size="2",
            ),
        ),
        rx.menu.content(
            rx.menu.item("Map", on_select=rx.redirect(routes.HOME)),
            rx.menu.item("My progress", on_select=rx.redirect(routes.MY_PROGRESS)),
            rx.menu.item(
                "Review queue",
                rx.cond(
                    LearnerProgress.due_reviews > 0,
                    rx.badge(LearnerProgress.due_reviews, color_scheme="amber", margin_left="auto"),
                ),
                on_select=rx.redirect(routes.REVIEW),
            ),
            rx.menu.separator(),
            rx.menu.item("Learning paths", on_select=rx.redirect(routes.PATHS)),
            rx.menu.item("Stack builder", on_select=rx.redirect(routes.STACK_BUILDER)),
            rx.menu.item("Comparisons", on_select=rx.redirect(routes.COMPARE)),
            rx.menu.item("Why Python", on_select=rx.redirect(routes.WHY_PYTHON)),
            rx.menu.item("My notes", on_select=rx.redirect(routes.MY_NOTES)),
            rx.menu.separator(),
            rx.menu.item(
                rx.cond(LearnerState.username != "", "Account", "Log in or sign up"),
                on_select=rx.redirect(routes.ACCOUNT),
            ),
        ),
    )


def header() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            rx.link(
                rx.hstack(
                    rx.icon("layers", size=24, color=rx.color("accent", 9)),
                    rx.text(
                        "Stack Explorer",
                        size={"initial": "3", "sm": "4"},
                        weight="bold",
                        white_space="nowrap",
                    ),
                    align="center",
                    spacing="2",
                ),
                href=routes.HOME,
                underline="none",
                color_scheme="gray",
                high_contrast=True,
                aria_label="Stack Explorer home",
            ),
            rx.spacer(),
            rx.el.nav(
                rx.hstack(
                    rx.box(_nav_link("Map", routes.HOME), display=["none", "block"]),
                    rx.box(_nav_link("Paths", routes.PATHS), display=["none", "none", "block"]),
                    rx.box(
                        _nav_link("Why Python", routes.WHY_PYTHON),
                        display=["none", "none", "block"],
                    ),
                    search_palette(),
                    shortcuts_help(),
                    _me_menu(),
                    theme_menu(),
                    spacing={"initial": "2", "sm": "4"},
                    align="center",
                ),
                aria_label="Main",
            ),
            align="center",
            max_width=CONTENT_WIDTH,
            margin_x="auto",
            padding_x=["0.75rem", "1rem"],
            padding_y="0.75rem",
        ),
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        background_color=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.text(
            "Stack Explorer: the Python full stack, written in Python. "
            "Topics are Markdown files anyone can extend: add one to "
            "stack_explorer/content/topics/ and run stack-explorer content check.",
            size="2",
            color_scheme="gray",
        ),
        shortcuts_button(),
        max_width=CONTENT_WIDTH,
        margin_x="auto",
        padding="2rem",
        text_align="center",
    )


def page(*children: rx.Component) -> rx.Component:
    return rx.box(
        # A plain anchor (rx.link would route it client-side): following it to the
        # focusable <main> moves keyboard focus there, not just the scroll position.
        A.create("Skip to content", href="#main", class_name="skip-link"),
        focus_heading(),
        # The learner's statuses, kept for the map opened offline.
        snapshot_keeper(STATUSES, shown_statuses, LearnerProgress.loaded),
        header(),
        rx.el.main(
            *children,
            id="main",
            tab_index=-1,
            max_width=CONTENT_WIDTH,
            margin_x="auto",
            padding_x=["1rem", "1.5rem", "2rem"],
            padding_y="2rem",
            width="100%",
        ),
        footer(),
        min_height="100vh",
        background_color=rx.color("gray", 2),
    )
