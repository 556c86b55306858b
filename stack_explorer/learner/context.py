"""The learner context: everything that decides who is behind a tab.

- `resolve` turns the tab's tokens into a learner id on every call. It asks the
  database when the tokens changed, when its learner's tokens were revoked since
  the tab's last check (`revocations`: log out, log out everywhere, deletion,
  sign-up, a merge, on any worker), when the session expires, and at least once a
  minute; otherwise it reuses the tab's last check. So a merged or deleted
  learner, a revoked or expired session, all take effect on the tab's next read or
  write.
- The browser's stored token is the identity. A tab's server state can vanish at
  any time (Reflex expires it after an idle hour, Redis restarts, a worker dies)
  and comes back without the tokens. `resolve` then raises `Unidentified`; it never
  starts a learner. `adopt` takes the tokens the browser sends (the identity keeper
  on every page, and every batch of writes) and is the one place a learner is
  created: for a browser that holds no token, or whose token leads nowhere.
- `learner` gives a handler the resolved id and a database session in one step.
  Nothing may be awaited inside it (tests/unit/test_no_await_in_session.py):
  a database session held across an await can deadlock a worker, because
  taking a pooled connection blocks the event loop that would release one.
- `in_thread` does the same for a function, run in a worker thread when the
  database is remote (`off_loop`): the event loop serves other tabs while
  PostgreSQL answers.
- `publish_progress` reloads the learner's statuses from the database into this
  tab and every other tab (after bulk changes); `publish_status` sends one
  topic's new status to them as a one-entry delta.
- `push` makes changes in the learner's other open tabs, one visit per tab. Each
  tab is re-checked before anything reaches it; a tab that no longer belongs to
  the learner is detached (its identity and live progress cleared) instead.
- `detach_stale_tabs` runs that check over every tab of a learner at once, after
  a merge, a log-out, "log out everywhere" or an account deletion.
"""

import asyncio
import contextlib
import logging
import secrets
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import reflex as rx
from sqlmodel import Session

from stack_explorer import routes
from stack_explorer.learner import progress as progress_state
from stack_explorer.learner import revocations
from stack_explorer.learner import tabs as live_tabs
from stack_explorer.learner.progress import LearnerProgress
from stack_explorer.learner.state import LearnerState, Unidentified
from stack_explorer.models import utcnow
from stack_explorer.reflex_internals import is_connected, modify_tab
from stack_explorer.services import accounts, learners, paths, progress, quiz

logger = logging.getLogger(__name__)
_TASKS: set[asyncio.Task] = set()  # keeps fire-and-forget tab visits referenced
T = TypeVar("T")
# A change for another tab: (the state it touches, a function that applies it).
Change = tuple[type[rx.State], Callable[[rx.State], None]]
RECHECK = timedelta(minutes=1)  # the longest a tab goes without asking the database
# A tab's state can come back older after a worker dies (it is saved after the answer
# is sent), so a check made by another process never counts here.
PROCESS = secrets.token_hex(8)
UNCHECKED = ("", "", None, datetime.min, "")


@dataclass(frozen=True)
class Me:
    """The learner behind the current event, and a database session to act for them."""

    id: int
    session: Session


def _owner(
    session: Session, tab: LearnerState
) -> tuple[int | None, accounts.Account | None, datetime]:
    """Who the tab's tokens belong to right now: (learner id, account, check again by)."""
    again = utcnow() + RECHECK
    if tab.session_token:
        found = accounts.active_session(session=session, token=tab.session_token)
        if found is not None:
            account, expires = found
            return account.learner_id, account, min(again, expires)
    learner = learners.find_learner(session=session, token=tab.token)
    return (learner.id if learner else None), None, again


def _still_checked(tab: LearnerState, mark: str) -> bool:
    """The tab's last check still holds: same tokens, the learner's revocation mark
    unchanged since (`mark` is its current value), not due."""
    return (
        tab._learner_id is not None
        and tab._checked[:3] == (tab.token, tab.session_token, mark)
        and utcnow() < tab._checked[3]
        and tab._checked[4:] == (PROCESS,)
    )


def _set(obj, name: str, value) -> None:
    """Assign only on change, so an unchanged var is not re-sent to the browser."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


async def resolve(state: rx.State) -> int:
    """The learner behind this tab. Raises Unidentified when the tab's server state
    holds no token: only the browser knows whether it has one (see `adopt`)."""
    tab = await state.get_state(LearnerState)
    mark = await revocations.mark(tab._learner_id)  # read before the check it stamps
    if not _still_checked(tab, mark):
        await _check(state, tab, mark, may_start=False)
    page = state.router.url.path
    if page != tab._page:  # a page load: the changes made on the last page are folded in
        tab._page = page
        progress_state.fold(await state.get_state(LearnerProgress))
    return tab._learner_id


LOGGED_OUT = "You were logged out on this device, so this browser now has a fresh, empty map."
NOT_FOUND = (
    "The progress this browser pointed to is no longer on the server (it may have been "
    "deleted), so a fresh, empty map has started."
)


async def adopt(state: rx.State, token: str, session_token: str) -> tuple[int, str]:
    """The learner behind the tokens the browser holds right now, as it sent them with
    an identify or a batch of writes: (learner id, a notice for the learner or "").

    This is the only place a learner is created: for a browser that holds no token,
    or whose tokens lead nowhere any more (then with a notice)."""
    tab = await state.get_state(LearnerState)
    if (tab.token, tab.session_token) != (token, session_token):
        tab.token, tab.session_token = token, session_token
        tab._checked = UNCHECKED
    notice = ""
    mark = await revocations.mark(tab._learner_id)
    if not _still_checked(tab, mark):
        notice = await _check(state, tab, mark, may_start=True)
    return tab._learner_id, notice


async def _check(state: rx.State, tab: LearnerState, mark: str, may_start: bool) -> str:
    """Ask the database who the tab's tokens lead to. `mark` is the tab's learner's
    revocation mark, read before asking: a revocation after the answer changes it."""
    notice = ""
    with rx.session() as session:
        learner_id, account, again = _owner(session, tab)
        if account is None and tab.session_token:
            tab.session_token = ""  # revoked or expired: the browser forgets it
            notice = LOGGED_OUT
        if learner_id is None:
            if not may_start:
                raise Unidentified
            if tab.token:
                notice = NOT_FOUND
            learner_id, tab.token = learners.create_learner_token(session=session)
        _set(tab, "username", account.username if account else "")
        _set(tab, "_account_id", account.id if account else None)
        switched = learner_id != tab._learner_id
        # Every check reloads the progress too: it may have changed on a dead worker.
        snapshot = _snapshot(session, learner_id)
    # Another learner's mark was not read before the answer: stamp "none revoked",
    # which any revocation of that learner after the answer changes.
    mark = mark if learner_id == tab._learner_id else revocations.NONE
    tab._checked = (tab.token, tab.session_token, mark, again, PROCESS)
    _set(tab, "identified", True)
    _apply_progress(await state.get_state(LearnerProgress), snapshot)
    if switched:
        client = state.router.session.client_token
        if tab._learner_id is not None:
            await live_tabs.remove(tab._learner_id, client)
        tab._learner_id = learner_id
        await live_tabs.add(learner_id, client)
    return notice


@contextlib.asynccontextmanager
async def learner(state: rx.State) -> AsyncIterator[Me]:
    """Resolve the learner, then hand the handler a session to act for them.

    Do the database work inside, and any awaiting (pushes, other states) after."""
    learner_id = await resolve(state)
    with rx.session() as session:
        yield Me(learner_id, session)


async def in_thread(state: rx.State, work: Callable[[Me], T]) -> T:
    """Resolve the learner, then run `work(me)` with a session of its own, off the
    event loop where the database is remote (see `off_loop`)."""
    learner_id = await resolve(state)

    def job() -> T:
        with rx.session() as session:
            return work(Me(learner_id, session))

    return await off_loop(job)


async def off_loop(job: Callable[..., T], *args) -> T:
    """Run database work in a worker thread when the database answers over the
    network (PostgreSQL): the event loop serves other tabs meanwhile. SQLite answers
    from a local file in less time than a thread hop takes, and writing on the loop
    keeps one process's SQLite writes in sequence, so it runs here.
    (SQLAlchemy's pool is thread-safe; a session never leaves its thread.)"""
    if rx.config.get_config().db_url.startswith("sqlite"):
        return job(*args)
    return await asyncio.to_thread(job, *args)


def forget(tab: LearnerState) -> None:
    """Drop the browser's identity (log out, deletion, or before a new session)."""
    tab.token = tab.session_token = tab.username = ""
    tab._account_id = None
    tab._checked = UNCHECKED


async def start_afresh(state: rx.State) -> int:
    """This browser drops its identity and gets a new anonymous learner at once."""
    forget(await state.get_state(LearnerState))
    learner_id, _ = await adopt(state, "", "")
    return learner_id


Snapshot = tuple[dict[str, str], str, float, int]


def _snapshot(session: Session, learner_id: int) -> Snapshot:
    seen = progress_state.now_ms()  # before the reads: a change after it is not in them
    return (
        progress.statuses(session=session, learner_id=learner_id),
        paths.current_path(session=session, learner_id=learner_id) or "",
        seen,
        quiz.due_count(session=session, learner_id=learner_id),
    )


def _apply_progress(shown: LearnerProgress, snapshot: Snapshot) -> None:
    progress_state.load_all(shown, *snapshot)


async def publish_progress(state: rx.State, learner_id: int) -> None:
    """Reload the learner's progress from the database into this tab and all their others."""
    with rx.session() as session:
        snapshot = _snapshot(session, learner_id)
    _apply_progress(await state.get_state(LearnerProgress), snapshot)
    await push(state, (LearnerProgress, lambda other: _apply_progress(other, snapshot)))


async def publish_status(state: rx.State, slug: str, status: str, *also: Change) -> None:
    """One topic's saved status, to this tab and the learner's others, as a small delta;
    `also`: more changes for the other tabs, made in the same visit."""
    on_topic_page = state.router.url.path.startswith(routes.TOPIC_PREFIX)
    progress_state.change(await state.get_state(LearnerProgress), slug, status, on_topic_page)
    await push(
        state, (LearnerProgress, lambda other: progress_state.change(other, slug, status)), *also
    )


async def push(state: rx.State, *changes: Change) -> None:
    """Apply each change, in order, in each other tab that still belongs to this learner."""
    tab = await state.get_state(LearnerState)
    if tab._learner_id is not None:
        await _visit_tabs(tab._learner_id, state.router.session.client_token, changes)


async def tokens_retired(learner_id: int) -> None:
    """A token stopped leading to this learner (a sign-up retires the anonymous one):
    each of their tabs checks its tokens against the database on its next event."""
    await revocations.revoke(learner_id)


async def detach_stale_tabs(learner_id: int) -> None:
    """After a revocation: every tab of this learner checks its tokens again on its
    next event, and every open one is checked now; those whose tokens lead elsewhere
    are detached."""
    await revocations.revoke(learner_id)
    await _visit_tabs(learner_id, None, ())


async def _visit_tabs(learner_id: int, skip: str | None, changes: tuple[Change, ...]) -> None:
    # Each visit runs as its own task, after this handler releases its tab's lock:
    # two tabs waiting on each other's locks would otherwise deadlock.
    for client in await live_tabs.tabs(learner_id) - {skip}:
        task = asyncio.create_task(_visit(client, learner_id, changes))
        _TASKS.add(task)
        task.add_done_callback(_finished)


async def _visit(client: str, learner_id: int, changes: tuple[Change, ...]) -> None:
    if not await is_connected(client):
        await live_tabs.remove(learner_id, client)
        return
    mark = await revocations.mark(learner_id)
    async with modify_tab(client, LearnerState) as root:
        tab = await root.get_state(LearnerState)
        if _still_checked(tab, mark):
            owner = tab._learner_id
        else:
            with rx.session() as session:
                owner, _, _ = _owner(session, tab)
        if owner == learner_id and tab._learner_id == learner_id:
            for state_cls, apply in changes:
                apply(await root.get_state(state_cls))
            return
        await live_tabs.remove(learner_id, client)
        if tab._learner_id == learner_id:  # still showing this learner: stop that now
            await _detach(root, tab)


_DETACH_HOOKS: list[tuple[type[rx.State], Callable[[rx.State], None]]] = []


def on_detach(state_cls: type[rx.State], clear: Callable[[rx.State], None]) -> None:
    """Register how a page's state drops what it shows of a learner (note box, quiz...)."""
    _DETACH_HOOKS.append((state_cls, clear))


async def _detach(root: rx.State, tab: LearnerState) -> None:
    """The tab stops showing the learner at once; its identity keeper then sends the
    browser's tokens again, and the notice says why (e.g. logged out on this device)."""
    tab._learner_id = tab._account_id = None
    tab.username = ""
    tab._checked = UNCHECKED
    tab.identified = False
    progress_state.clear(await root.get_state(LearnerProgress))
    for state_cls, clear in _DETACH_HOOKS:
        clear(await root.get_state(state_cls))


def _finished(task: asyncio.Task) -> None:
    _TASKS.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.warning("Could not update another tab: %s", task.exception())
