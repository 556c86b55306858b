"""Learning paths: following one, and what to learn next."""

from sqlmodel import Session

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.models import Learner
from stack_explorer.services.errors import InvalidRequest


def follow_path(*, session: Session, learner_id: int, path_slug: object) -> str:
    if not isinstance(path_slug, str) or path_slug not in get_catalog().paths:
        raise InvalidRequest(f"Unknown learning path: {path_slug!r}")
    learner = session.get(Learner, learner_id)
    learner.current_path = path_slug
    session.add(learner)
    session.commit()
    return path_slug


def stop_following(*, session: Session, learner_id: int) -> str:
    """Follow no path any more; return the one that was followed ("" if none).
    Only the choice of path goes: every status and note stays."""
    learner = session.get(Learner, learner_id)
    stopped = current_path(session=session, learner_id=learner_id)
    if learner.current_path is not None:
        learner.current_path = None
        session.add(learner)
        session.commit()
    return stopped


def current_path(*, session: Session, learner_id: int) -> str:
    learner = session.get(Learner, learner_id)
    path = learner.current_path if learner else None
    return path if path in get_catalog().paths else ""


def next_up(statuses: dict[str, str], path_slug: str = "") -> str:
    """The first open topic whose prerequisites are covered: on the path, else anywhere."""
    catalog = get_catalog()

    def covered(slug: str) -> bool:
        return statuses.get(slug) in st.COMPLETED

    def ready(slug: str) -> bool:
        return not covered(slug) and all(
            covered(p) for p in catalog.topics[slug].meta.prerequisites
        )

    path = catalog.paths.get(path_slug)
    if path is not None:
        for slug in path.topics:
            if ready(slug):
                return slug
    for layer in catalog.layers:
        for doc in catalog.topics_in(layer.slug):
            if ready(doc.slug):
                return doc.slug
    return ""


def learning_now(statuses: dict[str, str]) -> list[str]:
    """The topics marked Learning, in map order."""
    catalog = get_catalog()
    return [
        doc.slug
        for layer in catalog.layers
        for doc in catalog.topics_in(layer.slug)
        if statuses.get(doc.slug) == st.LEARNING
    ]


def _listed(titles: list[str]) -> str:
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def next_up_reason(slug: str, path_slug: str = "") -> str:
    """Why `next_up` suggested `slug`, in one sentence for the learner."""
    catalog = get_catalog()
    topic = catalog.topics.get(slug)
    if topic is None:
        return ""
    path = catalog.paths.get(path_slug)
    if path is not None and slug in path.topics:
        where = f"The next topic on your path, {path.title}, that you have not covered"
    else:
        layer = catalog.layer(topic.meta.layer).name
        where = f"The first {layer} topic on the map that you have not covered"
    builds_on = [catalog.topics[p].title for p in topic.meta.prerequisites]
    if builds_on:
        return f"{where}, and you have covered what it builds on: {_listed(builds_on)}."
    return f"{where}; it needs no other topic first."
