"""`/`: the stack map, with every layer, its topics and the learner's progress."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import LayerDoc, get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.progress import progress_bar
from stack_explorer.components.stack_map import stack_map
from stack_explorer.handlers import checked
from stack_explorer.learner_context import learner, publish_progress, resolve
from stack_explorer.progress_state import LearnerProgress, shown_statuses, status_of
from stack_explorer.services import progress

LAYER_ACTIONS = {st.DONE: "Mark all done", st.NOT_STARTED: "Reset"}


class HomeState(rx.State):
    layer_filter: str = ""  # "" shows every layer
    status_filter: str = ""  # "" shows every status

    @checked
    async def load(self):
        await resolve(self)

    @checked
    def filter_layer(self, value: str):
        known = {layer.slug for layer in get_catalog().layers}
        self.layer_filter = value if value in known else ""

    @checked
    def filter_status(self, value: str):
        self.status_filter = value if st.is_valid(value) else ""

    @checked
    async def set_layer(self, layer_slug: str, status: str):
        """Mark every topic of a layer done, or reset them (after a confirmation)."""
        if status not in LAYER_ACTIONS:
            return rx.toast.error(f"Unknown layer action: {status!r}")
        async with learner(self) as me:
            try:
                progress.set_layer_status(
                    session=me.session, learner_id=me.id, layer_slug=layer_slug, status=status
                )
            except progress.InvalidRequest as error:
                return rx.toast.error(str(error))
        await publish_progress(self, me.id)
        name = get_catalog().layer(layer_slug).name
        return rx.toast.success(f"{name}: {'all done' if status == st.DONE else 'reset'}")


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
                high_contrast=True,
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


def next_up_card() -> rx.Component:
    titles = rx.Var.create({slug: doc.title for slug, doc in get_catalog().topics.items()})
    summaries = rx.Var.create(
        {slug: doc.meta.summary for slug, doc in get_catalog().topics.items()}
    )
    path_titles = rx.Var.create({slug: path.title for slug, path in get_catalog().paths.items()})
    slug = LearnerProgress.next_up
    return rx.cond(
        slug != "",
        rx.card(
            rx.el.section(
                rx.hstack(
                    rx.icon("compass", size=28, color=rx.color("accent", 9), flex_shrink="0"),
                    rx.vstack(
                        rx.text(
                            "Next up",
                            rx.cond(
                                LearnerProgress.current_path != "",
                                rx.text(
                                    " on ",
                                    path_titles[LearnerProgress.current_path].to(str),
                                    as_="span",
                                ),
                                "",
                            ),
                            size="2",
                            color_scheme="gray",
                        ),
                        rx.link(
                            titles[slug].to(str),
                            href=routes.topic(slug),
                            size="5",
                            weight="bold",
                            # Distinct from the map card's link, whose name is the bare title.
                            aria_label="Next up: " + titles[slug].to(str),
                        ),
                        rx.text(summaries[slug].to(str), size="2", color_scheme="gray"),
                        spacing="1",
                    ),
                    rx.spacer(),
                    rx.vstack(
                        rx.link("Learning paths", href=routes.PATHS, size="2"),
                        rx.link("Stack builder", href=routes.STACK_BUILDER, size="2"),
                        rx.link("Comparisons", href=routes.COMPARE, size="2"),
                        align="end",
                        spacing="1",
                        display=["none", "flex"],
                    ),
                    align="center",
                    width="100%",
                ),
                aria_label="Next up",
            ),
            width="100%",
        ),
    )


def map_filters() -> rx.Component:
    def select(
        label: str, value: rx.Var, on_change, options: list[tuple[str, str]], any_label: str
    ):
        control_id = "filter-" + label.lower()
        return rx.hstack(
            rx.el.label(label, html_for=control_id, class_name="field-label"),
            rx.el.select(
                rx.el.option(any_label, value=""),
                *[rx.el.option(text, value=key) for key, text in options],
                id=control_id,
                value=value,
                on_change=on_change,
                class_name="native-select",
            ),
            align="center",
        )

    return rx.flex(
        select(
            "Layer",
            HomeState.layer_filter,
            HomeState.filter_layer,
            [(layer.slug, layer.name) for layer in get_catalog().layers],
            "All layers",
        ),
        select(
            "Status",
            HomeState.status_filter,
            HomeState.filter_status,
            list(st.LABELS.items()),
            "Any status",
        ),
        gap="4",
        wrap="wrap",
        role="group",
        aria_label="Filter the map",
    )


def _layer_shown(layer: LayerDoc) -> rx.Var[bool]:
    return (HomeState.layer_filter == "") | (HomeState.layer_filter == layer.slug)


def _topic_shown(doc) -> rx.Var[bool]:
    current = status_of(doc.slug)
    return (HomeState.status_filter == "") | (HomeState.status_filter == current)


def home() -> rx.Component:
    return page(
        rx.vstack(
            hero(),
            next_up_card(),
            map_filters(),
            stack_map(
                shown_statuses,
                LearnerProgress.layer_percent,
                layer_actions,
                _layer_shown,
                _topic_shown,
            ),
            spacing="5",
            width="100%",
        )
    )


PAGES = [
    routes.Page(
        routes.HOME,
        "Stack Explorer: learn the Python full stack",
        "A map of the Python full stack: frontend, backend, database, version control "
        "and deployment, with saved progress.",
        home,
        on_load=HomeState.load,
    )
]
