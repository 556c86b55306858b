"""`/`: the stack map, with every layer, its topics and the learner's progress."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import LayerDoc, get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.offline import layer_write
from stack_explorer.components.offline.snapshots import statuses_kept_at, statuses_kept_offline
from stack_explorer.components.progress import big_percent, progress_bar
from stack_explorer.components.reading import continue_card
from stack_explorer.components.stack_map import stack_map
from stack_explorer.components.status import map_status_mark
from stack_explorer.components.weekly_goal import goal_card
from stack_explorer.handlers import checked
from stack_explorer.learner.context import resolve
from stack_explorer.learner.goal import WeeklyGoalState
from stack_explorer.learner.progress import (
    LearnerProgress,
    shown_layer_percents,
    shown_overall_percent,
)
from stack_explorer.pages.map_filters import (
    around_shown,
    card_filter,
    layer_links,
    layer_shown,
    map_filters,
    no_match_card,
)
from stack_explorer.pages.paths import stop_following_button

LAYER_ACTIONS = {st.DONE: "Mark all done", st.NOT_STARTED: "Reset"}


class HomeState(rx.State):
    @checked
    async def load(self):
        await resolve(self)


def _slugs_in(layer_slug: str) -> list[str]:
    return [topic.slug for topic in get_catalog().topics_in(layer_slug)]


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
                    rx.button(
                        label,
                        on_click=layer_write(layer.slug, status, _slugs_in(layer.slug)),
                    ),
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
    overall = shown_overall_percent()
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
                big_percent(overall, LearnerProgress.loaded),
                progress_bar("Overall progress", overall, "3", LearnerProgress.loaded),
                rx.text("Done and skipped topics count as covered.", size="1", color_scheme="gray"),
                spacing="2",
                width="100%",
            ),
            flex="1",
            min_width="16rem",
            size="3",
        ),
        direction={"initial": "column", "md": "row"},
        spacing="6",
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
                                    " ",
                                    stop_following_button(
                                        size="1", margin_left="0.5rem", vertical_align="middle"
                                    ),
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
                        rx.text(
                            LearnerProgress.next_up_reason,
                            size="1",
                            color_scheme="gray",
                            id="next-up-reason",
                        ),
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


LEARNING_SHOWN = 6


def learning_card() -> rx.Component:
    """The topics the learner marked Learning, first thing after where they were reading."""
    titles = rx.Var.create({slug: doc.title for slug, doc in get_catalog().topics.items()})
    learning = LearnerProgress.learning
    return rx.cond(
        learning.length() > 0,
        rx.el.section(
            rx.hstack(
                rx.text("You are learning", size="2", color_scheme="gray"),
                rx.foreach(
                    learning[:LEARNING_SHOWN],
                    lambda slug: rx.link(
                        rx.badge(
                            titles[slug].to(str), color_scheme="amber", size="2", high_contrast=True
                        ),
                        href=routes.TOPIC_PREFIX + slug,
                    ),
                ),
                rx.cond(
                    learning.length() > LEARNING_SHOWN,
                    rx.link(
                        "and ",
                        (learning.length() - LEARNING_SHOWN).to_string(),
                        " more",
                        href=routes.MY_PROGRESS,
                        size="2",
                    ),
                ),
                align="center",
                wrap="wrap",
                spacing="2",
            ),
            aria_label="You are learning",
            id="learning-now",
            width="100%",
        ),
    )


def due_reviews_card() -> rx.Component:
    """Shown while self-check questions wait for review."""
    count = LearnerProgress.due_reviews
    return rx.cond(
        count > 0,
        rx.callout(
            rx.link(
                rx.cond(count == 1, "1 question", count.to_string() + " questions"),
                " due for review",
                href=routes.REVIEW,
                weight="medium",
            ),
            icon="repeat",
            color_scheme="amber",
            width="100%",
            id="due-reviews",
        ),
    )


def offline_statuses_note(kept: rx.Var) -> rx.Component:
    """Says where the statuses on a map opened offline come from, and how old they are."""
    return rx.cond(
        ~LearnerProgress.loaded & kept,
        rx.callout(
            "You are offline: the statuses on this map are as this browser last saw them, "
            "on " + statuses_kept_at() + ". What you change now syncs when you reconnect.",
            icon="wifi-off",
            color_scheme="amber",
            width="100%",
            id="statuses-snapshot",
        ),
    )


def home() -> rx.Component:
    kept = statuses_kept_offline()
    return page(
        rx.vstack(
            hero(),
            continue_card(),
            learning_card(),
            due_reviews_card(),
            goal_card(),
            next_up_card(),
            offline_statuses_note(kept),
            map_filters(),
            layer_links(),
            stack_map(
                lambda slug: map_status_mark(slug=slug, kept=kept),
                shown_layer_percents(),
                LearnerProgress.loaded,
                layer_actions,
                layer_shown,
                card_filter,
                around_shown(),
            ),
            no_match_card(),
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
        on_load=[HomeState.load, WeeklyGoalState.load],
    )
]
