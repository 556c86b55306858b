"""The overview on `/me/progress`: figures, a chart over time, recent activity, in progress."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.components.progress import progress_bar, progress_row
from stack_explorer.components.sections import section_card
from stack_explorer.handlers import checked
from stack_explorer.learner_context import Me, learner
from stack_explorer.progress_state import LearnerProgress, shown_statuses
from stack_explorer.services import progress


class OverviewState(rx.State):
    timeline: list[dict] = []
    recent: list[dict[str, str]] = []

    @checked
    async def load(self):
        async with learner(self) as me:
            self._reload(me)

    def _reload(self, me: Me) -> None:
        events = progress.history(session=me.session, learner_id=me.id)
        self.timeline = progress.completion_timeline(events)
        self.recent = [
            {
                "slug": slug,
                "title": title,
                "status": st.LABELS[value],
                "when": at.strftime("%Y-%m-%d %H:%M"),
            }
            for slug, title, value, at in reversed(events[-10:])
        ]


def figures() -> rx.Component:
    rows = [
        progress_row(
            f"{layer.name} progress",
            LearnerProgress.layer_percent.get(layer.slug, 0).to(int),
            caption=rx.text(layer.name, size="2", width="11rem", flex_shrink="0"),
        )
        for layer in get_catalog().layers
    ]
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(LearnerProgress.overall_percent.to_string() + "%", size="8", weight="bold"),
                rx.text("of the stack covered", color_scheme="gray"),
                align="baseline",
            ),
            progress_bar("Overall progress", LearnerProgress.overall_percent, size="3"),
            *rows,
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def chart() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Topics covered over time", as_="h2", size="4"),
            rx.cond(
                OverviewState.timeline.length() > 0,
                rx.box(
                    rx.recharts.area_chart(
                        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
                        rx.recharts.area(
                            data_key="completed",
                            stroke=rx.color("accent", 9),
                            fill=rx.color("accent", 5),
                            name="Topics covered",
                        ),
                        rx.recharts.x_axis(data_key="day"),
                        rx.recharts.y_axis(allow_decimals=False),
                        rx.recharts.graphing_tooltip(),
                        data=OverviewState.timeline,
                        height=240,
                        width="100%",
                    ),
                    role="img",
                    aria_label="Chart of topics covered per day",
                    width="100%",
                ),
                rx.text(
                    "Mark a topic done or skipped and your curve starts here.", color_scheme="gray"
                ),
            ),
            width="100%",
        ),
        width="100%",
    )


def recent_activity() -> rx.Component:
    def row(item: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.link(item["title"], href=routes.topic(item["slug"])),
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
        rx.text("Topics you mark Learning appear here.", size="1", color_scheme="gray"),
    )
