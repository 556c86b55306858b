"""Opt-in, read-only share links to a learner's progress map."""

import secrets

from sqlmodel import Session, delete, select

from stack_explorer.models import ShareLink
from stack_explorer.services import progress


def share_id_for(*, session: Session, learner_id: int) -> str:
    row = session.exec(select(ShareLink.share_id).where(ShareLink.learner_id == learner_id)).first()
    return row or ""


def create_share(*, session: Session, learner_id: int) -> str:
    """A new random share id (separate from every token); replaces any earlier one."""
    revoke_share(session=session, learner_id=learner_id)
    share_id = secrets.token_urlsafe(16)
    session.add(ShareLink(learner_id=learner_id, share_id=share_id))
    session.commit()
    return share_id


def revoke_share(*, session: Session, learner_id: int) -> None:
    session.exec(delete(ShareLink).where(ShareLink.learner_id == learner_id))
    session.commit()


def shared_statuses(*, session: Session, share_id: object) -> dict[str, str] | None:
    """The statuses behind a live share id, or None; never notes or account details."""
    if not isinstance(share_id, str) or not 10 <= len(share_id) <= 64:
        return None
    row = session.exec(select(ShareLink).where(ShareLink.share_id == share_id)).first()
    if row is None:
        return None
    return progress.statuses(session=session, learner_id=row.learner_id)
