"""What a topic page shows of the learner: loaded in one event when the page opens
(its note, its self-check, its exercise work), and the "Saved" indicator of its status."""

import reflex as rx

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.handlers import checked
from stack_explorer.learner.context import Me, in_thread
from stack_explorer.learner.progress import LearnerProgress, now_ms, status_of
from stack_explorer.pages.topic import exercises as practise_state
from stack_explorer.pages.topic import note as note_editor_state
from stack_explorer.pages.topic import quiz as self_check_state
from stack_explorer.pages.topic.exercises import ExerciseState
from stack_explorer.pages.topic.note import NoteState
from stack_explorer.pages.topic.quiz import QuizState
from stack_explorer.services import exercises, notes
from stack_explorer.services.errors import InvalidRequest


class TopicState(rx.State):
    saved: str = ""  # what the saved indicator says ("Saved: Done")
    _saved_slug: str = ""  # the topic it is about
    _shown_slug: str = ""  # the topic this tab shows

    @checked
    async def load(self, slug: str):
        """Everything a topic page shows of the learner, in one event and one database
        session: its note, its self-check, its exercise work."""
        doc = get_catalog().topics.get(slug)
        if doc is None:
            return rx.toast.error(f"Unknown topic: {slug!r}")
        seen = now_ms()  # before the reads: a change after it is not in what is shown

        def read(me: Me):
            note = notes.note_for(session=me.session, learner_id=me.id, slug=slug)
            work = (
                exercises.work_for(session=me.session, learner_id=me.id, slug=slug)
                if doc.meta.exercises
                else None
            )
            return note, self_check_state.read(me.session, me.id, slug), work

        try:
            note, self_check, work = await in_thread(self, read)
        except InvalidRequest as error:
            return rx.toast.error(str(error))
        self._shown_slug = slug
        if slug != self._saved_slug:
            self.saved = ""
        note_editor_state.show_loaded(await self.get_state(NoteState), slug, note, seen)
        self_check_state.show_loaded(await self.get_state(QuizState), doc, self_check)
        if work is not None:
            practise_state.show_loaded(await self.get_state(ExerciseState), slug, work)


def show_saved_status(topic: TopicState, slug: str, status: str) -> None:
    topic.saved, topic._saved_slug = f"Saved: {st.LABELS[status]}", slug


def show_status_saved_elsewhere(topic: TopicState, slug: str, status: str) -> None:
    """Another tab of the learner saved this topic's status: a tab showing the topic
    says so too. Tabs of one browser share the write queue, so the tab where the click
    happened may not be the one whose batch carried it."""
    if topic._shown_slug == slug:
        show_saved_status(topic, slug, status)


def topic_status(slug: str | rx.Var[str]) -> rx.Var[str]:
    """The learner's status of a topic; none is selected until their progress arrives."""
    return rx.cond(LearnerProgress.loaded, status_of(slug), "")
