"""Reading and writing a learner's status per topic."""

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from stack_explorer import status as st
from stack_explorer.models import Layer, Progress, ProgressEvent, Topic, utcnow
from stack_explorer.services import click_sql as sql
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


def _check_status(status: object) -> str:
    if not st.is_valid(status):
        raise InvalidRequest(f"Unknown status: {status!r}")
    return status  # type: ignore[return-value]


@dataclass(frozen=True)
class Guard:
    """A queued write's times: when it was made and when its browser last saw the
    learner's data (None: never, on a page opened offline). A change made on another
    device after `seen` and after `made` wins over the write."""

    made: datetime
    seen: datetime | None


_EPOCH = datetime.fromtimestamp(0, UTC)


def _write(
    session: Session,
    learner_id: int,
    topic_id: int,
    status: str,
    device: str = "",
    guard: Guard | None = None,
) -> bool:
    """Upsert one progress row and log the change; False when nothing changed (it was
    already so, or a later change elsewhere won over `guard`)."""
    now = utcnow()
    params = {
        "learner": learner_id,
        "topic": topic_id,
        "status": status,
        "now": now,
        "device": device,
        "guarded": guard is not None,
        "made_at": guard.made if guard else _EPOCH,
        "unseen": guard is not None and guard.seen is None,
        "seen_at": (guard.seen if guard else None) or _EPOCH,
    }
    connection = session.connection()
    write = sql.RESET_STATUS if status == st.NOT_STARTED else sql.UPSERT_STATUS
    if not sql.run(connection, write, params):
        return False
    sql.run(connection, sql.LOG_STATUS, params)
    return True


def current_status(session: Session, learner_id: int, slug: str) -> str | None:
    """The saved status of one topic; None when the learner never set one."""
    found = sql.run(
        session.connection(),
        sql.CURRENT_STATUS,
        {"learner": learner_id, "topic": active_topic_id(session, slug)},
    )
    return found[0][0] if found else None


def set_status(
    *, session: Session, learner_id: int, slug: str, status: str, device: str = ""
) -> str:
    """Save a status for one topic; return the saved status."""
    write_status(session=session, learner_id=learner_id, slug=slug, status=status, device=device)
    session.commit()
    return status


def write_status(
    *,
    session: Session,
    learner_id: int,
    slug: str,
    status: str,
    device: str = "",
    guard: Guard | None = None,
) -> bool:
    """Write a status for one topic without committing; False when nothing changed."""
    status = _check_status(status)
    return _write(session, learner_id, active_topic_id(session, slug), status, device, guard)


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
