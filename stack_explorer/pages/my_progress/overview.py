"""The overview on `/me/progress`: figures, a chart over time, recent activity, in progress."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.components.progress import big_percent, progress_bar, progress_row
from stack_explorer.components.sections import section_card
from stack_explorer.handlers import checked
from stack_explorer.learner.context import Me, learner
from stack_explorer.learner.progress import LearnerProgress, shown_statuses
from stack_explorer.services import exercises, progress


class OverviewState(rx.State):
    timeline: list[dict] = []
    recent: list[dict[str, str]] = []
    solved: int = -1  # exercises solved; -1 until loaded (and so is everything here)

    @rx.var
    def chart_summary(self) -> str:
        """The chart's accessible name: what a sighted learner reads off it."""
        if not self.timeline:
            return ""
        first, last = self.timeline[0], self.timeline[-1]
        summary = f"Chart of topics covered per day: {last['completed']} on {last['day']}"
        if len(self.timeline) > 1:
            summary += f", from {first['completed']} on {first['day']}"
        return summary

    @checked
    async def load(self):
        async with learner(self) as me:
            self._reload(me)

    def _reload(self, me: Me) -> None:
        self.solved = exercises.solved_count(session=me.session, learner_id=me.id)
        events = progress.history(session=me.session, learner_id=me.id)
        timeline = progress.completion_timeline(events)
        # A curve that never leaves zero says nothing: the empty state says what to do.
        self.timeline = timeline if any(day["completed"] for day in timeline) else []
        self.recent = recent_entries(events)


BULK_SECONDS = 2  # changes of one layer to one status this close together: one action
BULK_SIZE = 3


def recent_entries(events: list[tuple], limit: int = 10) -> list[dict[str, str]]:
    """The newest changes first, one entry each, except that a whole-layer action (many
    topics of one layer given one status at once) is one entry: "Backend: 40 topics"."""
    topics = get_catalog().topics
    groups: list[list[tuple]] = []
    for event in reversed(events):
        slug, _title, value, at = event
        last = groups[-1][0] if groups else None
        if (
            last is not None
            and last[2] == value
            and slug in topics
            and last[0] in topics
            and topics[last[0]].layer == topics[slug].layer
            and abs((last[3] - at).total_seconds()) <= BULK_SECONDS
        ):
            groups[-1].append(event)
        else:
            groups.append([event])
    entries = []
    for group in groups:
        if len(group) < BULK_SIZE:
            entries += [_entry(slug, title, value, at) for slug, title, value, at in group]
        else:
            slug, _title, value, at = group[0]
            layer = get_catalog().layer(topics[slug].layer)
            entries.append(_entry("", f"{layer.name}: {len(group)} topics", value, at))
    return entries[:limit]


def _entry(slug: str, title: str, value: str, at) -> dict[str, str]:
    when = at.strftime("%Y-%m-%d %H:%M")
    return {"slug": slug, "title": title, "status": st.LABELS[value], "when": when}


def figures() -> rx.Component:
    rows = [
        progress_row(
            f"{layer.name} progress",
            LearnerProgress.layer_percent.get(layer.slug, 0).to(int),
            caption=rx.text(layer.name, size="2", width="11rem", flex_shrink="0"),
            loaded=LearnerProgress.loaded,
        )
        for layer in get_catalog().layers
    ]
    return rx.card(
        rx.vstack(
            rx.hstack(
                big_percent(LearnerProgress.overall_percent, LearnerProgress.loaded),
                rx.text("of the stack covered", color_scheme="gray"),
                align="baseline",
            ),
            progress_bar(
                "Overall progress", LearnerProgress.overall_percent, "3", LearnerProgress.loaded
            ),
            *rows,
            rx.text(
                rx.cond(
                    OverviewState.solved >= 0,
                    OverviewState.solved.to_string()
                    + f" of {exercises.exercise_total()} exercises solved",
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
        data=OverviewState.timeline,
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
        data=OverviewState.timeline,
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
                OverviewState.timeline.length() > 0,
                rx.box(
                    rx.cond(
                        OverviewState.timeline.length() == 1, _single_day_chart(), _area_chart()
                    ),
                    role="img",
                    aria_label=OverviewState.chart_summary,
                    width="100%",
                ),
                rx.cond(
                    OverviewState.solved >= 0,  # loaded: the chart is truly empty
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
            OverviewState.recent.length() > 0,
            rx.el.ul(rx.foreach(OverviewState.recent, row), class_name="concepts"),
            rx.text("Nothing yet.", color_scheme="gray"),
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

    return section_card(
        "In progress",
        rx.el.ul(rx.foreach(shown_statuses.entries(), row), class_name="concepts"),
        rx.cond(
            ~shown_statuses.values().contains(st.LEARNING),
            rx.text("Topics you mark Learning appear here.", size="1", color_scheme="gray"),
        ),
    )
