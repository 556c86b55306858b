"""The learner context: everything that decides who is behind a tab.

- `resolve` turns the tab's tokens into a learner id on every call, against the
  database. A cached id is only a hint: a merged or deleted learner, a revoked
  or expired session, all take effect on the tab's next read or write.
- `learner` gives a handler the resolved id and a database session in one step.
  Nothing may be awaited inside it (tests/unit/test_no_await_in_session.py):
  a database session held across an await can deadlock a worker, because
  taking a pooled connection blocks the event loop that would release one.
- `publish_progress` is the one way progress reaches the live state: it reloads
  the learner's statuses from the database into this tab and every other tab.
- `push` runs a change in the learner's other open tabs. Each tab is re-checked
  before anything reaches it; a tab that no longer belongs to the learner is
  detached (its identity and live progress cleared) instead.
- `detach_stale_tabs` runs that check over every tab of a learner at once, after
  a merge, a log-out, "log out everywhere" or an account deletion.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from stack_explorer import live_tabs
from stack_explorer.progress_state import LearnerProgress
from stack_explorer.reflex_internals import is_connected, modify_tab
from stack_explorer.services import accounts, learners, paths, progress
from stack_explorer.state import LearnerState

logger = logging.getLogger(__name__)
_TASKS: set[asyncio.Task] = set()  # keeps fire-and-forget tab visits referenced


@dataclass(frozen=True)
class Me:
    """The learner behind the current event, and a database session to act for them."""

    id: int
    session: Session


def _owner(session: Session, tab: LearnerState) -> tuple[int | None, accounts.Account | None]:
    """Who the tab's tokens belong to right now: (learner id, account), or (None, None)."""
    if tab.session_token:
        account = accounts.account_for_session(session=session, token=tab.session_token)
        if account is not None:
            return account.learner_id, account
    found = learners.find_learner(session=session, token=tab.token)
    return (found.id if found else None), None


def _set(obj, name: str, value) -> None:
    """Assign only on change, so an unchanged var is not re-sent to the browser."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


async def resolve(state: rx.State) -> int:
    """The learner behind this tab; a browser without a valid token gets a new anonymous one."""
    tab = await state.get_state(LearnerState)
    with rx.session() as session:
        learner_id, account = _owner(session, tab)
        if account is None and tab.session_token:
            tab.session_token = ""  # revoked or expired: the browser forgets it
        if learner_id is None:
            learner_id, tab.token = learners.create_learner_token(session=session)
        _set(tab, "username", account.username if account else "")
        tab._account_id = account.id if account else None
        switched = learner_id != tab._learner_id
        snapshot = _snapshot(session, learner_id) if switched else None
    if switched:
        client = state.router.session.client_token
        if tab._learner_id is not None:
            await live_tabs.remove(tab._learner_id, client)
        tab._learner_id = learner_id
        await live_tabs.add(learner_id, client)
        _apply_progress(await state.get_state(LearnerProgress), snapshot)
    return learner_id


@contextlib.asynccontextmanager
async def learner(state: rx.State) -> AsyncIterator[Me]:
    """Resolve the learner, then hand the handler a session to act for them.

    Do the database work inside, and any awaiting (pushes, other states) after."""
    learner_id = await resolve(state)
    with rx.session() as session:
        yield Me(learner_id, session)


def forget(tab: LearnerState) -> None:
    """Drop the browser's identity; the next resolve starts a fresh anonymous learner."""
    tab.token = tab.session_token = tab.username = ""
    tab._account_id = None


def _snapshot(session: Session, learner_id: int) -> tuple[dict[str, str], str]:
    return (
        progress.statuses(session=session, learner_id=learner_id),
        paths.current_path(session=session, learner_id=learner_id) or "",
    )


def _apply_progress(shown: LearnerProgress, snapshot: tuple[dict[str, str], str]) -> None:
    statuses, current_path = snapshot
    _set(shown, "statuses", statuses)
    _set(shown, "current_path", current_path)
    _set(shown, "loaded", True)


async def publish_progress(state: rx.State, learner_id: int) -> None:
    """Reload the learner's progress from the database into this tab and all their others."""
    with rx.session() as session:
        snapshot = _snapshot(session, learner_id)
    _apply_progress(await state.get_state(LearnerProgress), snapshot)
    await push(state, LearnerProgress, lambda other: _apply_progress(other, snapshot))


async def push(state: rx.State, state_cls: type[rx.State], apply: Callable) -> None:
    """Run `apply(other)` on `state_cls` in each other tab that still belongs to this learner."""
    tab = await state.get_state(LearnerState)
    if tab._learner_id is not None:
        await _visit_tabs(tab._learner_id, state.router.session.client_token, state_cls, apply)


async def detach_stale_tabs(learner_id: int) -> None:
    """Check every open tab of a learner now; detach those whose tokens lead elsewhere."""
    await _visit_tabs(learner_id, None, None, None)


async def _visit_tabs(learner_id: int, skip: str | None, state_cls, apply) -> None:
    # Each visit runs as its own task, after this handler releases its tab's lock:
    # two tabs waiting on each other's locks would otherwise deadlock.
    for client in await live_tabs.tabs(learner_id) - {skip}:
        task = asyncio.create_task(_visit(client, learner_id, state_cls, apply))
        _TASKS.add(task)
        task.add_done_callback(_finished)


async def _visit(client: str, learner_id: int, state_cls, apply) -> None:
    if not await is_connected(client):
        await live_tabs.remove(learner_id, client)
        return
    async with modify_tab(client, LearnerState) as root:
        tab = await root.get_state(LearnerState)
        with rx.session() as session:
            owner, _ = _owner(session, tab)
        if owner == learner_id and tab._learner_id == learner_id:
            if apply is not None:
                apply(await root.get_state(state_cls))
            return
        await live_tabs.remove(learner_id, client)
        if tab._learner_id == learner_id:  # still showing this learner: stop that now
            tab._learner_id = tab._account_id = None
            tab.username = ""
            _apply_progress(await root.get_state(LearnerProgress), ({}, ""))


def _finished(task: asyncio.Task) -> None:
    _TASKS.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.warning("Could not update another tab: %s", task.exception())
