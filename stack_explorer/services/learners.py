"""Anonymous learners: the browser holds a random token, the database its hash."""

import hashlib
import secrets

from sqlmodel import Session, select

from stack_explorer.models import Learner

TOKEN_BYTES = 32  # 256 bits: unguessable


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_learner(*, session: Session) -> tuple[Learner, str]:
    """Create a learner; return it with the token the browser must keep."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    learner = Learner(token_hash=hash_token(token))
    session.add(learner)
    session.commit()
    session.refresh(learner)
    return learner, token


def find_learner(*, session: Session, token: str) -> Learner | None:
    if not isinstance(token, str) or not 20 <= len(token) <= 200:
        return None
    return session.exec(select(Learner).where(Learner.token_hash == hash_token(token))).first()


def create_learner_token(*, session: Session) -> tuple[int, str]:
    """A new anonymous learner: its id, and the token the browser must keep."""
    learner, token = create_learner(session=session)
    return learner.id, token
