"""The merge rule, shared by claiming a browser's progress at login and by import.

Per topic, the more advanced status wins (done > learning > skipped > not started)
and the later change breaks ties; notes are joined, never dropped.
"""

from datetime import datetime

from sqlmodel import Session, delete, select, update

from stack_explorer import status as st
from stack_explorer.models import Learner, Note, Progress, ProgressEvent, ShareLink, utcnow

NOTE_SEPARATOR = "\n\n---\n\n"


def _wins(status: str, at: datetime, other_status: str, other_at: datetime) -> bool:
    return (st.RANK[status], at) > (st.RANK[other_status], other_at)


def merge_progress(
    *,
    session: Session,
    learner_id: int,
    topic_id: int,
    status: str,
    updated_at: datetime,
    log: bool = True,
) -> bool:
    """Apply one incoming status with the merge rule; True when it changed anything."""
    row = session.exec(
        select(Progress).where(Progress.learner_id == learner_id, Progress.topic_id == topic_id)
    ).first()
    if row is not None and not _wins(status, updated_at, row.status, row.updated_at):
        return False
    row = row or Progress(learner_id=learner_id, topic_id=topic_id)
    row.status, row.updated_at = status, updated_at
    session.add(row)
    if log:
        session.add(ProgressEvent(learner_id=learner_id, topic_id=topic_id, status=status))
    return True


def merge_note(
    *, session: Session, learner_id: int, topic_id: int, body: str, updated_at: datetime
) -> bool:
    """Join an incoming note to the existing one (unless it is already contained)."""
    if not body.strip():
        return False
    row = session.exec(
        select(Note).where(Note.learner_id == learner_id, Note.topic_id == topic_id)
    ).first()
    if row is None:
        session.add(
            Note(learner_id=learner_id, topic_id=topic_id, body=body, updated_at=updated_at)
        )
        return True
    if body.strip() in row.body:
        return False
    row.body = row.body.rstrip() + NOTE_SEPARATOR + body.strip()
    row.updated_at = max(row.updated_at, updated_at, utcnow())
    session.add(row)
    return True


def merge_learners(*, session: Session, source_id: int, target_id: int) -> None:
    """Fold an anonymous learner into another, then delete it. The caller commits."""
    for row in session.exec(select(Progress).where(Progress.learner_id == source_id)).all():
        merge_progress(
            session=session,
            learner_id=target_id,
            topic_id=row.topic_id,
            status=row.status,
            updated_at=row.updated_at,
            log=False,
        )
    for row in session.exec(select(Note).where(Note.learner_id == source_id)).all():
        merge_note(
            session=session,
            learner_id=target_id,
            topic_id=row.topic_id,
            body=row.body,
            updated_at=row.updated_at,
        )
    session.exec(
        update(ProgressEvent)
        .where(ProgressEvent.learner_id == source_id)
        .values(learner_id=target_id)
    )
    for table in (Progress, Note, ShareLink):
        session.exec(delete(table).where(table.learner_id == source_id))
    session.flush()
    session.exec(delete(Learner).where(Learner.id == source_id))
