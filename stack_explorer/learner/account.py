"""Account actions for a tab: sign up, log in, log out (here or everywhere), delete.

Each changes who this browser is, so each ends by telling the learner context:
a new session's tokens are adopted, a claimed or revoked learner's other tabs are
detached (their identity keepers then adopt whatever their browser now holds), and
the account's own tabs are sent the merged progress at once. Every password check
is counted by the throttle before it runs (services/throttle.py).
"""

import reflex as rx

from stack_explorer.learner import goal as weekly_goal
from stack_explorer.learner.context import (
    adopt,
    detach_stale_tabs,
    forget,
    publish_progress,
    resolve,
    start_afresh,
    tokens_retired,
)
from stack_explorer.learner.state import LearnerState
from stack_explorer.services import accounts

AccountError = accounts.AccountError


def _field(form_data: dict, name: str) -> str:
    value = form_data.get(name)
    return value if isinstance(value, str) else ""


async def _start_session(state: rx.State, session_token: str, retired: int) -> int:
    await tokens_retired(retired)  # the anonymous token no longer reaches that learner
    forget(await state.get_state(LearnerState))
    learner_id, _ = await adopt(state, "", session_token)
    return learner_id


async def _leave(state: rx.State, learner_id: int) -> None:
    """This browser starts afresh; the learner's other tabs are checked at once."""
    await start_afresh(state)
    await detach_stale_tabs(learner_id)


async def sign_up(state: rx.State, form_data: dict) -> None:
    learner_id = await resolve(state)
    name, password_hash = await accounts.hash_new_password(
        username=_field(form_data, "username"),
        password=_field(form_data, "password"),
        client=state.router.session.client_ip,
    )
    with rx.session() as session:
        token = accounts.sign_up(
            session=session, username=name, password_hash=password_hash, learner_id=learner_id
        )
    await _start_session(state, token, retired=learner_id)


async def log_in(state: rx.State, form_data: dict) -> None:
    learner_id = await resolve(state)
    tab = await state.get_state(LearnerState)
    claimed = None if tab._account_id else learner_id  # only anonymous progress is claimed
    with rx.session() as session:
        attempt = accounts.start_log_in(
            session=session,
            username=_field(form_data, "username"),
            client=state.router.session.client_ip,
        )
    matched = await accounts.password_matches(attempt.password_hash, _field(form_data, "password"))
    with rx.session() as session:
        token, _ = accounts.finish_log_in(
            session=session, attempt=attempt, matched=matched, learner_id=claimed
        )
    account_learner = await _start_session(state, token, retired=learner_id)
    await detach_stale_tabs(learner_id)  # the claimed learner's other tabs stop showing it
    await publish_progress(state, account_learner)  # the account's tabs show the merge
    await weekly_goal.publish(state, account_learner)


async def log_out(state: rx.State) -> None:
    learner_id = await resolve(state)
    tab = await state.get_state(LearnerState)
    if tab.session_token:
        with rx.session() as session:
            accounts.log_out(session=session, token=tab.session_token)
    await _leave(state, learner_id)


async def log_out_everywhere(state: rx.State) -> int:
    """Revoke every session of the account; return how many there were."""
    learner_id = await resolve(state)
    tab = await state.get_state(LearnerState)
    if tab._account_id is None:
        raise AccountError("You are not logged in.")
    with rx.session() as session:
        count = accounts.log_out_everywhere(session=session, account_id=tab._account_id)
    await _leave(state, learner_id)
    return count


async def delete_account(state: rx.State, form_data: dict) -> None:
    learner_id = await resolve(state)
    tab = await state.get_state(LearnerState)
    if tab._account_id is None:
        raise AccountError("You are not logged in.")
    with rx.session() as session:
        attempt = accounts.start_password_check(
            session=session, account_id=tab._account_id, client=state.router.session.client_ip
        )
    if not await accounts.password_matches(attempt.password_hash, _field(form_data, "password")):
        raise AccountError("That password is not right. Nothing was deleted.")
    with rx.session() as session:
        accounts.delete_account(session=session, account_id=tab._account_id)
    await _leave(state, learner_id)
