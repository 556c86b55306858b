"""Applying the writes a browser kept while it was offline, with the merge rule.

Each status or note write carries its `base`: what the browser last had from the
server before the first offline edit. When the server still holds that base,
nobody else changed the topic meanwhile and the write applies as a normal click
or edit would. When it holds something else (another tab or device wrote in the
meantime), the merge rule decides, as it does for logins and imports: the more
advanced status wins and the later change breaks ties; notes are joined, never
dropped. Quiz answers are scored as a normal submission: every attempt is kept.

Any client can send any batch, so every item is validated on its own. An invalid
item is refused with a message; the valid items around it still apply.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError
from sqlmodel import Session, select

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.models import Note, Progress, utcnow
from stack_explorer.services import notes, progress, quiz
from stack_explorer.services.merge import MergeError, merge_note, merge_progress
from stack_explorer.services.progress import InvalidRequest, active_topic

MAX_BATCH = 20  # the browser sends 10 at a time; more wait for the next batch
UNREADABLE = "A change saved while offline could not be read, so it was not applied."

ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
Slug = Annotated[str, StringConstraints(max_length=100)]
Status = Literal[st.NOT_STARTED, st.LEARNING, st.DONE, st.SKIPPED]
NoteText = Annotated[str, StringConstraints(max_length=notes.MAX_NOTE_CHARS)]


class _Item(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    id: ItemId
    slug: Slug
    at: Annotated[float, Field(ge=0)] = 0  # when it was made, in ms since the epoch


class StatusWrite(_Item):
    kind: Literal["status"]
    status: Status
    base: Status


class NoteWrite(_Item):
    kind: Literal["note"]
    body: str  # its length is checked by the notes service, with its own message
    base: NoteText


class QuizWrite(_Item):
    kind: Literal["quiz"]
    answers: Annotated[dict[str, str | int], Field(max_length=100)]


Write = Annotated[StatusWrite | NoteWrite | QuizWrite, Field(discriminator="kind")]
_WRITE = TypeAdapter(Write)
_ID = TypeAdapter(ItemId)


@dataclass
class Outcome:
    """What a batch did: ids the browser may forget, and what to show."""

    settled: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    statuses_changed: bool = False
    notes: dict[str, str] = field(default_factory=dict)  # slug -> the note now saved
    quizzes: dict[str, tuple[list[int], int | None]] = field(default_factory=dict)


def _when(at_ms: float, now: datetime, like: datetime | None) -> datetime:
    """The time of an offline write, never in the future, as naive or aware as `like`."""
    try:
        at = min(datetime.fromtimestamp(at_ms / 1000, UTC), now)
    except (OverflowError, OSError, ValueError):
        at = now
    return at.replace(tzinfo=None) if like is not None and like.tzinfo is None else at


def _apply_status(session: Session, learner_id: int, item: StatusWrite, outcome: Outcome) -> None:
    topic = active_topic(session, item.slug)
    row = session.exec(
        select(Progress).where(Progress.learner_id == learner_id, Progress.topic_id == topic.id)
    ).first()
    current = row.status if row else st.NOT_STARTED
    if current == item.status:
        return
    if current == item.base:  # unchanged on the server: a plain click
        progress.set_status(
            session=session, learner_id=learner_id, slug=item.slug, status=item.status
        )
        outcome.statuses_changed = True
        return
    at = _when(item.at, utcnow(), row.updated_at if row else None)
    if merge_progress(
        session=session, learner_id=learner_id, topic_id=topic.id, status=item.status, updated_at=at
    ):
        session.commit()
        outcome.statuses_changed = True
    else:
        outcome.messages.append(
            f"{topic.title} was changed elsewhere while you were offline; "
            f"it stays {st.LABELS[current]}."
        )


def _apply_note(session: Session, learner_id: int, item: NoteWrite, outcome: Outcome) -> None:
    topic = active_topic(session, item.slug)
    row = session.exec(
        select(Note).where(Note.learner_id == learner_id, Note.topic_id == topic.id)
    ).first()
    current = row.body if row else ""
    if current == item.body:
        return
    if current == item.base:  # unchanged on the server: a plain edit
        notes.save_note(session=session, learner_id=learner_id, slug=item.slug, body=item.body)
    elif len(item.body) > notes.MAX_NOTE_CHARS:
        raise InvalidRequest(f"Your offline note on {topic.title} is too long to merge.")
    else:
        at = _when(item.at, utcnow(), row.updated_at if row else None)
        if not merge_note(
            session=session, learner_id=learner_id, topic_id=topic.id, body=item.body, updated_at=at
        ):
            return
        session.commit()
        outcome.messages.append(
            f"Your note on {topic.title} was also edited elsewhere; both versions are kept."
        )
    outcome.notes[item.slug] = notes.note_for(
        session=session, learner_id=learner_id, slug=item.slug
    )


def _apply_quiz(session: Session, learner_id: int, item: QuizWrite, outcome: Outcome) -> None:
    chosen = quiz.submit(
        session=session, learner_id=learner_id, slug=item.slug, answers=item.answers
    )
    best = quiz.best_score(session=session, learner_id=learner_id, slug=item.slug)
    outcome.quizzes[item.slug] = (chosen, best)


def _describe(item: StatusWrite | NoteWrite | QuizWrite) -> str:
    doc = get_catalog().topics.get(item.slug)
    title = doc.title if doc else "an unknown topic"
    if isinstance(item, StatusWrite):
        return f"your status for {title}, set while offline"
    if isinstance(item, NoteWrite):
        return f"your note on {title}, written while offline"
    return f"your answers to the {title} self-check, given while offline"


_APPLY = {StatusWrite: _apply_status, NoteWrite: _apply_note, QuizWrite: _apply_quiz}


def apply_batch(*, session: Session, learner_id: int, items: list) -> Outcome:
    """Apply up to MAX_BATCH offline writes in order; each is settled (applied or
    refused with a message) on its own. Items past MAX_BATCH stay unsettled."""
    outcome = Outcome()
    for raw in items[:MAX_BATCH]:
        item_id = raw.get("id") if isinstance(raw, dict) else None
        try:
            item_id = _ID.validate_python(item_id, strict=True)
        except ValidationError:
            outcome.messages.append(UNREADABLE)
            continue
        outcome.settled.append(item_id)
        try:
            item = _WRITE.validate_python(raw)
        except ValidationError:
            outcome.messages.append(UNREADABLE)
            continue
        try:
            _APPLY[type(item)](session, learner_id, item, outcome)
        except (InvalidRequest, MergeError) as error:
            session.rollback()
            outcome.messages.append(f"Not applied: {_describe(item)}. {error}")
    return outcome
