"""The server side of offline writes: one handler applies a batch the browser kept.

Identity comes from the learner context as in every handler; the batch itself is
untrusted and is validated item by item (stack_explorer/services/pending_writes.py).
Afterwards this tab and the learner's other tabs show the result, as a normal
status change or note edit would.
"""

import reflex as rx

from stack_explorer.components.offline import PendingWritesSync, offline_indicator
from stack_explorer.handlers import checked
from stack_explorer.learner.context import learner, publish_progress, push
from stack_explorer.pages.topic.note import NoteState
from stack_explorer.pages.topic.quiz import QuizState, show_graded
from stack_explorer.services import pending_writes


class PendingWritesState(rx.State):
    settled: list[str] = []  # ids of the last batch's writes the browser may forget

    @checked
    async def apply_pending(self, items: list[dict]):
        async with learner(self) as me:
            outcome = pending_writes.apply_batch(session=me.session, learner_id=me.id, items=items)
        self.settled = outcome.settled
        if outcome.statuses_changed:
            await publish_progress(self, me.id)
        for slug, body in outcome.notes.items():
            await _show_note(self, slug, body)
        quiz_state = await self.get_state(QuizState)
        for slug, (chosen, best) in outcome.quizzes.items():
            if quiz_state.slug == slug:
                show_graded(quiz_state, chosen, best)
        return [rx.toast.info(message, duration=8000) for message in outcome.messages]


async def _show_note(state: rx.State, slug: str, body: str) -> None:
    def show(note: NoteState) -> None:
        if note.slug == slug:
            note.body, note.saved, note.failed = body, "Synced", False
            note.remote_revision += 1  # remount the editor with the saved text

    show(await state.get_state(NoteState))
    await push(state, NoteState, show)


def pending_writes_overlay() -> rx.Component:
    """Replaces Reflex's connection toast and icon (which show the server's address)."""
    return rx.fragment(
        PendingWritesSync.create(
            settled=PendingWritesState.settled,
            on_flush=PendingWritesState.apply_pending,
        ),
        offline_indicator(),
    )
