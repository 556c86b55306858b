"""The overview on `/me/progress`: figures, a chart over time, recent activity, in progress.

Each part reads its values from `Shown`: the server's, or, on a page opened offline
before they arrive, the copy this browser kept the last time the page was online.
"""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.components.offline import pending_phase
from stack_explorer.components.offline.snapshots import (
    offline_callout,
    snapshot,
    snapshot_keeper,
    statuses_kept_offline,
)
from stack_explorer.components.progress import big_percent, progress_bar, progress_row
from stack_explorer.components.sections import section_card
from stack_explorer.learner.goal import WeeklyGoalState
from stack_explorer.learner.progress import LearnerProgress, shown_statuses
from stack_explorer.pages.my_progress.overview_state import OverviewState
from stack_explorer.services import exercises

SNAPSHOT = "overview"
_loaded = (OverviewState.solved >= 0) & LearnerProgress.loaded
_kept, _kept_at = snapshot(SNAPSHOT, dict)
# On a page opened offline, until the server's values arrive: the kept copy.
_offline = (pending_phase() == "offline") & (_kept_at != "") & ~_loaded


def _either(kept: str, online: rx.Var, var_type: type) -> rx.Var:
    return rx.cond(_offline, _kept[kept].to(var_type), online)


class Shown:
    """What the overview shows: the server's values, or the kept copy offline."""

    loaded = _loaded | _offline
    overall = _either("overall", LearnerProgress.overall_percent, int)
    layers = _either("layers", LearnerProgress.layer_percent, dict[str, int])
    solved = _either("solved", OverviewState.solved, int)
    timeline = _either("timeline", OverviewState.timeline, list[dict])
    summary = _either("summary", OverviewState.chart_summary, str)
    recent = _either("recent", OverviewState.recent, list[dict[str, str]])
    path = _either("path", LearnerProgress.current_path, str)
    path_done = _either(
        "path_done", LearnerProgress.path_percent.get(LearnerProgress.current_path, 0), int
    )
    goal = _either("goal", WeeklyGoalState.goal, int)
    goal_loaded = WeeklyGoalState.loaded | _offline


def overview_keeper() -> rx.Component:
    """Keeps the overview in this browser each time the page shows it online."""
    value = rx.Var.create(
        {
            "overall": LearnerProgress.overall_percent,
            "layers": LearnerProgress.layer_percent,
            "solved": OverviewState.solved,
            "timeline": OverviewState.timeline,
            "summary": OverviewState.chart_summary,
            "recent": OverviewState.recent,
            "path": LearnerProgress.current_path,
            "path_done": LearnerProgress.path_percent.get(LearnerProgress.current_path, 0),
            "goal": WeeklyGoalState.goal,
        }
    )
    return snapshot_keeper(SNAPSHOT, value, _loaded & WeeklyGoalState.loaded)


def offline_notice() -> rx.Component:
    offline_now = (pending_phase() == "offline") & ~_loaded
    return rx.cond(
        offline_now,
        offline_callout(
            rx.cond(
                _kept_at != "",
                "You are offline: this is your progress as this browser last saw it, on "
                + _kept_at
                + ".",
                "You are offline, and this browser has no copy of your progress yet.",
            ),
            "progress-snapshot",
        ),
    )


def figures() -> rx.Component:
    rows = [
        progress_row(
            f"{layer.name} progress",
            Shown.layers.get(layer.slug, 0).to(int),
            caption=rx.text(layer.name, size="2", width="11rem", flex_shrink="0"),
            loaded=Shown.loaded,
        )
        for layer in get_catalog().layers
    ]
    return rx.card(
        rx.vstack(
            rx.hstack(
                big_percent(Shown.overall, Shown.loaded),
                rx.text("of the stack covered", color_scheme="gray"),
                align="baseline",
            ),
            progress_bar("Overall progress", Shown.overall, "3", Shown.loaded),
            *rows,
            rx.text(
                rx.cond(
                    Shown.solved >= 0,
                    Shown.solved.to_string() + f" of {exercises.exercise_total()} exercises solved",
                    "Counting solved exercises…",
                ),
                size="2",
                id="exercises-solved-total",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _area_chart() -> rx.Component:
    return rx.recharts.area_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
        rx.recharts.area(
            data_key="completed",
            stroke=rx.color("accent", 9),
            fill=rx.color("accent", 5),
            # A marker on every day with a change, so sparse data still shows its points.
            dot={"r": 4, "fill": rx.color("accent", 9), "stroke": rx.color("accent", 9)},
            active_dot={"r": 6},
            name="Topics covered",
            # Drawn at once: a history does not need to grow on every visit.
            is_animation_active=False,
        ),
        rx.recharts.x_axis(data_key="day"),
        rx.recharts.y_axis(allow_decimals=False, domain=[0, "auto"]),
        rx.recharts.graphing_tooltip(),
        data=Shown.timeline,
        height=240,
        width="100%",
    )


def _single_day_chart() -> rx.Component:
    """One day of data is a point an area cannot draw: a labelled bar reads at a glance."""
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
        rx.recharts.bar(
            data_key="completed",
            fill=rx.color("accent", 9),
            max_bar_size=64,
            label={"position": "top", "fill": rx.color("gray", 12)},
            name="Topics covered",
            is_animation_active=False,
        ),
        rx.recharts.x_axis(data_key="day"),
        rx.recharts.y_axis(allow_decimals=False, domain=[0, "dataMax + 1"]),
        rx.recharts.graphing_tooltip(cursor=False),
        data=Shown.timeline,
        height=240,
        width="100%",
    )


def _empty_chart() -> rx.Component:
    return rx.vstack(
        rx.icon("chart-area", size=32, color=rx.color("gray", 9)),
        rx.text("No topics covered yet", weight="medium"),
        rx.text(
            "Mark a topic Done or Skipped and your curve starts here.",
            size="2",
            color_scheme="gray",
        ),
        rx.link("Open the stack map", href=routes.HOME, size="2"),
        align="center",
        spacing="2",
        padding_y="2rem",
        width="100%",
    )


def chart() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Topics covered over time", as_="h2", size="4"),
            rx.cond(
                Shown.timeline.length() > 0,
                rx.box(
                    rx.cond(Shown.timeline.length() == 1, _single_day_chart(), _area_chart()),
                    role="img",
                    aria_label=Shown.summary,
                    width="100%",
                ),
                rx.cond(
                    Shown.solved >= 0,  # loaded: the chart is truly empty
                    _empty_chart(),
                    rx.text("Loading your history…", color_scheme="gray"),
                ),
            ),
            width="100%",
        ),
        width="100%",
    )


def recent_activity() -> rx.Component:
    def row(item: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.cond(
                item["slug"] != "",
                rx.link(item["title"], href=routes.topic(item["slug"]), underline="always"),
                rx.text(item["title"], as_="span"),  # a whole layer at once
            ),
            rx.text(
                " ", item["status"], " · ", item["when"], as_="span", size="1", color_scheme="gray"
            ),
        )

    return section_card(
        "Recent activity",
        rx.cond(
            Shown.recent.length() > 0,
            rx.el.ul(rx.foreach(Shown.recent, row), class_name="concepts"),
            rx.cond(Shown.loaded, rx.text("Nothing yet.", color_scheme="gray")),
        ),
    )


def learning_now() -> rx.Component:
    titles = rx.Var.create({slug: doc.title for slug, doc in get_catalog().topics.items()})

    def row(entry: rx.Var) -> rx.Component:
        slug = entry[0].to(str)
        return rx.cond(
            entry[1] == st.LEARNING,
            rx.el.li(rx.link(titles[slug].to(str), href=routes.topic(slug))),
        )

    # Offline, before the server's: the statuses this browser kept, with its own changes.
    kept = statuses_kept_offline()
    statuses = rx.cond(LearnerProgress.loaded, shown_statuses, rx.cond(kept, kept, {}))
    return section_card(
        "In progress",
        rx.el.ul(rx.foreach(statuses.entries(), row), class_name="concepts"),
        rx.cond(
            ~statuses.values().contains(st.LEARNING),
            rx.text("Topics you mark Learning appear here.", size="1", color_scheme="gray"),
        ),
    )
