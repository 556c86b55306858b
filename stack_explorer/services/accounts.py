"""Optional accounts: sign-up, throttled login, sessions, and claiming a browser's progress."""

import re
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlmodel import Session, delete, select

from stack_explorer.models import Account, AuthSession, Learner, LoginThrottle, utcnow
from stack_explorer.services import learners, merge

USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{2,31}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
SESSION_DAYS = 30
FREE_FAILURES = 5  # after these, each failure doubles the wait, from FIRST_DELAY_SECONDS
FIRST_DELAY_SECONDS = 15
MAX_DELAY_SECONDS = 15 * 60

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both cases cost the same time.
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


def sign_up(*, session: Session, username: str, password: str, learner_id: int) -> str:
    """Create an account that owns the browser's current learner; return a session token."""
    name = _normalise(username)
    _check_new_credentials(name, password)
    if session.exec(select(Account).where(Account.username == name)).first():
        raise AccountError("That username is taken. Choose another one.")
    if session.exec(select(Account).where(Account.learner_id == learner_id)).first():
        raise AccountError("This browser's progress already belongs to an account. Log out first.")
    learner = session.get(Learner, learner_id)
    account = Account(username=name, password_hash=_hasher.hash(password), learner_id=learner_id)
    session.add(account)
    _retire_learner_token(learner)
    session.flush()
    token = _new_session(session, account)
    session.commit()
    return token


def _throttle_wait(session: Session, keys: list[str]) -> int:
    """Seconds the caller must still wait, for the most restricted of the keys."""
    now = utcnow()
    waits = [
        (row.blocked_until - now).total_seconds()
        for row in session.exec(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))
        if row.blocked_until is not None and row.blocked_until > now
    ]
    return int(max(waits, default=0)) + (1 if waits else 0)


def _record_failure(session: Session, keys: list[str]) -> None:
    for key in keys:
        row = session.get(LoginThrottle, key) or LoginThrottle(key=key)
        row.failures += 1
        if row.failures >= FREE_FAILURES:
            delay = min(
                FIRST_DELAY_SECONDS * 2 ** (row.failures - FREE_FAILURES), MAX_DELAY_SECONDS
            )
            row.blocked_until = utcnow() + timedelta(seconds=delay)
        session.add(row)
    session.commit()


def log_in(
    *, session: Session, username: str, password: str, client: str, learner_id: int | None
) -> tuple[str, int]:
    """Check the password; merge the browser's anonymous learner into the account's.

    Returns (session token, the account's learner id). Failures are throttled per
    username and per client, with one message that does not reveal which was wrong.
    """
    name = _normalise(username)
    keys = [f"user:{name}", f"client:{client or 'unknown'}"]
    if wait := _throttle_wait(session, keys):
        raise AccountError(f"Too many failed attempts. Try again in {wait} seconds.")
    account = session.exec(select(Account).where(Account.username == name)).first()
    try:
        if not isinstance(password, str) or len(password) > MAX_PASSWORD:
            raise VerifyMismatchError
        _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
        if account is None:
            raise VerifyMismatchError
    except (VerifyMismatchError, InvalidHashError):
        _record_failure(session, keys)
        raise AccountError("Wrong username or password.") from None
    session.exec(delete(LoginThrottle).where(LoginThrottle.key == keys[0]))
    if learner_id is not None and learner_id != account.learner_id:
        owned = session.exec(select(Account).where(Account.learner_id == learner_id)).first()
        if owned is None:  # an anonymous learner: claim its progress and notes
            merge.merge_learners(
                session=session, source_id=learner_id, target_id=account.learner_id
            )
    token = _new_session(session, account)
    session.commit()
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
