"""Progress figures shown on every page: a few numbers, so deltas stay small."""

import reflex as rx

from stack_explorer.catalog import get_catalog
from stack_explorer.services import progress


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


class ProgressState(rx.State):
    """Done-or-skipped counts per layer for the current learner."""

    completed: dict[str, int] = {}

    @rx.var
    def overall_percent(self) -> int:
        totals = get_catalog().layer_totals()
        done = sum(min(self.completed.get(slug, 0), total) for slug, total in totals.items())
        return percent(done, sum(totals.values()))

    @rx.var
    def layer_percent(self) -> dict[str, int]:
        return {
            slug: percent(self.completed.get(slug, 0), total)
            for slug, total in get_catalog().layer_totals().items()
        }

    def _refresh(self, session, learner_id: int) -> None:
        self.completed = progress.completed_by_layer(session=session, learner_id=learner_id)
