"""Accounts: sign-up, login, throttling, sessions, deletion and the merge rule."""

import asyncio
from datetime import timedelta

import pytest
from sqlmodel import select

from stack_explorer.models import Account, AuthSession, Learner, Note, utcnow
from stack_explorer.services import accounts, learners, notes, progress, throttle
from stack_explorer.services.merge import NOTE_SEPARATOR

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fresh_counters():
    throttle._limiter.cache_clear()  # a new in-memory counter store per test


@pytest.fixture()
def anon(session):
    learner, token = learners.create_learner(session=session)
    return learner.id, token


def sign_up(session, learner_id, name="ada", password=PASSWORD, client="127.0.0.1"):
    """The sign-up handler's steps: hash (no database), then a short session."""
    username, password_hash = asyncio.run(
        accounts.hash_new_password(username=name, password=password, client=client)
    )
    return accounts.sign_up(
        session=session, username=username, password_hash=password_hash, learner_id=learner_id
    )


def log_in(session, name="ada", password=PASSWORD, client="1.2.3.4", learner_id=None):
    """The login handler's steps: look up, check the password (no database), finish."""
    attempt = accounts.start_log_in(session=session, username=name, client=client)
    matched = asyncio.run(accounts.password_matches(attempt.password_hash, password))
    return accounts.finish_log_in(
        session=session, attempt=attempt, matched=matched, learner_id=learner_id
    )


def test_sign_up_claims_progress_and_retires_the_browser_token(session, anon):
    learner_id, browser_token = anon
    progress.set_status(session=session, learner_id=learner_id, slug="git", status="done")
    token = sign_up(session, learner_id, name="  Ada ")
    account = accounts.account_for_session(session=session, token=token)
    assert account.username == "ada" and account.learner_id == learner_id
    assert learners.find_learner(session=session, token=browser_token) is None
    assert progress.statuses(session=session, learner_id=account.learner_id) == {"git": "done"}
    stored = session.exec(select(AuthSession)).one()
    assert stored.token_hash != token and len(token) >= 22  # >= 128 bits, stored hashed
    assert account.password_hash.startswith("$argon2")
    assert "password_hash" not in account.model_dump()


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("ab", PASSWORD, "Usernames are 3-32"),
        ("bad name!", PASSWORD, "Usernames are 3-32"),
        (None, PASSWORD, "Enter a username"),
        ("grace", "short", "at least 10"),
        ("grace", 12345678901, "at least 10"),
        ("grace", "x" * 300, "at most 256"),
    ],
)
def test_sign_up_refuses_bad_input(session, anon, username, password, message):
    with pytest.raises(accounts.AccountError, match=message):
        sign_up(session, anon[0], name=username, password=password)
    assert session.exec(select(Account)).first() is None


def test_username_is_unique(session, anon):
    sign_up(session, anon[0])
    other, _ = learners.create_learner(session=session)
    with pytest.raises(accounts.AccountError, match="taken"):
        sign_up(session, other.id, name="ADA")


def test_login_merges_with_the_more_advanced_status_and_joined_notes(session, anon):
    owner_id = anon[0]
    sign_up(session, owner_id)
    for slug, status in [("git", "learning"), ("docker", "done"), ("flask", "skipped")]:
        progress.set_status(session=session, learner_id=owner_id, slug=slug, status=status)
    notes.save_note(session=session, learner_id=owner_id, slug="git", body="from the laptop")
    phone, _ = learners.create_learner(session=session)
    for slug, status in [("git", "done"), ("docker", "learning"), ("css", "learning")]:
        progress.set_status(session=session, learner_id=phone.id, slug=slug, status=status)
    notes.save_note(session=session, learner_id=phone.id, slug="git", body="from the phone")
    _, learner_id = log_in(session, learner_id=phone.id)
    assert learner_id == owner_id
    assert progress.statuses(session=session, learner_id=owner_id) == {
        "git": "done",
        "docker": "done",
        "flask": "skipped",
        "css": "learning",
    }
    body = notes.note_for(session=session, learner_id=owner_id, slug="git")
    assert body == "from the laptop" + NOTE_SEPARATOR + "from the phone"
    assert session.get(Learner, phone.id) is None
    assert session.exec(select(Note).where(Note.learner_id == phone.id)).first() is None


def test_equal_rank_later_change_wins(session, anon):
    from stack_explorer.models import Topic
    from stack_explorer.services.merge import merge_progress

    topic = session.exec(select(Topic).where(Topic.slug == "git")).one()
    progress.set_status(session=session, learner_id=anon[0], slug="git", status="learning")
    older = utcnow() - timedelta(days=1)
    assert not merge_progress(
        session=session, learner_id=anon[0], topic_id=topic.id, status="learning", updated_at=older
    )
    assert merge_progress(
        session=session,
        learner_id=anon[0],
        topic_id=topic.id,
        status="learning",
        updated_at=utcnow() + timedelta(seconds=1),
    )
    assert not merge_progress(
        session=session,
        learner_id=anon[0],
        topic_id=topic.id,
        status="skipped",
        updated_at=utcnow() + timedelta(days=1),
    )


def _fail(session, name="ada", client="9.9.9.9"):
    with pytest.raises(accounts.AccountError, match="Wrong username or password"):
        log_in(session, name=name, password="wrong password!", client=client)


def test_failures_throttle_that_username_from_that_client(session, anon):
    sign_up(session, anon[0])
    for _ in range(throttle.PASSWORD_FAILURES_PER_ACCOUNT.amount):
        _fail(session)
    with pytest.raises(accounts.AccountError, match=r"Too many attempts\. Try again in"):
        log_in(session, client="9.9.9.9")


def test_failures_elsewhere_never_delay_the_owner(session, anon):
    """An attacker's wrong passwords, from any address, never lock out the owner."""
    sign_up(session, anon[0])
    for attacker in ("9.9.9.9", "9.9.9.8", "9.9.9.7"):
        for _ in range(throttle.PASSWORD_FAILURES_PER_ACCOUNT.amount + 2):
            with pytest.raises(accounts.AccountError):
                log_in(session, password="wrong password!", client=attacker)
    assert log_in(session, client="5.5.5.5")[1] == anon[0]


def test_a_client_guessing_many_usernames_is_throttled(session, anon):
    sign_up(session, anon[0])
    for index in range(throttle.PASSWORD_FAILURES_PER_CLIENT.amount):
        _fail(session, name=f"guess{index}")
    with pytest.raises(accounts.AccountError, match="Too many attempts"):
        log_in(session, client="9.9.9.9")
    assert log_in(session, client="5.5.5.5")[1] == anon[0]  # other clients are unaffected


def test_success_clears_the_clients_counters(session, anon):
    sign_up(session, anon[0])
    for _ in range(throttle.PASSWORD_FAILURES_PER_ACCOUNT.amount - 1):
        _fail(session)
    log_in(session, client="9.9.9.9")
    for _ in range(throttle.PASSWORD_FAILURES_PER_ACCOUNT.amount - 1):
        _fail(session)
    assert log_in(session, client="9.9.9.9")[1] == anon[0]


def test_sign_ups_are_throttled_per_client(session):
    for index in range(throttle.SIGN_UPS_PER_CLIENT.amount):
        learner, _ = learners.create_learner(session=session)
        sign_up(session, learner.id, name=f"user{index}", client="7.7.7.7")
    learner, _ = learners.create_learner(session=session)
    with pytest.raises(accounts.AccountError, match="Too many attempts"):
        sign_up(session, learner.id, name="one-more", client="7.7.7.7")
    sign_up(session, learner.id, name="elsewhere", client="6.6.6.6")


def test_unknown_user_gets_the_same_message(session):
    with pytest.raises(accounts.AccountError, match="Wrong username or password"):
        log_in(session, name="nobody")


def test_expired_and_forged_sessions_are_refused(session, anon):
    token = sign_up(session, anon[0])
    assert accounts.account_for_session(session=session, token=token + "x") is None
    assert accounts.account_for_session(session=session, token=12345) is None
    row = session.exec(select(AuthSession)).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    session.add(row)
    session.commit()
    assert accounts.account_for_session(session=session, token=token) is None


def test_log_out_everywhere_revokes_every_session(session, anon):
    first = sign_up(session, anon[0])
    second, _ = log_in(session)
    account = accounts.account_for_session(session=session, token=first)
    assert accounts.log_out_everywhere(session=session, account_id=account.id) == 2
    assert accounts.account_for_session(session=session, token=first) is None
    assert accounts.account_for_session(session=session, token=second) is None


def test_deleting_an_account_removes_everything(session, anon):
    token = sign_up(session, anon[0])
    progress.set_status(session=session, learner_id=anon[0], slug="git", status="done")
    notes.save_note(session=session, learner_id=anon[0], slug="git", body="mine")
    account = accounts.account_for_session(session=session, token=token)
    stored = accounts.start_password_check(
        session=session, account_id=account.id, client="1.1.1.1"
    ).password_hash
    assert not asyncio.run(accounts.password_matches(stored, "not it"))
    assert asyncio.run(accounts.password_matches(stored, PASSWORD))
    accounts.delete_account(session=session, account_id=account.id)
    assert session.get(Learner, anon[0]) is None
    assert accounts.account_for_session(session=session, token=token) is None
    assert session.exec(select(Note)).first() is None
