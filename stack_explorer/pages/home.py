"""`/`: the stack map, with every layer, its topics and the learner's progress."""

import reflex as rx

from stack_explorer import status as st
from stack_explorer.catalog import LayerDoc, get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.progress import progress_bar
from stack_explorer.components.stack_map import stack_map
from stack_explorer.identity import current_learner_id, refresh_statuses
from stack_explorer.progress_state import LearnerProgress
from stack_explorer.services import progress

LAYER_ACTIONS = {st.DONE: "Mark all done", st.NOT_STARTED: "Reset"}


class HomeState(rx.State):
    @rx.event
    async def load(self):
        await current_learner_id(self)

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
            await refresh_statuses(self, session, learner_id)
        except progress.ProgressError as error:
            yield rx.toast.error(str(error))
            return
        name = get_catalog().layer(layer_slug).name
        yield rx.toast.success(f"{name}: {'all done' if status == st.DONE else 'reset'}")


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


def layer_actions(layer: LayerDoc) -> rx.Component:
    return rx.hstack(
        confirm_layer_action(layer, st.DONE),
        confirm_layer_action(layer, st.NOT_STARTED),
        spacing="2",
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
                rx.text(LearnerProgress.overall_percent.to_string() + "%", size="8", weight="bold"),
                progress_bar("Overall progress", LearnerProgress.overall_percent, size="3"),
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
    return page(
        rx.vstack(
            hero(),
            stack_map(LearnerProgress.statuses, LearnerProgress.layer_percent, layer_actions),
            spacing="5",
            width="100%",
        )
    )
