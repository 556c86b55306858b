"""Optional accounts: sign-up, throttled login, sessions, claiming and deleting a learner.

Password hashing and checking take tens of milliseconds of CPU on purpose, so
they run in a worker thread (`hash_new_password`, `password_matches`), and never
while a database session is open: the caller does the database steps before and
after, each in a short session of its own.
"""

import asyncio
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

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


async def hash_new_password(*, username: object, password: object, client: str) -> tuple[str, str]:
    """Check new credentials and the client's sign-up allowance, then hash the password.

    Returns the normalised username and the hash. No database is involved."""
    name = _normalise(username)
    _check_new_credentials(name, password)
    try:
        throttle.count_sign_up(client)
    except throttle.Throttled as error:
        raise AccountError(str(error)) from None
    return name, await asyncio.to_thread(_hasher.hash, password)


def sign_up(*, session: Session, username: str, password_hash: str, learner_id: int) -> str:
    """Create an account that owns the browser's current learner; return a session token."""
    if session.exec(select(Account).where(Account.username == username)).first():
        raise AccountError("That username is taken. Choose another one.")
    if session.exec(select(Account).where(Account.learner_id == learner_id)).first():
        raise AccountError("This browser's progress already belongs to an account. Log out first.")
    account = Account(username=username, password_hash=password_hash, learner_id=learner_id)
    session.add(account)
    _retire_learner_token(session.get(Learner, learner_id))
    session.flush()
    token = _new_session(session, account)
    session.commit()
    return token


@dataclass(frozen=True)
class LoginAttempt:
    username: str
    client: str
    account_id: int | None
    password_hash: str  # the account's, or a dummy one that costs the same to check


def _reserve(username: str, client: str) -> None:
    try:
        throttle.reserve_password_attempt(username, client)
    except throttle.Throttled as error:
        raise AccountError(str(error)) from None


def start_log_in(*, session: Session, username: object, client: str) -> LoginAttempt:
    """Count the attempt (refusing a throttled client); look up what the password
    must match."""
    name = _normalise(username)
    _reserve(name, client)
    account = session.exec(select(Account).where(Account.username == name)).first()
    if account is None:
        return LoginAttempt(name, client, None, _DUMMY_HASH)
    return LoginAttempt(name, client, account.id, account.password_hash)


async def password_matches(password_hash: str, password: object) -> bool:
    return await asyncio.to_thread(_password_matches, password_hash, password)


def finish_log_in(
    *, session: Session, attempt: LoginAttempt, matched: bool, learner_id: int | None
) -> tuple[str, int]:
    """Count a failure, or merge the browser's anonymous learner into the account's
    and open a session. Returns (session token, the account's learner id).

    One message for a wrong username or password, so neither is revealed."""
    account = session.get(Account, attempt.account_id) if attempt.account_id else None
    if not matched or account is None:
        raise AccountError("Wrong username or password.")  # the attempt was counted
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
    throttle.password_succeeded(attempt.username, attempt.client)
    return token, account.learner_id


def active_session(*, session: Session, token: object) -> tuple[Account, datetime] | None:
    """The account an unexpired session token opens, and when that session expires."""
    if not isinstance(token, str) or not 20 <= len(token) <= 200:
        return None
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == learners.hash_token(token))
    ).first()
    if row is None or row.expires_at <= utcnow():
        return None
    account = session.get(Account, row.account_id)
    return (account, row.expires_at) if account is not None else None


def account_for_session(*, session: Session, token: object) -> Account | None:
    found = active_session(session=session, token=token)
    return found[0] if found else None


def log_out(*, session: Session, token: str) -> None:
    session.exec(delete(AuthSession).where(AuthSession.token_hash == learners.hash_token(token)))
    session.commit()


def log_out_everywhere(*, session: Session, account_id: int) -> int:
    result = session.exec(delete(AuthSession).where(AuthSession.account_id == account_id))
    session.commit()
    return result.rowcount


def start_password_check(*, session: Session, account_id: int, client: str) -> LoginAttempt:
    """Before a logged-in learner's password confirms a deletion: counted and
    throttled exactly as a login is."""
    account = session.get(Account, account_id)
    name = account.username if account else ""
    _reserve(name, client)
    return LoginAttempt(name, client, account_id, account.password_hash if account else _DUMMY_HASH)


def delete_account(*, session: Session, account_id: int) -> int:
    """Delete an account with everything its learner owns (check the password first).

    Returns the id of the deleted learner."""
    account = session.get(Account, account_id)
    learner_id = account.learner_id
    merge.delete_learner(session=session, learner_id=learner_id)
    session.commit()
    return learner_id
