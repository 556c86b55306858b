"""`/`: the stack map, with every layer, its topics and the learner's progress."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import LayerDoc, TopicDoc, get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.progress import percent_text, progress_bar
from stack_explorer.components.status import status_badge
from stack_explorer.identity import current_learner_id
from stack_explorer.progress_state import ProgressState
from stack_explorer.services import progress

# How requests travel between the core layers, shown between their sections.
FLOW_LINKS = {
    "frontend": "HTTP requests, JSON and websockets",
    "backend": "SQL queries, usually through an ORM",
}
CORE_LAYERS = ("frontend", "backend", "database")
LAYER_ACTIONS = {st.DONE: "Mark all done", st.NOT_STARTED: "Reset"}


class HomeState(rx.State):
    statuses: dict[str, str] = {}

    @rx.event
    async def load(self):
        learner_id = await current_learner_id(self)
        progress_state = await self.get_state(ProgressState)
        with rx.session() as session:
            self.statuses = progress.statuses(session=session, learner_id=learner_id)
            progress_state._refresh(session, learner_id)

    @rx.event
    async def set_layer(self, layer_slug: str, status: str):
        """Mark every topic of a layer done, or reset them (after a confirmation)."""
        learner_id = await current_learner_id(self)
        if status not in LAYER_ACTIONS:
            yield rx.toast.error(f"Unknown layer action: {status!r}")
            return
        try:
            with rx.session() as session:
                progress.set_layer_status(
                    session=session, learner_id=learner_id, layer_slug=layer_slug, status=status
                )
        except progress.ProgressError as error:
            yield rx.toast.error(str(error))
            return
        yield HomeState.load
        name = get_catalog().layer(layer_slug).name
        yield rx.toast.success(f"{name}: {'all done' if status == st.DONE else 'reset'}")


def topic_card(doc: TopicDoc) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(
                    rx.link(
                        doc.title,
                        href=routes.topic(doc.slug),
                        color_scheme="gray",
                        high_contrast=True,
                        underline="hover",
                        class_name="stretched-link",
                    ),
                    as_="h3",
                    size="3",
                ),
                rx.spacer(),
                status_badge(HomeState.statuses.get(doc.slug, st.NOT_STARTED).to(str)),
                width="100%",
                align="start",
            ),
            rx.text(doc.meta.summary, size="2", color_scheme="gray"),
            spacing="2",
        ),
        position="relative",
        class_name="topic-card",
        size="2",
    )


def confirm_layer_action(layer: LayerDoc, status: str) -> rx.Component:
    label = LAYER_ACTIONS[status]
    what = (
        "marks every topic in it as done"
        if status == st.DONE
        else "sets every topic in it back to Not started"
    )
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                label,
                variant="soft",
                color_scheme="gray" if status != st.DONE else "green",
                size="1",
            )
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(f"{label}: {layer.name}?"),
            rx.alert_dialog.description(f"This {what}. You can change any topic afterwards."),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(label, on_click=HomeState.set_layer(layer.slug, status)),
                ),
                justify="end",
                spacing="3",
                margin_top="1rem",
            ),
            max_width="28rem",
        ),
    )


def layer_section(layer: LayerDoc, columns: dict) -> rx.Component:
    heading_id = f"layer-{layer.slug}"
    value = ProgressState.layer_percent.get(layer.slug, 0).to(int)
    return rx.el.section(
        rx.vstack(
            rx.flex(
                rx.hstack(
                    rx.center(
                        rx.icon(layer.icon, size=20),
                        background_color=rx.color("accent", 3),
                        color=rx.color("accent", 11),
                        border_radius="8px",
                        padding="0.5rem",
                    ),
                    rx.vstack(
                        rx.heading(layer.name, as_="h2", size="6", id=heading_id),
                        rx.text(layer.tagline, size="2", color_scheme="gray"),
                        spacing="0",
                    ),
                    align="center",
                ),
                rx.spacer(),
                rx.hstack(
                    confirm_layer_action(layer, st.DONE),
                    confirm_layer_action(layer, st.NOT_STARTED),
                    spacing="2",
                ),
                direction={"initial": "column", "sm": "row"},
                gap="3",
                width="100%",
                align={"initial": "start", "sm": "center"},
            ),
            rx.hstack(
                progress_bar(f"{layer.name} progress", value),
                percent_text(value),
                width="100%",
                align="center",
            ),
            rx.grid(
                *[topic_card(doc) for doc in get_catalog().topics_in(layer.slug)],
                columns=columns,
                spacing="3",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        aria_labelledby=heading_id,
        padding="1.5rem",
        border_radius="12px",
        background_color=rx.color("gray", 1),
        border=f"1px solid {rx.color('gray', 4)}",
        width="100%",
    )


def flow_connector(text: str) -> rx.Component:
    return rx.hstack(
        rx.icon("arrow-down-up", size=16),
        rx.text(text, size="2"),
        color=rx.color("gray", 11),
        justify="center",
        width="100%",
        padding_y="0.25rem",
    )


def hero() -> rx.Component:
    total = sum(get_catalog().layer_totals().values())
    return rx.flex(
        rx.vstack(
            rx.heading("The Python full stack, on one map", as_="h1", size="8"),
            rx.text(
                f"{total} topics across five layers, from the browser to the cloud. "
                "Open any topic to learn what it is and how it fits, then mark your progress: "
                "it is saved for you, no sign-up needed.",
                size="4",
                color_scheme="gray",
            ),
            spacing="3",
            flex="2",
        ),
        rx.card(
            rx.vstack(
                rx.text("Your progress", size="2", weight="medium", color_scheme="gray"),
                rx.text(ProgressState.overall_percent.to_string() + "%", size="8", weight="bold"),
                progress_bar("Overall progress", ProgressState.overall_percent, size="3"),
                rx.text("Done and skipped topics count as covered.", size="1", color_scheme="gray"),
                spacing="2",
                width="100%",
            ),
            flex="1",
            min_width="16rem",
            size="3",
        ),
        direction={"initial": "column", "md": "row"},
        gap="6",
        align={"initial": "stretch", "md": "center"},
        width="100%",
    )


def home() -> rx.Component:
    catalog = get_catalog()
    wide = {"initial": "1", "sm": "2", "lg": "3"}
    core = []
    for slug in CORE_LAYERS:
        core.append(layer_section(catalog.layer(slug), wide))
        if slug in FLOW_LINKS:
            core.append(flow_connector(FLOW_LINKS[slug]))
    around = [layer for layer in catalog.layers if layer.slug not in CORE_LAYERS]
    return page(
        rx.vstack(
            hero(),
            rx.vstack(*core, spacing="2", width="100%"),
            rx.text(
                "Around the stack", size="3", weight="bold", color_scheme="gray", margin_top="1rem"
            ),
            rx.grid(
                *[layer_section(layer, {"initial": "1", "sm": "2"}) for layer in around],
                columns={"initial": "1", "lg": "2"},
                spacing="4",
                width="100%",
            ),
            spacing="5",
            width="100%",
        )
    )
