"""Applying the browser's write queue: every change a learner makes, online or not.

The browser gives each write an id and keeps it until the server settles it, so a
batch may arrive twice (its reply was lost) or long after it was made (offline).

- **Idempotent.** The id of every applied write is recorded in the same
  transaction as the write (`AppliedWrite`); a replay is settled and changes nothing.
- **Conflicts by time, not by value.** A status or note write carries `seen`: when
  (server time, ms) its browser last received the learner's data (0: never, on a page
  opened offline), and `device`, the browser that made it. When the row was changed
  on another device after `seen`, or `seen` is 0, the two changes conflict: for a
  status the later change wins; notes are joined, never dropped. Otherwise a browser's
  own earlier writes are never a conflict.
- **One item at a time.** Each item is validated and applied in its own transaction.
  A refused item is settled with a message naming it; the rest still apply.
- **Outages are not refusals.** When the database cannot be reached, the batch stops
  and nothing after that point is settled, so the browser keeps those writes and
  sends them again.
"""

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import delete, update
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlmodel import Session, select

from stack_explorer import status as st
from stack_explorer.models import AppliedWrite, Note, Progress, as_utc, utcnow
from stack_explorer.services import click_sql, exercises, goals, notes, paths, progress, quiz
from stack_explorer.services.errors import InvalidRequest
from stack_explorer.services.merge import MergeError, merge_note
from stack_explorer.services.write_items import (
    WRITE,
    WRITE_ID,
    ExerciseWrite,
    GoalWrite,
    LayerWrite,
    NoteWrite,
    PathWrite,
    QuizWrite,
    StatusWrite,
    TopicItem,
    Write,
    describe,
    title,
)

MAX_BATCH = 20  # the browser sends 10 at a time; more wait for the next batch
KEEP_APPLIED = timedelta(days=90)  # how long a replayed id is still recognised
_next_cleanup: dict[int, float] = {}  # learner id -> monotonic time of the next cleanup
UNREADABLE = (
    "One change kept on this device was damaged before it reached us, so it was not "
    "saved. Your other changes are saved; please make that one again."
)


class Unavailable(Exception):
    """The database could not be reached: nothing after this point was settled."""


@dataclass
class Outcome:
    """What a batch did: ids the browser may forget, and what to show."""

    settled: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    statuses: dict[str, str] = field(default_factory=dict)  # slug -> status now saved
    progress_changed: bool = False  # bulk or path changes: reload the learner's progress
    notes: dict[str, str] = field(default_factory=dict)  # slug -> the note now saved
    merged_notes: set[str] = field(default_factory=set)  # joined with another device's
    refused_notes: dict[str, str] = field(default_factory=dict)  # slug -> why not saved
    quizzes: dict[str, tuple[list[int], int | None]] = field(default_factory=dict)
    unanswered: dict[str, quiz.Unanswered] = field(default_factory=dict)
    # slug -> the learner's work on that topic's exercises, after a check was recorded
    exercise_work: dict[str, dict[str, exercises.Work]] = field(default_factory=dict)
    layers: list[tuple[str, str]] = field(default_factory=list)  # (layer, status) applied
    # (path followed, path stopped following): one of the two is ""
    paths: list[tuple[str, str]] = field(default_factory=list)
    goal: int | None = None  # the weekly goal now saved (goals.OFF: none), when one was set
    unavailable: bool = False  # the rest of the batch waits in the browser


def millis(moment: datetime) -> float:
    """A database time in ms since the epoch (SQLite hands back naive UTC)."""
    return as_utc(moment).timestamp() * 1000


def _now_ms() -> float:
    return millis(utcnow())


def _changed_elsewhere(row: Progress | Note | None, item: TopicItem) -> bool:
    """The row changed since the browser last saw it, by another device; or the browser
    never saw it at all (`seen` 0: a page opened offline)."""
    if row is None:
        return False
    if not item.seen:
        return True
    return row.device != item.device and millis(row.updated_at) > item.seen


def _moment(ms: float) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def _apply_status(session: Session, learner_id: int, item: StatusWrite, outcome: Outcome) -> None:
    # The conflict rule (`_changed_elsewhere`, and the later change wins) is part of
    # the write's own statement: a click costs one round trip, not a read first.
    guard = progress.Guard(made=_moment(item.at), seen=_moment(item.seen) if item.seen else None)
    if not progress.write_status(
        session=session,
        learner_id=learner_id,
        slug=item.slug,
        status=item.status,
        device=item.device,
        guard=guard,
    ):
        saved = progress.current_status(session, learner_id, item.slug)
        if saved is not None and saved != item.status:  # a later change elsewhere won
            outcome.messages.append(
                f"{title(item.slug)} was changed on another device after this change; "
                f"it stays {st.LABELS[saved]}."
            )
            return
    outcome.statuses[item.slug] = item.status


def _apply_note(session: Session, learner_id: int, item: NoteWrite, outcome: Outcome) -> None:
    topic = progress.active_topic(session, item.slug)
    row = session.exec(
        select(Note).where(Note.learner_id == learner_id, Note.topic_id == topic.id)
    ).first()
    if not _changed_elsewhere(row, item):
        notes.save_note(
            session=session,
            learner_id=learner_id,
            slug=item.slug,
            body=item.body,
            device=item.device,
        )
    elif row.body.strip() != item.body.strip():
        merge_note(
            session=session,
            learner_id=learner_id,
            topic_id=topic.id,
            body=notes.checked_body(item.body),
            updated_at=utcnow(),
        )
        session.execute(
            update(Note)
            .where(Note.learner_id == learner_id, Note.topic_id == topic.id)
            .values(device=item.device)
        )
        outcome.merged_notes.add(item.slug)
        outcome.messages.append(
            f"Your note on {topic.title} was also edited on another device; both versions are kept."
        )
    outcome.notes[item.slug] = notes.note_for(
        session=session, learner_id=learner_id, slug=item.slug
    )


def _apply_quiz(session: Session, learner_id: int, item: QuizWrite, outcome: Outcome) -> None:
    try:
        chosen = quiz.submit(
            session=session, learner_id=learner_id, slug=item.slug, answers=item.answers
        )
    except quiz.Unanswered as missing:
        outcome.unanswered[item.slug] = missing
        raise
    best = quiz.best_score(session=session, learner_id=learner_id, slug=item.slug)
    outcome.quizzes[item.slug] = (chosen, best)


def _apply_exercise(
    session: Session, learner_id: int, item: ExerciseWrite, outcome: Outcome
) -> None:
    exercises.record(
        session=session,
        learner_id=learner_id,
        slug=item.slug,
        exercise=item.exercise,
        code=item.code,
        solved=item.solved,
        at=datetime.fromtimestamp(item.at / 1000, UTC) if item.at else utcnow(),
    )
    outcome.exercise_work[item.slug] = exercises.work_for(
        session=session, learner_id=learner_id, slug=item.slug
    )


def _apply_layer(session: Session, learner_id: int, item: LayerWrite, outcome: Outcome) -> None:
    progress.set_layer_status(
        session=session, learner_id=learner_id, layer_slug=item.layer, status=item.status
    )
    outcome.layers.append((item.layer, item.status))
    outcome.progress_changed = True


def _apply_path(session: Session, learner_id: int, item: PathWrite, outcome: Outcome) -> None:
    if item.path:
        paths.follow_path(session=session, learner_id=learner_id, path_slug=item.path)
        outcome.paths.append((item.path, ""))
    else:
        stopped = paths.stop_following(session=session, learner_id=learner_id)
        outcome.paths.append(("", stopped))
    outcome.progress_changed = True


def _apply_goal(session: Session, learner_id: int, item: GoalWrite, outcome: Outcome) -> None:
    outcome.goal = goals.set_goal(
        session=session, learner_id=learner_id, topics=item.topics, zone=item.zone
    )


_APPLY = {
    StatusWrite: _apply_status,
    NoteWrite: _apply_note,
    QuizWrite: _apply_quiz,
    ExerciseWrite: _apply_exercise,
    LayerWrite: _apply_layer,
    PathWrite: _apply_path,
    GoalWrite: _apply_goal,
}


def _apply_one(session: Session, learner_id: int, item: Write, outcome: Outcome) -> None:
    """Record the id, then apply: the commit makes both durable together. An id that
    was already recorded is a replay, and changes nothing."""
    recorded = click_sql.run(
        session.connection(),
        click_sql.RECORD_WRITE_ID,
        {"learner": learner_id, "write_id": item.id, "now": utcnow()},
    )
    if recorded:
        _APPLY[type(item)](session, learner_id, item, outcome)
    session.commit()


def _is_outage(error: SQLAlchemyError) -> bool:
    """A lost or refused connection, as opposed to a value this database will not take."""
    return isinstance(error, DBAPIError) and (
        error.connection_invalidated
        or type(error.orig).__name__ in {"OperationalError", "InterfaceError"}
    )


def apply_batch(
    *, session: Session, learner_id: int, items: list, sent_at: float | None = None
) -> Outcome:
    """Apply up to MAX_BATCH writes in order; each is settled (applied, found already
    applied, or refused with a message) on its own. Items past MAX_BATCH, and every item
    from a database outage on, stay unsettled for the browser to send again.

    `sent_at` is the browser's clock when it sent the batch: item times are moved by the
    browser's offset from the server's clock, and never later than now."""
    outcome = Outcome()
    now = _now_ms()
    offset = sent_at - now if isinstance(sent_at, int | float) and sent_at > 0 else 0
    for raw in items[:MAX_BATCH]:
        try:
            item_id = WRITE_ID.validate_python(raw.get("id") if isinstance(raw, dict) else None)
        except ValidationError:
            outcome.messages.append(UNREADABLE)
            continue
        try:
            item = WRITE.validate_python(raw)
        except ValidationError:
            outcome.settled.append(item_id)
            outcome.messages.append(UNREADABLE)
            continue
        item.at = min(max(0, item.at - offset), now)
        try:
            _apply_one(session, learner_id, item, outcome)
        except quiz.Unanswered:
            session.rollback()  # shown beside the questions, not as a toast
        except IntegrityError:
            session.rollback()  # the same write, applied by a concurrent replay
        except (InvalidRequest, MergeError) as error:
            session.rollback()
            outcome.messages.append(f"Not applied: {describe(item)}. {error}")
            if isinstance(item, NoteWrite):
                outcome.refused_notes[item.slug] = str(error)
        except SQLAlchemyError as error:
            session.rollback()
            if _is_outage(error):
                outcome.unavailable = True
                break
            outcome.messages.append(
                f"Not applied: {describe(item)}. The database refused it, so it was dropped."
            )
        outcome.settled.append(item_id)
    _forget_old_ids(session, learner_id)
    return outcome


def _forget_old_ids(session: Session, learner_id: int) -> None:
    """Housekeeping, at most once an hour per learner and process: ids are kept for
    months, so an hour more or less changes nothing, and a click saves a statement."""
    now = time.monotonic()
    if now < _next_cleanup.get(learner_id, 0.0):
        return
    if len(_next_cleanup) > 100_000:
        _next_cleanup.clear()
    _next_cleanup[learner_id] = now + 3600
    try:
        session.execute(
            delete(AppliedWrite).where(
                AppliedWrite.learner_id == learner_id,
                AppliedWrite.at < utcnow() - KEEP_APPLIED,
            )
        )
        session.commit()
    except SQLAlchemyError:
        session.rollback()  # housekeeping: the next batch tries again
