"""Export and import of a learner's progress, notes, exercise code and weekly goal as
versioned JSON (the format: `transfer_format.py`). An import is merged with the rule of
a login (`merge.py`), all or nothing, and keeps the dates of the file.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError
from sqlmodel import Session, func, select

from stack_explorer.models import (
    ExerciseWork,
    Note,
    Progress,
    ProgressEvent,
    Topic,
    WeeklyGoal,
    as_utc,
    utcnow,
)
from stack_explorer.services import goals, merge
from stack_explorer.services.exercises import merge_work
from stack_explorer.services.transfer_errors import describe, entry_name
from stack_explorer.services.transfer_format import (
    FORMAT,
    MAX_RECORDS,
    VERSION,
    ExerciseRecord,
    ExportFile,
    GoalRecord,
    NoteRecord,
    ProgressRecord,
)
from stack_explorer.wording import counted, file_size, joined

MAX_IMPORT_BYTES = 2_000_000


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
        weekly_goal=_goal_record(session, learner_id),
    )
    return document.model_dump_json(indent=2)


def _goal_record(session: Session, learner_id: int) -> GoalRecord | None:
    row = session.exec(select(WeeklyGoal).where(WeeklyGoal.learner_id == learner_id)).first()
    if row is None:
        return None
    return GoalRecord(topics=row.topics, zone=row.zone, updated_at=as_utc(row.updated_at))


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
    goal: bool | None = None  # the file's weekly goal: taken, kept out (one was here), none

    def summary(self) -> str:
        changed = [
            counted(n, singular, plural)
            for n, singular, plural in (
                (self.statuses, "status", "statuses"),
                (self.notes, "note", None),
                (self.exercises, "exercise", None),
            )
            if n
        ] + (["your weekly goal"] if self.goal else [])
        text = f"Imported {joined(changed)}." if changed else "Nothing new to import."
        if self.unchanged:
            entries = counted(self.unchanged, "entry", "entries")
            text += (
                f" {entries} {'was' if self.unchanged == 1 else 'were'} already up to date here."
            )
        if self.goal is False:
            text += " Your weekly goal here stays as it is."
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
    goal = document.weekly_goal
    took_goal = goal is not None and goals.import_goal(
        session=session,
        learner_id=learner_id,
        topics=goal.topics,
        zone=goal.zone,
        updated_at=min(goal.updated_at, now),
    )
    session.commit()
    entries = len(document.progress) + len(document.notes) + len(document.exercises)
    unchanged = entries - statuses - notes - exercises
    return ImportResult(
        statuses, notes, exercises, unchanged, future, took_goal if goal is not None else None
    )


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
