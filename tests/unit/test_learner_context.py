"""How a tab is identified (`learner/context.py`): whose its tokens are, and when the
last check may be reused instead of asking the database again (resolve's cache)."""

from datetime import timedelta
from types import SimpleNamespace

from stack_explorer.learner import context
from stack_explorer.models import utcnow
from stack_explorer.services import accounts, learners
from tests.unit.test_accounts import fresh_counters, sign_up  # noqa: F401 (fixture)

GENERATION = 7


def checked_tab(**changes) -> SimpleNamespace:
    """A tab whose last check (tokens, revocations, due time, process) still holds."""
    tab = SimpleNamespace(
        _learner_id=3,
        token="t" * 30,
        session_token="",
        _checked=("t" * 30, "", GENERATION, utcnow() + timedelta(minutes=1), context.PROCESS),
    )
    for name, value in changes.items():
        setattr(tab, name, value)
    return tab


def test_a_fresh_check_is_reused():
    assert context._still_checked(checked_tab(), GENERATION)


def test_the_check_is_redone_when_anything_it_rested_on_changes():
    due = checked_tab()._checked
    assert not context._still_checked(checked_tab(token="u" * 30), GENERATION)  # new token
    assert not context._still_checked(checked_tab(session_token="s"), GENERATION)  # logged in
    assert not context._still_checked(checked_tab(), GENERATION + 1)  # a revocation since
    assert not context._still_checked(
        checked_tab(_checked=(*due[:3], utcnow() - timedelta(seconds=1), due[4])), GENERATION
    )  # due again
    assert not context._still_checked(checked_tab(_checked=(*due[:4], "other")), GENERATION)
    assert not context._still_checked(checked_tab(_learner_id=None), GENERATION)
    assert not context._still_checked(checked_tab(_checked=context.UNCHECKED), GENERATION)


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
