"""`/topics/<slug>`: one page per topic, compiled from its Markdown file."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import TopicDoc, get_catalog
from stack_explorer.catalog.source import edit_url
from stack_explorer.components.keys import shortcut_listener
from stack_explorer.components.layout import page
from stack_explorer.components.offline import (
    save_state,
    shortcut_write,
    shown_status,
    status_pending,
    status_write,
)
from stack_explorer.components.progress import progress_row
from stack_explorer.components.reading import reading_tracker
from stack_explorer.components.route import topic_slug
from stack_explorer.components.static_markdown import static_markdown
from stack_explorer.components.status import status_control
from stack_explorer.learner.progress import (
    LearnerProgress,
    shown_layer_percent,
    shown_overall_percent,
)
from stack_explorer.pages.topic.exercises import practise
from stack_explorer.pages.topic.note import note_editor, printed_note
from stack_explorer.pages.topic.quiz import quiz_section
from stack_explorer.pages.topic.state import TopicState, topic_status
from stack_explorer.runtime.cells import runnable_example

RESOURCE_ICONS = {
    "official": "badge-check",
    "docs": "book-open",
    "article": "newspaper",
    "video": "video",
    "course": "graduation-cap",
    "book": "book",
    "tool": "wrench",
}


def _topic_links(slugs: list[str]) -> rx.Component:
    topics = get_catalog().topics
    return rx.flex(
        *[
            rx.link(rx.badge(topics[s].title, variant="surface", size="2"), href=routes.topic(s))
            for s in slugs
        ],
        wrap="wrap",
        spacing="2",
    )


def _side_section(title: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.heading(title, as_="h2", size="3"),
        *children,
        spacing="2",
        width="100%",
    )


def _resources(doc: TopicDoc) -> rx.Component:
    return rx.el.ul(
        *[
            rx.el.li(
                rx.hstack(
                    rx.icon(
                        RESOURCE_ICONS[r.type],
                        size=16,
                        color=rx.color("accent", 10),
                        flex_shrink="0",
                    ),
                    rx.vstack(
                        rx.link(r.title, href=r.url, is_external=True, size="2", weight="medium"),
                        rx.text(r.type.capitalize(), size="1", color_scheme="gray"),
                        spacing="0",
                    ),
                    align="start",
                    spacing="2",
                ),
            )
            for r in doc.meta.resources
        ],
        class_name="resources",
    )


def _example(doc: TopicDoc) -> rx.Component:
    if doc.meta.example is None:
        return rx.fragment()
    return rx.vstack(
        rx.heading("Example", as_="h2", size="5"),
        runnable_example(doc.title, doc.meta.example),
        width="100%",
        spacing="2",
    )


def _time_and_source(doc: TopicDoc) -> rx.Component:
    exercises = len(doc.meta.exercises)
    practice = f" · {exercises} exercises, about {doc.practice_minutes} min" if exercises else ""
    parts = [rx.text(f"{doc.reading_minutes} min read{practice}", size="2", color_scheme="gray")]
    source = edit_url(doc.path)
    if source:
        parts.append(rx.link("Suggest an edit", href=source, is_external=True, size="2"))
    return rx.hstack(
        *parts,
        spacing="3",
        align="center",
        wrap="wrap",
    )


def _key_concepts(doc: TopicDoc) -> rx.Component:
    if not doc.meta.key_concepts:
        return rx.fragment()
    return rx.vstack(
        rx.heading("Key concepts", as_="h2", size="5"),
        rx.el.ul(*[rx.el.li(concept) for concept in doc.meta.key_concepts], class_name="concepts"),
        width="100%",
        spacing="2",
    )


def _comparisons(doc: TopicDoc) -> rx.Component:
    found = [c for c in get_catalog().comparisons.values() if doc.slug in c.topics]
    if not found:
        return rx.fragment()
    return _side_section(
        "Compare",
        *[rx.link(c.title, href=routes.comparison(c.slug), size="2") for c in found],
    )


def _neighbour(doc: TopicDoc | None, direction: str) -> rx.Component:
    if doc is None:
        return rx.box()
    icon = rx.icon("arrow-left" if direction == "Previous" else "arrow-right", size=16)
    text = rx.vstack(
        rx.text(direction, size="1", color_scheme="gray"),
        rx.text(doc.title, weight="medium"),
        spacing="0",
        align="start" if direction == "Previous" else "end",
    )
    return rx.link(
        rx.card(
            rx.hstack(*([icon, text] if direction == "Previous" else [text, icon]), align="center"),
        ),
        href=routes.topic(doc.slug),
        underline="none",
        aria_label=f"{direction} topic: {doc.title}",
    )


def _status_panel() -> rx.Component:
    slug = topic_slug()
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text("Your status", weight="medium", size="2"),
                rx.spacer(),
                rx.text(
                    save_state(status_pending(slug), TopicState.saved),
                    size="1",
                    color_scheme=rx.cond(status_pending(slug), "amber", "green"),
                    role="status",
                    aria_live="polite",
                    id="status-saved",
                ),
                width="100%",
            ),
            status_control(
                shown_status(slug, topic_status(slug)),
                status_write(slug, LearnerProgress.seen),
            ),
            rx.text(
                "Shortcuts: ",
                rx.code("d"),
                " done, ",
                rx.code("l"),
                " learning, ",
                rx.code("s"),
                " skipped, ",
                rx.code("r"),
                " not started",
                size="1",
                color_scheme="gray",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def topic_page(doc: TopicDoc) -> rx.Component:
    catalog = get_catalog()
    layer = catalog.layer(doc.layer)
    previous, following = catalog.neighbours(doc.slug)
    layer_value = shown_layer_percent(layer.slug)
    main = rx.vstack(
        rx.box(_status_panel(), class_name="no-print", width="100%"),
        rx.box(static_markdown(doc.body), class_name="topic-body", width="100%"),
        _key_concepts(doc),
        _example(doc),
        practise(doc.slug, doc.meta.exercises),
        # A printed topic is a handout: no self-check, no note editor.
        rx.vstack(
            quiz_section(doc),
            note_editor(),
            spacing="5",
            class_name="no-print",
            width="100%",
        ),
        printed_note(),
        spacing="5",
        width="100%",
        min_width="0",
    )
    side = rx.vstack(
        rx.box(
            _side_section(
                f"{layer.name} layer",
                progress_row(f"{layer.name} progress", layer_value, loaded=LearnerProgress.loaded),
                progress_row(
                    "Overall progress",
                    shown_overall_percent(),
                    size="1",
                    caption=rx.text("Overall", size="1", color_scheme="gray"),
                    loaded=LearnerProgress.loaded,
                ),
            ),
            class_name="no-print",
            width="100%",
        ),
        _side_section("Learn first", _topic_links(list(doc.meta.prerequisites)))
        if doc.meta.prerequisites
        else rx.fragment(),
        _side_section("Connects to", _topic_links(list(doc.meta.related)))
        if doc.meta.related
        else rx.fragment(),
        _side_section("Resources", _resources(doc)),
        _comparisons(doc),
        spacing="5",
        width="100%",
    )
    slug = topic_slug()
    return page(
        shortcut_listener(on_key_down=shortcut_write(slug, LearnerProgress.seen, st.SHORTCUTS)),
        reading_tracker(doc.slug, doc.title),
        rx.vstack(
            rx.el.nav(
                rx.hstack(
                    rx.link("Map", href=routes.HOME, size="2"),
                    rx.text("/", size="2", color_scheme="gray"),
                    rx.text(layer.name, size="2", color_scheme="gray"),
                    align="center",
                ),
                aria_label="Breadcrumb",
            ),
            rx.heading(doc.title, as_="h1", size="8"),
            rx.text(doc.meta.summary, size="4", color_scheme="gray"),
            _time_and_source(doc),
            rx.grid(
                main,
                rx.box(
                    side,
                    padding="1rem",
                    border_radius="12px",
                    background_color=rx.color("gray", 1),
                    border=f"1px solid {rx.color('gray', 4)}",
                    height="fit-content",
                ),
                columns={"initial": "1", "md": "minmax(0, 2fr) minmax(16rem, 1fr)"},
                spacing="6",
                width="100%",
            ),
            rx.grid(
                _neighbour(previous, "Previous"),
                _neighbour(following, "Next"),
                class_name="no-print",
                columns="2",
                spacing="3",
                width="100%",
            ),
            spacing="4",
            width="100%",
        ),
    )


PAGES = [
    routes.Page(
        routes.topic(doc.slug),
        f"{doc.title} | Stack Explorer",
        doc.meta.summary,
        routes.built_from(topic_page, doc),
        on_load=TopicState.load(doc.slug),
    )
    for doc in get_catalog().topics.values()
]
