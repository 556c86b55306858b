"""The merge rule, shared by claiming a browser's progress at login and by import,
and the list of everything a learner owns.

Per topic, the more advanced status wins (done > learning > skipped > not started)
and the later change breaks ties; notes are joined, never dropped. A join that
would make a note longer than the note limit is refused as a whole, naming the
topic, so nothing is cut off and every note stays exportable and editable. A weekly
goal already set on the receiving side stays; otherwise the incoming one is taken.
"""

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, SQLModel, delete, select, update

from stack_explorer import status as st
from stack_explorer.models import (
    Account,
    AppliedWrite,
    AuthSession,
    ExerciseWork,
    Learner,
    Note,
    Progress,
    ProgressEvent,
    QuestionReview,
    QuizAttempt,
    ShareLink,
    Topic,
    WeeklyGoal,
    utcnow,
)
from stack_explorer.services import goals
from stack_explorer.services.exercises import merge_work
from stack_explorer.services.notes import MAX_NOTE_CHARS

NOTE_SEPARATOR = "\n\n---\n\n"


class MergeError(ValueError):
    """The merge was refused as a whole; the message names what to change first."""


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
    if row is not None and body.strip() in row.body:
        return False
    joined = body if row is None else row.body.rstrip() + NOTE_SEPARATOR + body.strip()
    if len(joined) > MAX_NOTE_CHARS:
        title = session.get(Topic, topic_id).title
        raise MergeError(
            f"Your note on {title} would be {len(joined):,} characters after merging, over the "
            f"{MAX_NOTE_CHARS:,} limit. Shorten it, then try again. Nothing was changed."
        )
    row = row or Note(learner_id=learner_id, topic_id=topic_id, updated_at=updated_at)
    row.body = joined
    row.updated_at = max(row.updated_at, updated_at, utcnow()) if row.id else updated_at
    session.add(row)
    return True


def _merge_statuses(session: Session, source_id: int, target_id: int) -> None:
    for row in session.exec(select(Progress).where(Progress.learner_id == source_id)).all():
        merge_progress(
            session=session,
            learner_id=target_id,
            topic_id=row.topic_id,
            status=row.status,
            updated_at=row.updated_at,
            log=False,
        )


def _merge_notes(session: Session, source_id: int, target_id: int) -> None:
    for row in session.exec(select(Note).where(Note.learner_id == source_id)).all():
        merge_note(
            session=session,
            learner_id=target_id,
            topic_id=row.topic_id,
            body=row.body,
            updated_at=row.updated_at,
        )


def _merge_exercises(session: Session, source_id: int, target_id: int) -> None:
    for row in session.exec(select(ExerciseWork).where(ExerciseWork.learner_id == source_id)).all():
        merge_work(
            session=session,
            learner_id=target_id,
            topic_id=row.topic_id,
            exercise=row.exercise,
            code=row.code,
            updated_at=row.updated_at,
            solved_at=row.solved_at,
        )


def _merge_reviews(session: Session, source_id: int, target_id: int) -> None:
    """A question due for review on either side stays due, at the earlier date."""
    for row in session.exec(
        select(QuestionReview).where(QuestionReview.learner_id == source_id)
    ).all():
        mine = session.exec(
            select(QuestionReview).where(
                QuestionReview.learner_id == target_id,
                QuestionReview.topic_id == row.topic_id,
                QuestionReview.question_key == row.question_key,
            )
        ).first()
        if mine is None:
            session.add(
                QuestionReview(
                    learner_id=target_id,
                    topic_id=row.topic_id,
                    question_key=row.question_key,
                    stage=row.stage,
                    due_at=row.due_at,
                    card=row.card,
                )
            )
        elif row.due_at < mine.due_at:
            mine.stage, mine.due_at, mine.card = row.stage, row.due_at, row.card
            session.add(mine)


def _merge_goal(session: Session, source_id: int, target_id: int) -> None:
    goals.merge_goal(session=session, source_id=source_id, target_id=target_id)


def _move(table: type[SQLModel]) -> Callable[[Session, int, int], None]:
    def move_rows(session: Session, source_id: int, target_id: int) -> None:
        session.exec(
            update(table).where(table.learner_id == source_id).values(learner_id=target_id)
        )

    return move_rows


def _refuse_account(session: Session, source_id: int, _target_id: int) -> None:
    if session.exec(select(Account).where(Account.learner_id == source_id)).first():
        raise MergeError("This progress belongs to another account and cannot be claimed.")


def _keep_target_share(_session: Session, _source_id: int, _target_id: int) -> None:
    """The account's own share link (if any) stays; the browser's link ends with it."""


# Every table that refers to a learner, and how a merge carries its rows over.
# tests/unit/test_learner_tables.py fails when a table is missing here.
MERGE_STEPS: dict[type[SQLModel], Callable[[Session, int, int], None]] = {
    Account: _refuse_account,
    Progress: _merge_statuses,
    Note: _merge_notes,
    ProgressEvent: _move(ProgressEvent),
    QuizAttempt: _move(QuizAttempt),
    ExerciseWork: _merge_exercises,
    QuestionReview: _merge_reviews,
    ShareLink: _keep_target_share,
    WeeklyGoal: _merge_goal,  # the account's goal stays; else the browser's comes along
    AppliedWrite: _move(AppliedWrite),  # a replay after a login still finds its ids
}


def _delete_rows(session: Session, learner_id: int) -> None:
    for table in MERGE_STEPS:
        if table is Account:
            accounts = select(Account.id).where(Account.learner_id == learner_id)
            session.exec(delete(AuthSession).where(AuthSession.account_id.in_(accounts)))
        session.exec(delete(table).where(table.learner_id == learner_id))
    session.flush()
    session.exec(delete(Learner).where(Learner.id == learner_id))


def merge_learners(*, session: Session, source_id: int, target_id: int) -> None:
    """Fold an anonymous learner into another, then delete it. The caller commits;
    on MergeError the caller rolls back and nothing has changed."""
    for step in MERGE_STEPS.values():
        step(session, source_id, target_id)
    session.flush()
    _delete_rows(session, source_id)


def delete_learner(*, session: Session, learner_id: int) -> None:
    """Delete a learner with every row that refers to it. The caller commits."""
    _delete_rows(session, learner_id)
