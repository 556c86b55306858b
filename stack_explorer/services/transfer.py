"""Export and import of a learner's progress and notes as versioned JSON.

Format (version 1):
    {"format": "stack-explorer-export", "version": 1, "exported_at": "<ISO 8601>",
     "progress": [{"topic": "<slug>", "status": "done|learning|skipped|not-started",
                   "updated_at": "<ISO 8601>"}],
     "notes": [{"topic": "<slug>", "body": "<Markdown>", "updated_at": "<ISO 8601>"}],
     "exercises": [{"topic": "<slug>", "exercise": "<slug>", "code": "<Python>",
                    "solved_at": "<ISO 8601>" | null, "updated_at": "<ISO 8601>"}]}

"exercises" came later within version 1: a file without it imports as before.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from sqlmodel import Session, func, select

from stack_explorer import status as st
from stack_explorer.catalog.schema import SLUG_PATTERN
from stack_explorer.models import (
    ExerciseWork,
    Note,
    Progress,
    ProgressEvent,
    Topic,
    as_utc,
    utcnow,
)
from stack_explorer.services import merge
from stack_explorer.services.exercises import MAX_CODE_CHARS, merge_work
from stack_explorer.services.text import storable
from stack_explorer.services.transfer_errors import describe, entry_name
from stack_explorer.wording import counted, file_size, joined

FORMAT = "stack-explorer-export"
VERSION = 1
MAX_IMPORT_BYTES = 2_000_000
MAX_RECORDS = 5_000

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
_BY_LABEL = {label.lower(): value for value, label in st.LABELS.items()}


def _status_value(value: object) -> object:
    """A hand-edited file may name a status as the app shows it ("Not started")."""
    return _BY_LABEL.get(value.strip().lower(), value) if isinstance(value, str) else value


Status = Annotated[Literal[st.ALL], BeforeValidator(_status_value)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgressRecord(_Strict):
    topic: Slug
    status: Status
    updated_at: AwareDatetime


class NoteRecord(_Strict):
    # No length limit here, so an export never fails; the merge enforces the note limit.
    topic: Slug
    body: str
    updated_at: AwareDatetime

    @field_validator("body")
    @classmethod
    def _storable(cls, body: str) -> str:
        return storable(body, "A note in this file")


class ExerciseRecord(_Strict):
    topic: Slug
    exercise: Slug
    code: Annotated[str, StringConstraints(max_length=MAX_CODE_CHARS)]
    solved_at: AwareDatetime | None = None
    updated_at: AwareDatetime

    @field_validator("code")
    @classmethod
    def _storable(cls, code: str) -> str:
        return storable(code, "Code in this file")


class ExportFile(_Strict):
    format: Literal["stack-explorer-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    progress: list[ProgressRecord] = Field(default=[], max_length=MAX_RECORDS)
    notes: list[NoteRecord] = Field(default=[], max_length=MAX_RECORDS)
    exercises: list[ExerciseRecord] = Field(default=[], max_length=MAX_RECORDS)


class TransferError(ValueError):
    """The file was refused; nothing was changed."""


def export_learner(*, session: Session, learner_id: int) -> str:
    progress_rows = session.exec(
        select(Topic.slug, Progress.status, Progress.updated_at)
        .join(Progress, Progress.topic_id == Topic.id)
        .where(Progress.learner_id == learner_id)
        .order_by(Topic.slug)
    ).all()
    note_rows = session.exec(
        select(Topic.slug, Note.body, Note.updated_at)
        .join(Note, Note.topic_id == Topic.id)
        .where(Note.learner_id == learner_id, Note.body != "")
        .order_by(Topic.slug)
    ).all()
    exercise_rows = session.exec(
        select(Topic.slug, ExerciseWork)
        .join(ExerciseWork, ExerciseWork.topic_id == Topic.id)
        .where(ExerciseWork.learner_id == learner_id)
        .order_by(Topic.slug, ExerciseWork.exercise)
    ).all()
    document = ExportFile(
        format=FORMAT,
        version=VERSION,
        exported_at=utcnow(),
        progress=[ProgressRecord(topic=s, status=st, updated_at=at) for s, st, at in progress_rows],
        notes=[NoteRecord(topic=s, body=b, updated_at=at) for s, b, at in note_rows],
        exercises=[
            ExerciseRecord(
                topic=slug,
                exercise=work.exercise,
                code=work.code,
                solved_at=as_utc(work.solved_at) if work.solved_at else None,
                updated_at=as_utc(work.updated_at),
            )
            for slug, work in exercise_rows
        ],
    )
    return document.model_dump_json(indent=2)


def parse_export(data: bytes, size: int | None = None) -> ExportFile:
    """Validate a file; `size` is the uploaded file's real size when only its start was read."""
    size = max(size or 0, len(data))
    if size > MAX_IMPORT_BYTES:
        limit, shown = file_size(MAX_IMPORT_BYTES), file_size(size)
        if shown == limit:  # just over: rounding would hide the difference
            limit, shown = counted(MAX_IMPORT_BYTES, "byte"), counted(size, "byte")
        raise TransferError(
            f"The file is {shown}; the largest file this app imports is {limit}. "
            "Choose a file made with Export my data."
        )
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise TransferError("The file is not valid JSON text.") from None
    try:
        return ExportFile.model_validate(raw)
    except ValidationError as error:
        raise TransferError(describe(error, raw, MAX_RECORDS)) from None


@dataclass(frozen=True)
class ImportResult:
    statuses: int  # statuses that changed
    notes: int  # notes that changed
    exercises: int  # exercises whose code or solved state changed
    unchanged: int  # entries already here, or older than what is here
    future: list[str] = field(default_factory=list)  # entries dated after the import

    def summary(self) -> str:
        changed = [
            counted(n, singular, plural)
            for n, singular, plural in (
                (self.statuses, "status", "statuses"),
                (self.notes, "note", None),
                (self.exercises, "exercise", None),
            )
            if n
        ]
        text = f"Imported {joined(changed)}." if changed else "Nothing new to import."
        if self.unchanged:
            entries = counted(self.unchanged, "entry", "entries")
            text += (
                f" {entries} {'was' if self.unchanged == 1 else 'were'} already up to date here."
            )
        if self.future:
            listed = joined(self.future[:3]) + (" and others" if len(self.future) > 3 else "")
            text += (
                f" {counted(len(self.future), 'date')} in the future became the time of "
                f"the import: {listed}."
            )
        return text


def import_into(*, session: Session, learner_id: int, data: bytes, size: int | None = None):
    """Merge an export into a learner, all or nothing, keeping the dates of the file."""
    document = parse_export(data, size)
    topic_ids = _topic_ids(session, document)
    now, future = utcnow(), []

    def dated(section: str, index: int, record: ProgressRecord | NoteRecord | ExerciseRecord):
        # A date after the import would win every later merge: it becomes "now", said aloud.
        if record.updated_at <= now:
            return record.updated_at
        future.append(entry_name(section, index, record.topic))
        return now

    statuses = sum(
        _import_status(session, learner_id, topic_ids[r.topic], r.status, dated("progress", i, r))
        for i, r in enumerate(document.progress)
    )
    try:
        notes = sum(
            merge.merge_note(
                session=session,
                learner_id=learner_id,
                topic_id=topic_ids[r.topic],
                body=r.body,
                updated_at=dated("notes", i, r),
            )
            for i, r in enumerate(document.notes)
        )
    except merge.MergeError as error:
        session.rollback()
        raise TransferError(str(error)) from None
    exercises = sum(
        merge_work(
            session=session,
            learner_id=learner_id,
            topic_id=topic_ids[r.topic],
            exercise=r.exercise,
            code=r.code,
            updated_at=dated("exercises", i, r),
            solved_at=min(r.solved_at, now) if r.solved_at else None,
        )
        for i, r in enumerate(document.exercises)
    )
    session.commit()
    entries = len(document.progress) + len(document.notes) + len(document.exercises)
    return ImportResult(statuses, notes, exercises, entries - statuses - notes - exercises, future)


def _topic_ids(session: Session, document: ExportFile) -> dict[str, int]:
    entries = [("progress", i, r) for i, r in enumerate(document.progress)]
    entries += [("notes", i, r) for i, r in enumerate(document.notes)]
    entries += [("exercises", i, r) for i, r in enumerate(document.exercises)]
    slugs = {record.topic for _, _, record in entries}
    topic_ids = dict(session.exec(select(Topic.slug, Topic.id).where(Topic.slug.in_(slugs))).all())
    unknown = [(section, i, r.topic) for section, i, r in entries if r.topic not in topic_ids]
    if unknown:
        section, index, slug = unknown[0]
        others = {topic for _, _, topic in unknown} - {slug}
        more = f" It names {counted(len(others), 'other unknown topic')} too." if others else ""
        raise TransferError(
            f"{entry_name(section, index, slug)}: there is no topic {slug!r} here.{more}"
        )
    return topic_ids


def _import_status(
    session: Session, learner_id: int, topic_id: int, status: str, at: datetime
) -> bool:
    """Merge one status; its history entry keeps the file's date, so the chart and Recent
    activity show when the learner really made the change."""
    latest = session.exec(
        select(func.max(ProgressEvent.at)).where(
            ProgressEvent.learner_id == learner_id, ProgressEvent.topic_id == topic_id
        )
    ).one()
    changed = merge.merge_progress(
        session=session,
        learner_id=learner_id,
        topic_id=topic_id,
        status=status,
        updated_at=at,
        log=False,
    )
    if changed:
        # A status that overrides a later change here cannot have been the latest before
        # that change: it is logged no earlier, so the history ends on the merged status.
        when = max(at, latest) if latest is not None else at
        session.add(ProgressEvent(learner_id=learner_id, topic_id=topic_id, status=status, at=when))
    return changed
