"""What the overview on `/me/progress` loads: exercises solved, the chart's timeline
and recent activity (a whole-layer action is one entry)."""

import reflex as rx

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.handlers import checked
from stack_explorer.learner.context import Me, learner
from stack_explorer.services import exercises, progress


class OverviewState(rx.State):
    timeline: list[dict] = []
    recent: list[dict[str, str]] = []
    solved: int = -1  # exercises solved; -1 until loaded (and so is everything here)

    @rx.var
    def chart_summary(self) -> str:
        """The chart's accessible name: what a sighted learner reads off it."""
        if not self.timeline:
            return ""
        first, last = self.timeline[0], self.timeline[-1]
        summary = f"Chart of topics covered per day: {last['completed']} on {last['day']}"
        if len(self.timeline) > 1:
            summary += f", from {first['completed']} on {first['day']}"
        return summary

    @checked
    async def load(self):
        async with learner(self) as me:
            self._reload(me)

    def _reload(self, me: Me) -> None:
        self.solved = exercises.solved_count(session=me.session, learner_id=me.id)
        events = progress.history(session=me.session, learner_id=me.id)
        timeline = progress.completion_timeline(events)
        # A curve that never leaves zero says nothing: the empty state says what to do.
        self.timeline = timeline if any(day["completed"] for day in timeline) else []
        self.recent = recent_entries(events)


BULK_SECONDS = 2  # changes of one layer to one status this close together: one action
BULK_SIZE = 3


def recent_entries(events: list[tuple], limit: int = 10) -> list[dict[str, str]]:
    """The newest changes first, one entry each, except that a whole-layer action (many
    topics of one layer given one status at once) is one entry: "Backend: 40 topics"."""
    topics = get_catalog().topics
    groups: list[list[tuple]] = []
    for event in reversed(events):
        slug, _title, value, at = event
        last = groups[-1][0] if groups else None
        if (
            last is not None
            and last[2] == value
            and slug in topics
            and last[0] in topics
            and topics[last[0]].layer == topics[slug].layer
            and abs((last[3] - at).total_seconds()) <= BULK_SECONDS
        ):
            groups[-1].append(event)
        else:
            groups.append([event])
    entries = []
    for group in groups:
        if len(group) < BULK_SIZE:
            entries += [_entry(slug, title, value, at) for slug, title, value, at in group]
        else:
            slug, _title, value, at = group[0]
            layer = get_catalog().layer(topics[slug].layer)
            entries.append(_entry("", f"{layer.name}: {len(group)} topics", value, at))
    return entries[:limit]


def _entry(slug: str, title: str, value: str, at) -> dict[str, str]:
    when = at.strftime("%Y-%m-%d %H:%M")
    return {"slug": slug, "title": title, "status": st.LABELS[value], "when": when}
