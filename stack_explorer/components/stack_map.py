"""The map of layers and topic cards, for the learner's own map and for shared views."""

from collections.abc import Callable

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import LayerDoc, TopicDoc, get_catalog
from stack_explorer.components.progress import progress_row

# How requests travel between the core layers, shown between their sections.
FLOW_LINKS = {
    "frontend": "HTTP requests, JSON and websockets",
    "backend": "SQL queries, usually through an ORM",
}
CORE_LAYERS = ("frontend", "backend", "database")

LayerActions = Callable[[LayerDoc], rx.Component]
# A topic's status mark, from its slug. Each page passes a memo component (`@rx.memo`)
# that reads its own state, so the map compiles to one shared mark, not one per topic.
StatusMark = Callable[[str], rx.Component]
# Optional filters: whether a layer section is shown; a topic card wrapped so that it
# hides when filtered out (again a memo component, taking the slug and the card).
LayerShown = Callable[[LayerDoc], rx.Var[bool]]
CardFilter = Callable[[str, rx.Component], rx.Component]


def _shown_if(condition: rx.Var[bool] | None, component: rx.Component) -> rx.Component:
    if condition is None:
        return component
    return rx.box(component, display=rx.cond(condition, "block", "none"))


def topic_card(doc: TopicDoc, status_mark: StatusMark) -> rx.Component:
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
                status_mark(doc.slug),
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


def layer_section(
    layer: LayerDoc,
    status_mark: StatusMark,
    layer_percent: rx.Var,
    loaded: rx.Var[bool],
    columns: dict,
    actions: LayerActions | None,
    card_filter: CardFilter | None = None,
) -> rx.Component:
    heading_id = f"layer-{layer.slug}"
    value = layer_percent.get(layer.slug, 0).to(int)
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
                actions(layer) if actions else rx.fragment(),
                direction={"initial": "column", "sm": "row"},
                # In a half-width section the actions go under the name, not past the edge.
                wrap="wrap",
                spacing="3",
                width="100%",
                align={"initial": "start", "sm": "center"},
            ),
            progress_row(f"{layer.name} progress", value, loaded=loaded),
            rx.grid(
                *[
                    card_filter(doc.slug, topic_card(doc, status_mark))
                    if card_filter
                    else topic_card(doc, status_mark)
                    for doc in get_catalog().topics_in(layer.slug)
                ],
                columns=columns,
                spacing="3",
                width="100%",
            ),
            rx.link("Back to top", href="#main", size="2", class_name="phone-only"),
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


def stack_map(
    status_mark: StatusMark,
    layer_percent: rx.Var,
    loaded: rx.Var[bool],
    actions: LayerActions | None = None,
    layer_shown: LayerShown | None = None,
    card_filter: CardFilter | None = None,
    around_shown: rx.Var[bool] | None = None,
) -> rx.Component:
    """Core layers in request order with their connections, then the layers around them."""
    catalog = get_catalog()
    wide = {"initial": "1", "sm": "2", "lg": "3"}

    def section(layer: LayerDoc, columns: dict) -> rx.Component:
        return _shown_if(
            layer_shown(layer) if layer_shown else None,
            layer_section(layer, status_mark, layer_percent, loaded, columns, actions, card_filter),
        )

    core = []
    for slug, below in zip(CORE_LAYERS, (*CORE_LAYERS[1:], None), strict=True):
        core.append(section(catalog.layer(slug), wide))
        if slug in FLOW_LINKS:
            # A hop between two layers means nothing when a filter hides either one.
            both_shown = (
                layer_shown(catalog.layer(slug)) & layer_shown(catalog.layer(below))
                if layer_shown
                else None
            )
            core.append(_shown_if(both_shown, flow_connector(FLOW_LINKS[slug])))
    around = [layer for layer in catalog.layers if layer.slug not in CORE_LAYERS]
    narrow = {"initial": "1", "sm": "2"}
    return rx.vstack(
        rx.vstack(*core, spacing="2", width="100%"),
        _shown_if(
            around_shown,
            rx.heading(
                "Around the stack", as_="h2", size="3", color_scheme="gray", margin_top="1rem"
            ),
        ),
        rx.grid(
            *[section(layer, narrow) for layer in around],
            columns={"initial": "1", "lg": "2"},
            spacing="4",
            width="100%",
        ),
        spacing="5",
        width="100%",
    )
