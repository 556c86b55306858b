"""`/paths` and `/paths/<slug>`: curated learning paths with their own progress."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.catalog.schema import PathMeta, time_to_learn
from stack_explorer.components.cards import link_card
from stack_explorer.components.layout import page
from stack_explorer.components.offline import path_write
from stack_explorer.components.progress import once_loaded, progress_row
from stack_explorer.components.sections import page_header, section_card
from stack_explorer.components.static_markdown import static_markdown
from stack_explorer.components.status import learner_status_mark
from stack_explorer.handlers import checked
from stack_explorer.learner.context import resolve
from stack_explorer.learner.progress import LearnerProgress


class PathState(rx.State):
    @checked
    async def load(self):
        await resolve(self)


def stop_following_button(**props) -> rx.Component:
    """Stop following the current path; it only drops the choice of path, never progress."""
    style = {"variant": "soft", "color_scheme": "gray", **props}
    return rx.button("Stop following", on_click=path_write(""), **style)


def followed_path_card(
    current: rx.Var[str], done: rx.Var[int], loaded: rx.Var[bool]
) -> rx.Component:
    """The path the learner follows (`current`, "" for none) and its percent `done`, for
    `/me/progress`: open it, or stop following it. Nothing is said until `loaded`."""
    titles = rx.Var.create({slug: path.title for slug, path in get_catalog().paths.items()})
    return section_card(
        "Learning path",
        once_loaded(
            loaded,
            rx.cond(
                current != "",
                rx.vstack(
                    rx.text(
                        "You follow ",
                        rx.link(
                            titles[current].to(str), href=routes.path(current), underline="always"
                        ),
                        ": Next up on your map comes from it.",
                        size="2",
                    ),
                    rx.hstack(
                        rx.text(
                            done.to_string() + "% done",
                            size="2",
                            color_scheme="gray",
                        ),
                        stop_following_button(size="2"),
                        align="center",
                        justify="between",
                        width="100%",
                    ),
                    spacing="2",
                    width="100%",
                ),
                rx.text(
                    "You follow no learning path. ",
                    rx.link("Choose one", href=routes.PATHS, underline="always"),
                    " and Next up on your map will walk you through it.",
                    size="2",
                ),
            ),
            "line",
        ),
    )


def _path_progress(path: PathMeta) -> rx.Component:
    value = LearnerProgress.path_percent.get(path.slug, 0).to(int)
    return progress_row(f"{path.title} progress", value, loaded=LearnerProgress.loaded)


def _time(path: PathMeta) -> str:
    topics = get_catalog().topics
    return time_to_learn([topics[slug] for slug in path.topics if slug in topics])


def path_card(path: PathMeta) -> rx.Component:
    return link_card(
        path.title,
        routes.path(path.slug),
        path.summary,
        rx.hstack(
            rx.text(f"{len(path.topics)} topics · {_time(path)}", size="1", color_scheme="gray"),
            rx.cond(
                LearnerProgress.current_path == path.slug,
                rx.badge("You follow this path", color_scheme="green", size="1"),
            ),
            align="center",
            wrap="wrap",
        ),
        _path_progress(path),
    )


def paths_index() -> rx.Component:
    return page(
        rx.vstack(
            page_header(
                "Learning paths",
                "Curated routes through the stack, each topic in an order that builds on the last.",
            ),
            rx.grid(
                *[path_card(p) for p in get_catalog().paths.values()],
                columns={"initial": "1", "sm": "2"},
                spacing="4",
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )


@rx.memo
def step_marks(slug: rx.Var[str]) -> rx.Component:
    """A step's status and "Next up": one shared component, whatever the topic."""
    return rx.fragment(
        learner_status_mark(slug=slug),
        rx.cond(LearnerProgress.next_up == slug, rx.badge("Next up", color_scheme="indigo")),
    )


def path_page(path: PathMeta) -> rx.Component:
    topics = get_catalog().topics
    steps = [
        rx.el.li(
            rx.hstack(
                rx.link(topics[slug].title, href=routes.topic(slug), weight="medium"),
                step_marks(slug=slug),
                align="center",
                wrap="wrap",
            ),
            rx.text(topics[slug].meta.summary, size="2", color_scheme="gray"),
            class_name="path-step",
        )
        for slug in path.topics
    ]
    following = LearnerProgress.current_path == path.slug
    return page(
        rx.vstack(
            rx.el.nav(
                rx.link("All learning paths", href=routes.PATHS, size="2"), aria_label="Breadcrumb"
            ),
            page_header(path.title, f"{path.summary} ({_time(path)} in all.)"),
            rx.card(
                rx.vstack(
                    _path_progress(path),
                    rx.cond(
                        LearnerProgress.loaded,
                        rx.text(
                            "Left for you: ",
                            LearnerProgress.path_time_left.get(path.slug, ""),
                            size="2",
                            color_scheme="gray",
                        ),
                    ),
                    rx.cond(
                        following,
                        rx.flex(
                            rx.text(
                                "You are following this path: Next up on your map comes from it. "
                                "Stopping keeps all your progress.",
                                size="2",
                            ),
                            stop_following_button(flex_shrink="0"),
                            direction={"initial": "column", "sm": "row"},
                            align={"initial": "start", "sm": "center"},
                            justify="between",
                            gap="0.75rem",
                            width="100%",
                        ),
                        rx.button("Follow this path", on_click=path_write(path.slug)),
                    ),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
            ),
            rx.box(static_markdown(path.intro), class_name="topic-body", max_width="48rem"),
            rx.heading("Steps", as_="h2", size="5"),
            rx.el.ol(*steps, class_name="path-steps"),
            spacing="4",
            width="100%",
        )
    )


PAGES = [
    routes.Page(
        routes.PATHS,
        "Learning paths | Stack Explorer",
        "Curated routes through the Python full stack, in an order that builds.",
        paths_index,
        on_load=PathState.load,
    ),
    *[
        routes.Page(
            routes.path(path.slug),
            f"{path.title} | Stack Explorer",
            path.summary,
            routes.built_from(path_page, path),
            on_load=PathState.load,
        )
        for path in get_catalog().paths.values()
    ],
]
