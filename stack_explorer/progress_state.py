"""Live progress shared by every open tab of a learner.

`LearnerProgress` holds one tab's copy of the learner's statuses; the
percentages are computed from them. The learner context fills it from the
database and pushes every change to the learner's other tabs and devices.
"""

import reflex as rx

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
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


class LearnerProgress(rx.State):
    """Slug -> status for the topics this learner has touched (active topics only),
    and the learning path the learner follows."""

    statuses: dict[str, str] = {}
    current_path: str = ""
    # False until this tab has received the learner's progress: pages show placeholders
    # instead of a false 0% meanwhile.
    loaded: bool = False

    @rx.var
    def next_up(self) -> str:
        return paths.next_up(self.statuses, self.current_path)

    @rx.var
    def path_percent(self) -> dict[str, int]:
        return {
            slug: percent(
                sum(self.statuses.get(t) in st.COMPLETED for t in path.topics), len(path.topics)
            )
            for slug, path in get_catalog().paths.items()
        }

    @rx.var
    def layer_percent(self) -> dict[str, int]:
        return layer_percentages(self.statuses)

    @rx.var
    def overall_percent(self) -> int:
        return overall_percentage(self.statuses)
