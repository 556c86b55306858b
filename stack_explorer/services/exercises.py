"""A learner's work on exercises: the latest code of each, and whether it was solved.

One rule everywhere (a browser's write, login merge, import): the later code wins,
and an exercise solved on any side stays solved, from the earliest date.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from stack_explorer.catalog import get_catalog
from stack_explorer.models import ExerciseWork, Topic, as_utc
from stack_explorer.services.errors import InvalidRequest
from stack_explorer.services.progress import active_topic
from stack_explorer.services.text import storable

MAX_CODE_CHARS = 20_000


@dataclass(frozen=True)
class Work:
    code: str
    solved: bool
    updated_ms: float  # when the code was written (ms since the epoch)


def checked_code(code: str, title: str) -> str:
    if len(code) > MAX_CODE_CHARS:
        raise InvalidRequest(
            f"Code for {title} can be up to {MAX_CODE_CHARS:,} characters; this has "
            f"{len(code):,}. It stays in your browser; shorten it and check again."
        )
    return storable(code, f"Your code for {title}")


def _exercise_title(slug: str, exercise: str) -> str:
    doc = get_catalog().topics.get(slug)
    found = [e.title for e in doc.meta.exercises if e.slug == exercise] if doc else []
    if not found:
        raise InvalidRequest(f"Unknown exercise: {exercise!r} on {slug!r}")
    return found[0]


def merge_work(
    *,
    session: Session,
    learner_id: int,
    topic_id: int,
    exercise: str,
    code: str,
    updated_at: datetime,
    solved_at: datetime | None,
) -> bool:
    """Apply one incoming piece of work with the rule; True when it changed anything.
    The caller commits."""
    row = session.exec(
        select(ExerciseWork).where(
            ExerciseWork.learner_id == learner_id,
            ExerciseWork.topic_id == topic_id,
            ExerciseWork.exercise == exercise,
        )
    ).first()
    if row is None:
        row = ExerciseWork(
            learner_id=learner_id, topic_id=topic_id, exercise=exercise, updated_at=updated_at
        )
    changed = row.id is None
    if as_utc(updated_at) > as_utc(row.updated_at) or changed:
        changed |= row.code != code
        row.code, row.updated_at = code, updated_at
    if solved_at is not None and (
        row.solved_at is None or as_utc(solved_at) < as_utc(row.solved_at)
    ):
        row.solved_at, changed = solved_at, True
    if changed:
        session.add(row)
    return changed


def _millis(moment: datetime) -> float:
    return as_utc(moment).timestamp() * 1000


def record(
    *,
    session: Session,
    learner_id: int,
    slug: str,
    exercise: str,
    code: str,
    solved: bool,
    at: datetime,
) -> None:
    """A check the learner ran in their browser: keep the code; a pass marks the
    exercise solved. The caller commits."""
    topic = active_topic(session, slug)
    code = checked_code(code, _exercise_title(slug, exercise))
    merge_work(
        session=session,
        learner_id=learner_id,
        topic_id=topic.id,
        exercise=exercise,
        code=code,
        updated_at=at,
        solved_at=at if solved else None,
    )


def work_for(*, session: Session, learner_id: int, slug: str) -> dict[str, Work]:
    """Exercise slug -> the learner's work on it, for the topic's current exercises."""
    topic = active_topic(session, slug)
    current = {exercise.slug for exercise in get_catalog().topics[slug].meta.exercises}
    rows = session.exec(
        select(ExerciseWork).where(
            ExerciseWork.learner_id == learner_id, ExerciseWork.topic_id == topic.id
        )
    ).all()
    return {
        row.exercise: Work(row.code, row.solved_at is not None, _millis(row.updated_at))
        for row in rows
        if row.exercise in current
    }


def solved_count(*, session: Session, learner_id: int) -> int:
    """Exercises solved on active topics, counting only exercises that still exist."""
    current = {
        (slug, exercise.slug)
        for slug, doc in get_catalog().topics.items()
        for exercise in doc.meta.exercises
    }
    rows = session.exec(
        select(Topic.slug, ExerciseWork.exercise)
        .join(ExerciseWork, ExerciseWork.topic_id == Topic.id)
        .where(
            ExerciseWork.learner_id == learner_id,
            Topic.active,
            ExerciseWork.solved_at.is_not(None),
        )
    ).all()
    return sum((slug, exercise) in current for slug, exercise in rows)


def exercise_total() -> int:
    return sum(len(doc.meta.exercises) for doc in get_catalog().topics.values())
