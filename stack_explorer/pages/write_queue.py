"""The server side of the browser's write queue, and the identity keeper on every page.

Every change a learner makes reaches the server here, as a batch of writes with ids,
together with the tokens the browser holds at that moment (`adopt`): a tab whose
server state was forgotten still writes to its own learner. The batch itself is
untrusted and is validated item by item (stack_explorer/services/writes.py).
Afterwards this tab and the learner's other tabs show the result.
"""

import functools

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.components.offline import identity_keeper, offline_indicator, write_queue
from stack_explorer.handlers import checked
from stack_explorer.learner import goal as weekly_goal
from stack_explorer.learner.context import (
    adopt,
    off_loop,
    publish_progress,
    publish_status,
    push,
)
from stack_explorer.learner.state import LearnerState
from stack_explorer.pages.topic.exercises import ExerciseState, show_work
from stack_explorer.pages.topic.note import NoteState, show_refused_note, show_saved_note
from stack_explorer.pages.topic.quiz import QuizState, show_graded, show_unanswered
from stack_explorer.pages.topic.state import (
    TopicState,
    show_saved_status,
    show_status_saved_elsewhere,
)
from stack_explorer.reflex_internals import page_load_events
from stack_explorer.services import goals, writes

COULD_NOT_SAVE = "Couldn't save your changes just now. They are kept and will be sent again."


class WriteQueueState(rx.State):
    # The last reply: a counter (so an identical reply still counts), the ids the
    # browser may forget, and whether to send the rest again later.
    reply: dict = {"n": 0, "settled": [], "retry": False}

    def _answer(self, settled: list[str], retry: bool) -> None:
        self.reply = {"n": self.reply["n"] + 1, "settled": settled, "retry": retry}

    @checked
    async def apply(self, items: list[dict], token: str, session_token: str, sent_at: float):
        try:
            learner_id, notice = await adopt(self, token, session_token)
            outcome, goal_on = await off_loop(_apply, learner_id, items, sent_at)
        except SQLAlchemyError:
            self._answer([], retry=True)
            return
        self._answer(outcome.settled, retry=outcome.unavailable)
        events = await _show(self, learner_id, outcome)
        if goal_on:
            await weekly_goal.publish(self, learner_id)
        events += [rx.toast.info(message, duration=8000) for message in outcome.messages]
        if notice:
            events.insert(0, rx.toast.warning(notice, duration=12000))
        return events

    @checked
    async def identify(self, token: str, session_token: str):
        """The browser's stored tokens, sent by the identity keeper whenever this tab's
        server state may not know them. When it did not, the page's data is loaded again."""
        known = (await self.get_state(LearnerState)).identified
        try:
            _, notice = await adopt(self, token, session_token)
        except SQLAlchemyError:
            return None  # the keeper sends them again in a few seconds
        events = [] if known else page_load_events(self.router.url.path)
        return [rx.toast.warning(notice, duration=12000), *events] if notice else events


def _show_remote_note(other: NoteState, slug: str, body: str) -> None:
    show_saved_note(other, slug, body, remount=True)


def _apply(learner_id: int, items: list, sent_at: float) -> tuple[writes.Outcome, bool]:
    """The batch's outcome, and whether the weekly goal is to be shown again: it was set,
    or the learner has one and something it counts was saved."""
    # In a worker thread: the event loop serves other tabs while the database answers.
    with rx.session() as session:
        outcome = writes.apply_batch(
            session=session, learner_id=learner_id, items=items, sent_at=sent_at
        )
        counted = outcome.statuses or outcome.layers or outcome.quizzes or outcome.exercise_work
        goal_on = outcome.goal is not None or (
            bool(counted) and goals.goal_of(session=session, learner_id=learner_id) is not None
        )
    return outcome, goal_on


async def _show(state: rx.State, learner_id: int, outcome: writes.Outcome) -> list:
    """Show what the batch saved, here and in the learner's other tabs; return the
    events that go with it (focus on a graded quiz, toasts for layers and paths)."""
    topic = await state.get_state(TopicState)
    for slug, status in outcome.statuses.items():
        show_saved_status(topic, slug, status)
        saved_elsewhere = functools.partial(show_status_saved_elsewhere, slug=slug, status=status)
        await publish_status(state, slug, status, (TopicState, saved_elsewhere))
    if outcome.progress_changed:
        await publish_progress(state, learner_id)
    note = await state.get_state(NoteState)
    for slug, body in outcome.notes.items():
        show_saved_note(note, slug, body, remount=slug in outcome.merged_notes)
        await push(state, (NoteState, functools.partial(_show_remote_note, slug=slug, body=body)))
    for slug, reason in outcome.refused_notes.items():
        show_refused_note(note, slug, reason)
    shown_work = await state.get_state(ExerciseState)
    for slug, found in outcome.exercise_work.items():
        show_work(shown_work, slug, found)
        await push(state, (ExerciseState, functools.partial(show_work, slug=slug, found=found)))
    quiz = await state.get_state(QuizState)
    events = []
    for slug, (chosen, best) in outcome.quizzes.items():
        if quiz.slug == slug:
            events.append(show_graded(quiz, chosen, best))
    for slug, missing in outcome.unanswered.items():
        if quiz.slug == slug:
            events.append(show_unanswered(quiz, missing))
    catalog = get_catalog()
    events += [
        rx.toast.success(f"{catalog.layer(layer).name}: {'all done' if s == st.DONE else 'reset'}")
        for layer, s in outcome.layers
    ]
    events += [_path_toast(*change) for change in outcome.paths]
    if outcome.goal is not None:
        events.append(rx.toast.success(_goal_message(outcome.goal)))
    return events


def _goal_message(goal: int) -> str:
    if goal == goals.OFF:
        return "Weekly goal turned off. Your progress is unchanged."
    return f"Weekly goal: {goal} {'topic' if goal == 1 else 'topics'} a week."


def _path_toast(followed: str, stopped: str):
    titles = {slug: path.title for slug, path in get_catalog().paths.items()}
    if followed:
        return rx.toast.success(f"Following “{titles[followed]}”. Next up is on your map.")
    if stopped:
        return rx.toast.success(
            f"You no longer follow “{titles[stopped]}”. Nothing was deleted: "
            "your statuses and notes stay as they are."
        )
    return rx.toast.info("You are not following a learning path.")


def write_queue_overlay() -> rx.Component:
    """The queue, the identity keeper and the connection indicator (which replaces
    Reflex's own connection toast, since that shows the server's address)."""
    return rx.fragment(
        write_queue(WriteQueueState.reply, WriteQueueState.apply),
        identity_keeper(LearnerState.identified, WriteQueueState.identify),
        offline_indicator(),
    )
