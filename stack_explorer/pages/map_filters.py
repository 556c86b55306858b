"""The map's layer and status filters, and what they leave on screen.

Which topics match is worked out in the browser from the learner's statuses, so
filtering needs no round trip; the choice itself is kept in the tab's state, so
it survives a reload and is shown as active until cleared.
"""

import reflex as rx

from stack_explorer import status as st
from stack_explorer.catalog import LayerDoc, get_catalog
from stack_explorer.components.stack_map import CORE_LAYERS
from stack_explorer.handlers import checked
from stack_explorer.learner.progress import LearnerProgress, status_of


class MapFilterState(rx.State):
    layer_filter: str = ""  # "" shows every layer
    status_filter: str = ""  # "" shows every status

    @checked
    def filter_layer(self, value: str):
        known = {layer.slug for layer in get_catalog().layers}
        self.layer_filter = value if value in known else ""

    @checked
    def filter_status(self, value: str):
        self.status_filter = value if st.is_valid(value) else ""

    @checked
    def clear(self):
        self.layer_filter = self.status_filter = ""


ACTIVE = (MapFilterState.layer_filter != "") | (MapFilterState.status_filter != "")


def _status_matches(slug: str | rx.Var) -> rx.Var[bool]:
    current = status_of(slug)
    return (MapFilterState.status_filter == "") | (MapFilterState.status_filter == current)


def _layer_matches(layer_slug: str | rx.Var) -> rx.Var[bool]:
    return (MapFilterState.layer_filter == "") | (MapFilterState.layer_filter == layer_slug)


def _matching(layer_slugs: list[str]) -> rx.Var[int]:
    """How many topics of these layers pass both filters (computed in the browser)."""
    topics = rx.Var.create(
        [
            {"slug": doc.slug, "layer": doc.layer}
            for doc in get_catalog().topics.values()
            if doc.layer in layer_slugs
        ]
    )
    return topics.filter(
        lambda topic: _layer_matches(topic["layer"]) & _status_matches(topic["slug"])
    ).length()


@rx.memo
def _shown_when_matching(slug: rx.Var[str], children: rx.Var[rx.Component]) -> rx.Component:
    return rx.box(children, display=rx.cond(_status_matches(slug), "block", "none"))


def card_filter(slug: str, card: rx.Component) -> rx.Component:
    """A topic card that hides when the status filter leaves it out (in the browser,
    through one memo component shared by every card)."""
    return _shown_when_matching(card, slug=slug)


def layer_shown(layer: LayerDoc) -> rx.Var[bool]:
    """A layer shows when it passes the layer filter and holds a matching topic."""
    return _matching([layer.slug]) > 0


def around_shown() -> rx.Var[bool]:
    """Whether any layer outside the core request flow is left to show."""
    catalog = get_catalog()
    return _matching([layer.slug for layer in catalog.layers if layer.slug not in CORE_LAYERS]) > 0


def nothing_matches() -> rx.Var[bool]:
    # Until the learner's statuses arrive, a status filter cannot be judged.
    everything = [layer.slug for layer in get_catalog().layers]
    return LearnerProgress.loaded & (_matching(everything) == 0)


def _select(label: str, value: rx.Var, on_change, options: list[tuple[str, str]], any_label: str):
    control_id = "filter-" + label.lower()
    return rx.hstack(
        rx.el.label(label, html_for=control_id, class_name="field-label"),
        rx.el.select(
            rx.el.option(any_label, value=""),
            *[rx.el.option(text, value=key) for key, text in options],
            id=control_id,
            value=value,
            on_change=on_change,
            class_name=rx.cond(value != "", "native-select filter-active", "native-select"),
        ),
        align="center",
    )


def _shown_count() -> rx.Component:
    """ "103 topics", or "12 of 103 topics" while a filter leaves some out."""
    total = len(get_catalog().topics)
    shown = _matching([layer.slug for layer in get_catalog().layers])
    return rx.text(
        rx.cond(
            ACTIVE & LearnerProgress.loaded,
            shown.to_string() + f" of {total} topics",
            f"{total} topics",
        ),
        size="2",
        color_scheme="gray",
        id="topics-shown",
        aria_live="polite",
    )


def map_filters() -> rx.Component:
    return rx.flex(
        _select(
            "Layer",
            MapFilterState.layer_filter,
            MapFilterState.filter_layer,
            [(layer.slug, layer.name) for layer in get_catalog().layers],
            "All layers",
        ),
        _select(
            "Status",
            MapFilterState.status_filter,
            MapFilterState.filter_status,
            list(st.LABELS.items()),
            "Any status",
        ),
        rx.cond(
            ACTIVE,
            rx.button(
                rx.icon("x", size=14),
                "Clear filters",
                on_click=MapFilterState.clear,
                variant="soft",
                size="2",
            ),
        ),
        _shown_count(),
        gap="1rem",
        wrap="wrap",
        align="center",
        role="group",
        aria_label="Filter the map",
    )


def layer_links() -> rx.Component:
    """Links to each layer shown: on a phone the map is many screens long."""
    return rx.el.nav(
        rx.text("Jump to", size="2", color_scheme="gray"),
        *[
            rx.cond(
                layer_shown(layer),
                rx.link(layer.name, href=f"#layer-{layer.slug}", size="2"),
            )
            for layer in get_catalog().layers
        ],
        aria_label="Sections of the map",
        id="layer-links",
        class_name="layer-links",
    )


def no_match_card() -> rx.Component:
    return rx.cond(
        nothing_matches(),
        rx.card(
            rx.vstack(
                rx.heading("No topics match", as_="h2", size="5"),
                rx.text(
                    "No topic on the map has this layer and status. "
                    "Clear the filters to see the whole map again.",
                    color_scheme="gray",
                ),
                rx.button("Clear filters", on_click=MapFilterState.clear, size="2"),
                spacing="3",
                align="start",
            ),
            width="100%",
            size="3",
        ),
    )
