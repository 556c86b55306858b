"""Live progress of a learner, one copy per open tab.

`LearnerProgress.statuses` holds the statuses as last loaded in full;
`changes` holds the topics changed since, one entry per topic. A status click
therefore sends back one small entry, not the learner's whole history: the
browser shows `statuses` merged with `changes` (`shown_statuses`), and the two
are folded together when the tab loads another page (`learner_context.resolve`).

The percentages and "next up" are plain vars, recomputed on the server after
each change and sent only when their value changed. A click on a topic page
recomputes only what that page shows (its layer's and the overall percentage);
the path percentages and "next up" follow when the tab opens another page.
"""

import time

import reflex as rx

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.catalog.schema import time_to_learn
from stack_explorer.components.offline import optimistic_layers, optimistic_percent
from stack_explorer.services import paths


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def completed_by_layer(statuses: dict[str, str]) -> dict[str, int]:
    topics = get_catalog().topics
    counts: dict[str, int] = {}
    for slug, value in statuses.items():
        if value in st.COMPLETED and slug in topics:
            layer = topics[slug].layer
            counts[layer] = counts.get(layer, 0) + 1
    return counts


def layer_percentages(statuses: dict[str, str]) -> dict[str, int]:
    done = completed_by_layer(statuses)
    totals = get_catalog().layer_totals()
    return {slug: percent(done.get(slug, 0), total) for slug, total in totals.items()}


def overall_percentage(statuses: dict[str, str]) -> int:
    total = sum(get_catalog().layer_totals().values())
    return percent(sum(completed_by_layer(statuses).values()), total)


def path_percentages(statuses: dict[str, str]) -> dict[str, int]:
    return {
        slug: percent(sum(statuses.get(t) in st.COMPLETED for t in path.topics), len(path.topics))
        for slug, path in get_catalog().paths.items()
    }


def path_time_left(statuses: dict[str, str]) -> dict[str, str]:
    """Per path, the reading and practice time of the topics not yet done or skipped."""
    topics = get_catalog().topics
    left = {}
    for slug, path in get_catalog().paths.items():
        docs = [
            topics[t] for t in path.topics if t in topics and statuses.get(t) not in st.COMPLETED
        ]
        left[slug] = time_to_learn(docs) if docs else "nothing left"
    return left


MAX_CHANGES = 8  # topics in `changes` before they are folded into `statuses`


def _set(obj, name: str, value) -> None:
    """Assign only on change, so an unchanged var is not re-sent to the browser."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


class LearnerProgress(rx.State):
    """Slug -> status for the topics this learner has touched (active topics only),
    the learning path the learner follows, and what follows from them."""

    statuses: dict[str, str] = {}
    changes: dict[str, str] = {}  # set since `statuses` was last loaded in full
    current_path: str = ""
    # False until this tab has received the learner's progress: pages show placeholders
    # instead of a false 0% meanwhile.
    loaded: bool = False
    next_up: str = ""
    next_up_reason: str = ""
    learning: list[str] = []  # topics marked Learning, in map order
    path_percent: dict[str, int] = {}
    path_time_left: dict[str, str] = {}
    layer_percent: dict[str, int] = {}
    overall_percent: int = 0
    _paths_stale: bool = False  # path_percent and next_up wait for the next page
    # When (server time, ms) this tab last received the learner's statuses: each status
    # write carries it, so the server can tell a change made elsewhere since.
    seen: float = 0
    due_reviews: int = 0  # self-check questions due for review now

    # No public methods here: any public method of a state is an event handler that
    # any client could call. The functions below change it from the server only.


def current(shown: LearnerProgress) -> dict[str, str]:
    """The statuses as shown: the full load with the changes since laid over it."""
    merged = {**shown.statuses, **shown.changes}
    return {slug: value for slug, value in merged.items() if value != st.NOT_STARTED}


def _derive(shown: LearnerProgress, everything: bool = True) -> None:
    statuses = current(shown)
    _set(shown, "layer_percent", layer_percentages(statuses))
    _set(shown, "overall_percent", overall_percentage(statuses))
    if everything:
        _set(shown, "next_up", paths.next_up(statuses, shown.current_path))
        _set(shown, "next_up_reason", paths.next_up_reason(shown.next_up, shown.current_path))
        _set(shown, "learning", paths.learning_now(statuses))
        _set(shown, "path_percent", path_percentages(statuses))
        _set(shown, "path_time_left", path_time_left(statuses))
    _set(shown, "_paths_stale", not everything)


def now_ms() -> float:
    return time.time() * 1000


def load_all(
    shown: LearnerProgress,
    statuses: dict[str, str],
    current_path: str,
    seen: float = 0,
    due_reviews: int = 0,
) -> None:
    """Replace everything with a full snapshot from the database, read after `seen`."""
    _set(shown, "seen", seen)
    _set(shown, "due_reviews", due_reviews)
    _set(shown, "statuses", statuses)
    _set(shown, "changes", {})
    _set(shown, "current_path", current_path)
    _derive(shown)
    _set(shown, "loaded", True)


def clear(shown: LearnerProgress) -> None:
    """Show no learner's progress: placeholders until the next learner's arrives."""
    load_all(shown, {}, "")
    _set(shown, "loaded", False)


def change(shown: LearnerProgress, slug: str, status: str, on_topic_page: bool = False) -> None:
    """One topic's new status: sent as one entry of `changes`. A topic page shows
    no path percentages nor "next up": those wait for the next page there."""
    if current(shown).get(slug, st.NOT_STARTED) != status:
        shown.seen = now_ms()
        if len(shown.changes) >= MAX_CHANGES and slug not in shown.changes:
            fold(shown)  # many changes pushed from other tabs: one full send, then small again
        shown.changes = {**shown.changes, slug: status}
        _derive(shown, everything=not on_topic_page)


def show_due_reviews(shown: LearnerProgress, count: int) -> None:
    _set(shown, "due_reviews", count)


def fold(shown: LearnerProgress) -> None:
    """On a page load: move `changes` into `statuses` (sends the full statuses once)
    and bring what waited up to date."""
    if shown.changes:
        shown.statuses = current(shown)
        shown.changes = {}
    if shown._paths_stale:
        _derive(shown)


# What the browser shows: the full load with the changes since laid over it.
shown_statuses = LearnerProgress.statuses.merge(LearnerProgress.changes)


def status_of(slug: str | rx.Var[str]) -> rx.Var[str]:
    return shown_statuses.get(slug, st.NOT_STARTED).to(str)


# The bars as shown: the browser lays the statuses still waiting in its write queue
# over the server's, so a click moves them at once (components/offline/progress_core.js).
def shown_overall_percent() -> rx.Var[int]:
    total = sum(get_catalog().layer_totals().values())
    return optimistic_percent(LearnerProgress.overall_percent, shown_statuses, None, total)


def shown_layer_percent(layer: str) -> rx.Var[int]:
    slugs = [topic.slug for topic in get_catalog().topics_in(layer)]
    server = LearnerProgress.layer_percent.get(layer, 0).to(int)
    return optimistic_percent(server, shown_statuses, slugs)


def shown_layer_percents() -> rx.Var[dict[str, int]]:
    catalog = get_catalog()
    layers = {
        layer.slug: [topic.slug for topic in catalog.topics_in(layer.slug)]
        for layer in catalog.layers
    }
    return optimistic_layers(LearnerProgress.layer_percent, shown_statuses, layers)
