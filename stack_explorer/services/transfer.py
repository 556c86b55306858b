"""Export and import of a learner's progress and notes as versioned JSON.

Format (version 1):
    {"format": "stack-explorer-export", "version": 1, "exported_at": "<ISO 8601>",
     "progress": [{"topic": "<slug>", "status": "done|learning|skipped|not-started",
                   "updated_at": "<ISO 8601>"}],
     "notes": [{"topic": "<slug>", "body": "<Markdown>", "updated_at": "<ISO 8601>"}]}
"""

import json
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from sqlmodel import Session, select

from stack_explorer import status as st
from stack_explorer.catalog.schema import SLUG_PATTERN
from stack_explorer.models import Note, Progress, Topic, utcnow
from stack_explorer.services import merge

FORMAT = "stack-explorer-export"
VERSION = 1
MAX_IMPORT_BYTES = 2_000_000
MAX_RECORDS = 5_000

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgressRecord(_Strict):
    topic: Slug
    status: Literal[st.ALL]
    updated_at: AwareDatetime


class NoteRecord(_Strict):
    # No length limit here, so an export never fails; the merge enforces the note limit.
    topic: Slug
    body: str
    updated_at: AwareDatetime


class ExportFile(_Strict):
    format: Literal["stack-explorer-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    progress: list[ProgressRecord] = Field(default=[], max_length=MAX_RECORDS)
    notes: list[NoteRecord] = Field(default=[], max_length=MAX_RECORDS)


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
    document = ExportFile(
        format=FORMAT,
        version=VERSION,
        exported_at=utcnow(),
        progress=[ProgressRecord(topic=s, status=st, updated_at=at) for s, st, at in progress_rows],
        notes=[NoteRecord(topic=s, body=b, updated_at=at) for s, b, at in note_rows],
    )
    return document.model_dump_json(indent=2)


def _first_error(error: ValidationError) -> str:
    item = error.errors()[0]
    where = ".".join(str(part) for part in item["loc"]) or "file"
    return f"{where}: {item['msg']}"


def parse_export(data: bytes) -> ExportFile:
    if len(data) > MAX_IMPORT_BYTES:
        raise TransferError(
            f"The file is too large ({len(data):,} bytes; the limit is {MAX_IMPORT_BYTES:,})."
        )
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise TransferError("The file is not valid JSON text.") from None
    try:
        return ExportFile.model_validate(raw)
    except ValidationError as error:
        raise TransferError(
            f"Not a Stack Explorer export (version {VERSION}): {_first_error(error)}"
        ) from None


def import_into(*, session: Session, learner_id: int, data: bytes) -> tuple[int, int]:
    """Merge an export into a learner, all or nothing. Returns (statuses, notes) changed."""
    document = parse_export(data)
    slugs = {record.topic for record in [*document.progress, *document.notes]}
    topic_ids = dict(session.exec(select(Topic.slug, Topic.id).where(Topic.slug.in_(slugs))).all())
    if unknown := sorted(slugs - set(topic_ids)):
        raise TransferError(
            f"The file names unknown topics: {', '.join(unknown[:5])}. Nothing was imported."
        )
    changed_progress = sum(
        merge.merge_progress(
            session=session,
            learner_id=learner_id,
            topic_id=topic_ids[r.topic],
            status=r.status,
            updated_at=_not_in_future(r.updated_at),
        )
        for r in document.progress
    )
    try:
        changed_notes = sum(
            merge.merge_note(
                session=session,
                learner_id=learner_id,
                topic_id=topic_ids[r.topic],
                body=r.body,
                updated_at=_not_in_future(r.updated_at),
            )
            for r in document.notes
        )
    except merge.MergeError as error:
        session.rollback()
        raise TransferError(str(error)) from None
    session.commit()
    return changed_progress, changed_notes


def _not_in_future(moment: datetime) -> datetime:
    """Imported times may not lie in the future, or they would win every later merge."""
    return min(moment, utcnow())
