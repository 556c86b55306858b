"""Reading and writing a learner's status per topic."""

from sqlalchemy import insert, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from stack_explorer import status as st
from stack_explorer.models import Layer, Progress, ProgressEvent, Topic, utcnow
from stack_explorer.services.errors import InvalidRequest

# slug -> id of the active topics, per database. Topics change only when the content
# is synced (which clears this) and the app restarted, so each slug costs one query.
_topic_ids: dict[tuple[str, str], int] = {}


def forget_topic_ids() -> None:
    _topic_ids.clear()


def active_topic_id(session: Session, slug: object) -> int:
    key = (str(session.get_bind().url), slug) if isinstance(slug, str) else None
    if key not in _topic_ids:
        topic_id = active_topic(session, slug).id
        if key is None:  # unreachable: active_topic refused it
            return topic_id
        _topic_ids[key] = topic_id
    return _topic_ids[key]


def active_topic(session: Session, slug: object) -> Topic:
    topic = None
    if isinstance(slug, str):
        topic = session.exec(select(Topic).where(Topic.slug == slug, Topic.active)).first()
    if topic is None:
        raise InvalidRequest(f"Unknown topic: {slug!r}")
    return topic


# INSERT ... ON CONFLICT, in each database's own dialect.
_INSERT = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def _check_status(status: object) -> str:
    if not st.is_valid(status):
        raise InvalidRequest(f"Unknown status: {status!r}")
    return status  # type: ignore[return-value]


def _write(session: Session, learner_id: int, topic_id: int, status: str, device: str = "") -> bool:
    """Upsert one progress row and log the change; False when nothing changed.

    Two statements, and no ORM objects: this runs on every status click."""
    now = utcnow()
    mine = (Progress.learner_id == learner_id) & (Progress.topic_id == topic_id)
    if status == st.NOT_STARTED:  # never creates a row: no row already means not started
        write = (
            update(Progress)
            .where(mine, Progress.status != status)
            .values(status=status, updated_at=now, device=device)
        )
    else:
        write = (
            _INSERT[session.get_bind().dialect.name](Progress)
            .values(
                learner_id=learner_id,
                topic_id=topic_id,
                status=status,
                updated_at=now,
                device=device,
            )
            .on_conflict_do_update(
                index_elements=["learner_id", "topic_id"],
                set_={"status": status, "updated_at": now, "device": device},
                where=Progress.status != status,
            )
        )
    if session.execute(write.returning(Progress.id)).first() is None:
        return False
    session.execute(
        insert(ProgressEvent).values(
            learner_id=learner_id, topic_id=topic_id, status=status, at=now
        )
    )
    return True


def set_status(
    *, session: Session, learner_id: int, slug: str, status: str, device: str = ""
) -> str:
    """Save a status for one topic; return the saved status."""
    write_status(session=session, learner_id=learner_id, slug=slug, status=status, device=device)
    session.commit()
    return status


def write_status(
    *, session: Session, learner_id: int, slug: str, status: str, device: str = ""
) -> bool:
    """Write a status for one topic without committing; False when it was already so."""
    status = _check_status(status)
    return _write(session, learner_id, active_topic_id(session, slug), status, device)


def set_layer_status(*, session: Session, learner_id: int, layer_slug: str, status: str) -> int:
    """Give every topic of a layer one status (mark all done, or reset); return how many changed."""
    status = _check_status(status)
    layer = session.exec(select(Layer).where(Layer.slug == layer_slug)).first()
    if layer is None or not isinstance(layer_slug, str):
        raise InvalidRequest(f"Unknown layer: {layer_slug!r}")
    topics = session.exec(select(Topic).where(Topic.layer_id == layer.id, Topic.active)).all()
    changed = sum(_write(session, learner_id, topic.id, status) for topic in topics)
    session.commit()
    return changed


def statuses(*, session: Session, learner_id: int) -> dict[str, str]:
    """Slug -> status for the active topics this learner has touched."""
    rows = session.exec(
        select(Topic.slug, Progress.status)
        .join(Progress, Progress.topic_id == Topic.id)
        .where(Progress.learner_id == learner_id, Topic.active, Progress.status != st.NOT_STARTED)
    ).all()
    return dict(rows)


def history(*, session: Session, learner_id: int, limit: int = 10_000) -> list[tuple]:
    """(slug, title, status, time) of status changes on active topics, oldest first."""
    return session.exec(
        select(Topic.slug, Topic.title, ProgressEvent.status, ProgressEvent.at)
        .join(Topic, Topic.id == ProgressEvent.topic_id)
        .where(ProgressEvent.learner_id == learner_id, Topic.active)
        .order_by(ProgressEvent.at.desc(), ProgressEvent.id.desc())
        .limit(limit)
    ).all()[::-1]


def completion_timeline(events: list[tuple]) -> list[dict]:
    """Topics completed (done or skipped) at the end of each day that had a change."""
    current: dict[str, str] = {}
    by_day: dict[str, int] = {}
    for slug, _title, value, at in events:
        current[slug] = value
        by_day[at.strftime("%Y-%m-%d")] = sum(v in st.COMPLETED for v in current.values())
    return [{"day": day, "completed": count} for day, count in by_day.items()]
