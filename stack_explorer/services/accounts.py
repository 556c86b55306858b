"""Optional accounts: sign-up, throttled login, sessions, claiming and deleting a learner.

Password hashing and checking take tens of milliseconds of CPU on purpose, so
they run in a worker thread: the event loop keeps serving everyone else.
"""

import asyncio
import re
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlmodel import Session, delete, select

from stack_explorer.models import Account, AuthSession, Learner, utcnow
from stack_explorer.services import learners, merge, throttle

USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,31}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
SESSION_DAYS = 30

_hasher = PasswordHasher()
# Checked against when the username is unknown, so both cases cost the same time.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class AccountError(ValueError):
    """A refusal with a message fit to show the learner."""


def _normalise(username: object) -> str:
    if not isinstance(username, str):
        raise AccountError("Enter a username.")
    return username.strip().lower()


def _check_new_credentials(username: str, password: object) -> None:
    if not USERNAME.match(username):
        raise AccountError(
            "Usernames are 3-32 characters: letters, digits, dots, dashes or underscores, "
            "starting with a letter or digit."
        )
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD} characters.")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"Passwords can have at most {MAX_PASSWORD} characters.")


def _password_matches(password_hash: str, password: object) -> bool:
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return False


def _retire_learner_token(learner: Learner) -> None:
    """After a claim the browser's anonymous token must no longer reach the learner."""
    learner.token_hash = learners.hash_token(secrets.token_urlsafe(32))


def _new_session(session: Session, account: Account) -> str:
    token = secrets.token_urlsafe(32)  # 256 bits
    session.add(
        AuthSession(
            account_id=account.id,
            token_hash=learners.hash_token(token),
            expires_at=utcnow() + timedelta(days=SESSION_DAYS),
        )
    )
    return token


async def sign_up(
    *, session: Session, username: object, password: object, learner_id: int, client: str
) -> str:
    """Create an account that owns the browser's current learner; return a session token."""
    name = _normalise(username)
    _check_new_credentials(name, password)
    try:
        throttle.count_sign_up(client)
    except throttle.Throttled as error:
        raise AccountError(str(error)) from None
    if session.exec(select(Account).where(Account.username == name)).first():
        raise AccountError("That username is taken. Choose another one.")
    if session.exec(select(Account).where(Account.learner_id == learner_id)).first():
        raise AccountError("This browser's progress already belongs to an account. Log out first.")
    password_hash = await asyncio.to_thread(_hasher.hash, password)
    account = Account(username=name, password_hash=password_hash, learner_id=learner_id)
    session.add(account)
    _retire_learner_token(session.get(Learner, learner_id))
    session.flush()
    token = _new_session(session, account)
    session.commit()
    return token


async def log_in(
    *, session: Session, username: object, password: object, client: str, learner_id: int | None
) -> tuple[str, int]:
    """Check the password; merge the browser's anonymous learner into the account's.

    Returns (session token, the account's learner id). One message for a wrong
    username or password, so neither is revealed.
    """
    name = _normalise(username)
    try:
        throttle.check_login(name, client)
    except throttle.Throttled as error:
        raise AccountError(str(error)) from None
    account = session.exec(select(Account).where(Account.username == name)).first()
    stored = account.password_hash if account else _DUMMY_HASH
    if not await asyncio.to_thread(_password_matches, stored, password) or account is None:
        throttle.login_failed(name, client)
        raise AccountError("Wrong username or password.")
    if learner_id is not None and learner_id != account.learner_id:
        owned = session.exec(select(Account).where(Account.learner_id == learner_id)).first()
        if owned is None:  # an anonymous learner: claim its progress and notes
            try:
                merge.merge_learners(
                    session=session, source_id=learner_id, target_id=account.learner_id
                )
            except merge.MergeError as error:
                session.rollback()
                raise AccountError(str(error)) from None
    token = _new_session(session, account)
    session.commit()
    throttle.login_succeeded(name, client)
    return token, account.learner_id


def account_for_session(*, session: Session, token: object) -> Account | None:
    if not isinstance(token, str) or not 20 <= len(token) <= 200:
        return None
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == learners.hash_token(token))
    ).first()
    if row is None or row.expires_at <= utcnow():
        return None
    return session.get(Account, row.account_id)


def log_out(*, session: Session, token: str) -> None:
    session.exec(delete(AuthSession).where(AuthSession.token_hash == learners.hash_token(token)))
    session.commit()


def log_out_everywhere(*, session: Session, account_id: int) -> int:
    result = session.exec(delete(AuthSession).where(AuthSession.account_id == account_id))
    session.commit()
    return result.rowcount


async def delete_account(*, session: Session, account_id: int, password: object) -> int:
    """Delete an account with everything its learner owns, after checking the password.

    Returns the id of the deleted learner.
    """
    account = session.get(Account, account_id)
    if account is None or not await asyncio.to_thread(
        _password_matches, account.password_hash, password
    ):
        raise AccountError("That password is not right. Nothing was deleted.")
    learner_id = account.learner_id
    merge.delete_learner(session=session, learner_id=learner_id)
    session.commit()
    return learner_id
