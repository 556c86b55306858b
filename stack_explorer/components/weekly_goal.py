"""The weekly goal on screen: its figures (home and `/me/progress`) and its control.

Shown only when the learner has set a goal: off by default, and never a scolding.
The select changes the goal through the write queue, so it works offline too, and
shows the learner's choice at once, before the server confirms it.
"""

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.offline import goal_write, pending_goal
from stack_explorer.learner.goal import WeeklyGoalState
from stack_explorer.services import goals

OPTIONS = [("0", "Off")] + [
    (str(n), f"{n} {'topic' if n == 1 else 'topics'} a week")
    for n in range(goals.MIN_GOAL, goals.MAX_GOAL + 1)
]


def goal_figures() -> rx.Component:
    """ "2 of 3 topics this week" and the days practised, with stable ids for tests."""
    return rx.vstack(
        rx.text(WeeklyGoalState.summary, weight="medium", id="weekly-goal"),
        rx.text(WeeklyGoalState.streak, size="2", color_scheme="gray", id="days-practised"),
        spacing="1",
    )


def _shown() -> rx.Var[bool]:
    return WeeklyGoalState.loaded & (WeeklyGoalState.goal > 0)


def goal_card() -> rx.Component:
    """On the home page, beside the other reminders: only while a goal is set."""
    return rx.cond(
        _shown(),
        rx.card(
            rx.el.section(
                rx.hstack(
                    rx.icon("target", size=24, color=rx.color("accent", 9), flex_shrink="0"),
                    goal_figures(),
                    rx.spacer(),
                    rx.link("Change goal", href=routes.MY_PROGRESS, size="2"),
                    align="center",
                    spacing="3",
                    wrap="wrap",
                    width="100%",
                ),
                aria_label="Weekly goal",
            ),
            width="100%",
        ),
    )


def goal_control(goal: rx.Var[int], loaded: rx.Var[bool]) -> rx.Component:
    """The select on `/me/progress`: Off, or 1 to 7 topics a week; `goal` is the one set,
    usable once `loaded`."""
    chosen = pending_goal(goal)
    return rx.vstack(
        rx.hstack(
            rx.el.label("Topics per week", html_for="weekly-goal-select", font_weight="500"),
            rx.select.root(
                rx.select.trigger(id="weekly-goal-select"),
                rx.select.content(*[rx.select.item(label, value=v) for v, label in OPTIONS]),
                value=chosen.to_string(),
                on_change=goal_write(),
                disabled=~loaded,
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        rx.cond(_shown(), goal_figures()),
        rx.text(
            "Optional. Counts the topics you mark Done from Monday to Sunday, and the days in "
            "a row you did something here, on your device's calendar.",
            size="1",
            color_scheme="gray",
        ),
        spacing="3",
        width="100%",
    )
