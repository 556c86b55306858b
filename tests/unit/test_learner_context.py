"""How a tab is identified (`learner/context.py`): whose its tokens are, and when the
last check may be reused instead of asking the database again (resolve's cache)."""

import asyncio
import time
from datetime import timedelta
from types import SimpleNamespace

from stack_explorer.learner import context, revocations
from stack_explorer.models import utcnow
from stack_explorer.services import accounts, learners
from tests.unit.test_accounts import fresh_counters, sign_up  # noqa: F401 (fixture)

MARK = "a1b2"


def checked_tab(**changes) -> SimpleNamespace:
    """A tab whose last check (tokens, revocations, due time, process) still holds."""
    tab = SimpleNamespace(
        _learner_id=3,
        token="t" * 30,
        session_token="",
        _checked=("t" * 30, "", MARK, utcnow() + timedelta(minutes=1), context.PROCESS),
    )
    for name, value in changes.items():
        setattr(tab, name, value)
    return tab


def test_a_fresh_check_is_reused():
    assert context._still_checked(checked_tab(), MARK)


def test_the_check_is_redone_when_anything_it_rested_on_changes():
    due = checked_tab()._checked
    assert not context._still_checked(checked_tab(token="u" * 30), MARK)  # new token
    assert not context._still_checked(checked_tab(session_token="s"), MARK)  # logged in
    assert not context._still_checked(checked_tab(), "c3d4")  # a revocation since
    assert not context._still_checked(
        checked_tab(_checked=(*due[:3], utcnow() - timedelta(seconds=1), due[4])), MARK
    )  # due again
    assert not context._still_checked(checked_tab(_checked=(*due[:4], "other")), MARK)
    assert not context._still_checked(checked_tab(_learner_id=None), MARK)
    assert not context._still_checked(checked_tab(_checked=context.UNCHECKED), MARK)


def test_a_token_belongs_to_its_learner_and_an_unknown_one_to_nobody(session):
    learner, token = learners.create_learner(session=session)
    owner, account, _ = context._owner(session, SimpleNamespace(token=token, session_token=""))
    assert (owner, account) == (learner.id, None)
    nobody = SimpleNamespace(token="x" * 30, session_token="")
    assert context._owner(session, nobody)[0] is None


def test_a_session_wins_over_the_token_until_it_is_revoked(session):
    learner, _ = learners.create_learner(session=session)
    other, other_token = learners.create_learner(session=session)
    session_token = sign_up(session, learner.id)
    tab = SimpleNamespace(token=other_token, session_token=session_token)
    owner, account, again = context._owner(session, tab)
    assert owner == learner.id and account.username == "ada"
    assert again <= utcnow() + context.RECHECK
    accounts.log_out(session=session, token=session_token)
    owner, account, _ = context._owner(session, tab)
    assert (owner, account) == (other.id, None)  # the browser's own token, not the account


def test_a_revocation_changes_only_its_learners_mark(monkeypatch):
    monkeypatch.setattr(revocations, "_local", {})
    before = [asyncio.run(revocations.mark(learner)) for learner in (1, 2)]
    assert before == [revocations.NONE, revocations.NONE]
    asyncio.run(revocations.revoke(1))
    first = asyncio.run(revocations.mark(1))
    assert first != revocations.NONE
    assert asyncio.run(revocations.mark(2)) == revocations.NONE  # others keep their check
    asyncio.run(revocations.revoke(1))
    assert asyncio.run(revocations.mark(1)) not in (first, revocations.NONE)


def test_a_mark_outlives_every_tabs_last_check(monkeypatch):
    """A mark may lapse back to none only after every tab stamped before it has been
    made to ask the database again anyway."""
    assert revocations.KEPT > context.RECHECK
    monkeypatch.setattr(revocations, "_local", {})
    asyncio.run(revocations.revoke(1))
    later = time.monotonic() + revocations.KEPT.total_seconds() + 1
    monkeypatch.setattr(revocations.time, "monotonic", lambda: later)
    assert asyncio.run(revocations.mark(1)) == revocations.NONE
    asyncio.run(revocations.revoke(2))  # lapsed marks are dropped
    assert list(revocations._local) == [2]
