"""Accounts: sign-up, login, throttling, sessions and the merge rule."""

from datetime import timedelta

import pytest
from sqlmodel import select

from stack_explorer.models import Account, AuthSession, Learner, Note, utcnow
from stack_explorer.services import accounts, learners, notes, progress
from stack_explorer.services.merge import NOTE_SEPARATOR

PASSWORD = "correct horse battery"


@pytest.fixture()
def anon(session):
    learner, token = learners.create_learner(session=session)
    return learner.id, token


def sign_up(session, learner_id, name="ada"):
    return accounts.sign_up(
        session=session, username=name, password=PASSWORD, learner_id=learner_id
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
        accounts.sign_up(session=session, username=username, password=password, learner_id=anon[0])
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
    _, learner_id = accounts.log_in(
        session=session, username="ada", password=PASSWORD, client="1.2.3.4", learner_id=phone.id
    )
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


def test_failed_logins_are_throttled_per_username_and_per_client(session, anon):
    sign_up(session, anon[0])
    for _ in range(accounts.FREE_FAILURES):
        with pytest.raises(accounts.AccountError, match="Wrong username or password"):
            accounts.log_in(
                session=session,
                username="ada",
                password="wrong password!",
                client="9.9.9.9",
                learner_id=None,
            )
    with pytest.raises(accounts.AccountError, match="Too many failed attempts"):
        accounts.log_in(
            session=session, username="ada", password=PASSWORD, client="8.8.8.8", learner_id=None
        )
    with pytest.raises(accounts.AccountError, match="Too many failed attempts"):
        accounts.log_in(
            session=session,
            username="someone-else",
            password=PASSWORD,
            client="9.9.9.9",
            learner_id=None,
        )


def test_unknown_user_gets_the_same_message(session):
    with pytest.raises(accounts.AccountError, match="Wrong username or password"):
        accounts.log_in(
            session=session, username="nobody", password=PASSWORD, client="x", learner_id=None
        )


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
    second, _ = accounts.log_in(
        session=session, username="ada", password=PASSWORD, client="c", learner_id=None
    )
    account = accounts.account_for_session(session=session, token=first)
    assert accounts.log_out_everywhere(session=session, account_id=account.id) == 2
    assert accounts.account_for_session(session=session, token=first) is None
    assert accounts.account_for_session(session=session, token=second) is None
