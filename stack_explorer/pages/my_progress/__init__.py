"""`/me/progress`: the overview, the weekly goal, export and import, and the share link."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.layout import page
from stack_explorer.components.sections import page_header, section_card
from stack_explorer.components.weekly_goal import goal_control
from stack_explorer.learner.goal import WeeklyGoalState
from stack_explorer.pages.my_progress.overview import (
    Shown,
    chart,
    figures,
    learning_now,
    offline_notice,
    overview_keeper,
    recent_activity,
)
from stack_explorer.pages.my_progress.overview_state import OverviewState
from stack_explorer.pages.my_progress.sharing import ShareState, share_card
from stack_explorer.pages.my_progress.transfer import TransferState, transfer_card
from stack_explorer.pages.paths import followed_path_card

__all__ = ["PAGES", "OverviewState", "ShareState", "TransferState"]


def my_progress() -> rx.Component:
    return page(
        rx.vstack(
            page_header("My progress"),
            overview_keeper(),
            offline_notice(),
            rx.grid(
                rx.vstack(figures(), chart(), spacing="4", width="100%"),
                rx.vstack(
                    section_card("Weekly goal", goal_control(Shown.goal, Shown.goal_loaded)),
                    followed_path_card(Shown.path, Shown.path_done, Shown.loaded),
                    learning_now(),
                    recent_activity(),
                    spacing="4",
                    width="100%",
                ),
                columns={"initial": "1", "md": "3fr 2fr"},
                spacing="4",
                width="100%",
            ),
            rx.grid(
                transfer_card(),
                share_card(),
                columns={"initial": "1", "md": "2"},
                spacing="4",
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )


PAGES = [
    routes.Page(
        routes.MY_PROGRESS,
        "My progress | Stack Explorer",
        "Your progress through the Python full stack, export and sharing.",
        my_progress,
        on_load=[OverviewState.load, ShareState.load, WeeklyGoalState.load],
    )
]
