"""Resolving the current learner for any state, and linking the learner's live states."""

import asyncio
import logging

import reflex as rx
from reflex.istate.manager.token import BaseStateToken
from reflex_base.registry import RegistrationContext

from stack_explorer.progress_state import LearnerProgress
from stack_explorer.services import accounts, learners, paths, progress
from stack_explorer.state import LearnerState

logger = logging.getLogger(__name__)
# Keeps push tasks referenced until they finish.
_PUSH_TASKS: set[asyncio.Task] = set()


async def current_learner_id(state: rx.State) -> int:
    """The learner behind this browser; a first visit creates an anonymous learner."""
    learner = await state.get_state(LearnerState)
    tokens = (learner.session_token, learner.token)
    resolved = learner._learner_id is not None and learner._resolved == tokens
    if resolved and (learner._account_id is None or _session_still_valid(learner)):
        return learner._learner_id
    with rx.session() as session:
        account = (
            accounts.account_for_session(session=session, token=learner.session_token)
            if learner.session_token
            else None
        )
        if account is not None:
            learner_id, learner.username, learner._account_id = (
                account.learner_id,
                account.username,
                account.id,
            )
        else:
            learner.session_token, learner.username, learner._account_id = "", "", None
            learner_id, new_token = learners.resolve_or_create(session=session, token=learner.token)
            if new_token is not None:
                learner.token = new_token
        learner._learner_id = learner_id
        learner._resolved = (learner.session_token, learner.token)
        await _link_live_states(state, learner_id)
        await refresh_statuses(state, session, learner_id)
    return learner_id


def _session_still_valid(learner: LearnerState) -> bool:
    """Sessions can be revoked elsewhere ("log out everywhere"), so check on every event."""
    with rx.session() as session:
        account = accounts.account_for_session(session=session, token=learner.session_token)
    return account is not None and account.id == learner._account_id


async def _link_live_states(state: rx.State, learner_id: int) -> None:
    shared = await state.get_state(LearnerProgress)
    await shared._link_to(f"learner-{learner_id}")


async def push_to_other_tabs(state: rx.State, state_cls: type[rx.State], apply) -> None:
    """Run `apply(other_state)` in each of this learner's other connected tabs.

    The tabs linked to the learner's shared progress are the learner's open tabs;
    each update goes out as a normal delta, through Redis when the tab's socket
    lives on another worker.
    """
    app = RegistrationContext.get().app
    shared = await state.get_state(LearnerProgress)
    me = state.router.session.client_token
    token_manager = app.event_namespace._token_manager

    async def update(token: str) -> None:
        if not await token_manager.is_token_connected(token):
            return
        async with app.modify_state(BaseStateToken(ident=token, cls=state_cls)) as root:
            apply(await root.get_state(state_cls))

    for token in set(shared._linked_from) - {me}:
        task = asyncio.create_task(update(token))
        _PUSH_TASKS.add(task)
        task.add_done_callback(_finished)


def _finished(task: asyncio.Task) -> None:
    _PUSH_TASKS.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.warning("Could not update another tab: %s", task.exception())


async def refresh_statuses(state: rx.State, session, learner_id: int) -> None:
    """Reload the shared progress from the database (pushed to every linked tab)."""
    shared = await state.get_state(LearnerProgress)
    fresh = progress.statuses(session=session, learner_id=learner_id)
    if fresh != shared.statuses:
        shared.statuses = fresh
    path = paths.current_path(session=session, learner_id=learner_id)
    if path != shared.current_path:
        shared.current_path = path


def forget_learner(learner: LearnerState) -> None:
    """Drop the browser's identity; the next event starts a fresh anonymous learner."""
    learner.token = learner.session_token = learner.username = ""
    learner._learner_id = learner._account_id = None
