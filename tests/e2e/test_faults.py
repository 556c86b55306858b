"""Faults at the websocket level: the server killed with SIGKILL while a learner works,
and 200 learners saving at once. What the server acknowledged must be in the database.

A save is acknowledged when the learner's socket receives a delta in which
TopicState.saved reads "Saved: <Label>" or LearnerProgress.changes/statuses hold the new
status. The database is then read directly (tables learner, topic, progress,
progressevent), finding each learner by the SHA-256 of the token its client holds.
Runs once: in production mode (PostgreSQL + Redis, several workers) when those
answer, else on SQLite. Longer than 300 lines because both scenarios share the
scripted learner and the database checks defined here.
"""

import asyncio
import contextlib
import hashlib
import json
import random
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import bindparam, create_engine, text

from stack_explorer import status as st
from stack_explorer.learner.progress import LearnerProgress
from stack_explorer.learner.state import LearnerState
from stack_explorer.pages.topic.state import TopicState
from stack_explorer.pages.write_queue import WriteQueueState
from tests.e2e.conftest import run_once
from tests.kit.reflex_socket import NAMESPACE, ReflexSocket
from tests.kit.reflex_socket import status as status_item

pytestmark = [run_once, pytest.mark.restarts_server]
TOPIC_STATE = TopicState.get_full_name()
WRITE_QUEUE = WriteQueueState.get_full_name()
PROGRESS_STATE = LearnerProgress.get_full_name()
SAVED = "saved_rx_state_"
STATUSES = "statuses_rx_state_"
CHANGES = "changes_rx_state_"  # one-topic changes since the last full load


class Learner(ReflexSocket):
    """A scripted learner: a ReflexSocket that keeps every delta it receives, in order."""

    def __init__(self, backend_url: str, client_token: str | None = None):
        super().__init__(backend_url)
        if client_token:  # a reconnecting tab keeps its token, as the browser does
            self.client_token = client_token
        self.deltas: list[dict] = []
        self._arrived = asyncio.Event()

    async def _on_event(self, update: dict) -> None:
        await super()._on_event(update)
        self.deltas.append(update.get("delta") or {})
        self._arrived.set()

    @property
    def token(self) -> str:
        return self.get(LearnerState, "token") or ""

    async def wait_until(self, predicate, timeout: float) -> bool:
        """Wait for deltas until `predicate()` holds, the time is up or the socket closes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0 or not self.sio.connected:
                return predicate()
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), min(remaining, 0.5))
        return True

    async def emit_status(self, slug: str, status: str) -> int:
        """Click a status on the topic's page (one write through the write queue's
        handler, as the browser sends it); return the index of the next delta."""
        start = len(self.deltas)
        path = f"/topics/{slug}"
        event = {
            "name": f"{WRITE_QUEUE}.apply",
            "payload": self.write_event([status_item(slug, status)]),
            "router_data": {"pathname": path, "asPath": path},
        }
        await self.sio.emit("event", event, namespace=NAMESPACE)
        return start

    def acknowledged(self, start: int, slug: str, status: str) -> bool:
        return any(acknowledges(delta, slug, status) for delta in self.deltas[start:])

    def saved_labels(self, start: int) -> list[str]:
        """The saved indicator's value in each delta since `start` that carries it."""
        return [
            delta[TOPIC_STATE][SAVED]
            for delta in self.deltas[start:]
            if SAVED in delta.get(TOPIC_STATE, {})
        ]

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(super().close(), 5)


def acknowledges(delta: dict, slug: str, status: str) -> bool:
    saved = delta.get(TOPIC_STATE, {}).get(SAVED)
    progress = delta.get(PROGRESS_STATE, {})
    return saved == f"Saved: {st.LABELS[status]}" or any(
        isinstance(statuses, dict) and statuses.get(slug, st.NOT_STARTED) == status
        for statuses in (progress.get(CHANGES), progress.get(STATUSES))
    )


def run(coroutine, timeout: float):
    """Run a scenario, bounded in time, on its own event loop in a thread: Playwright's
    sync API may already own this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coroutine, timeout)).result()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def active_slugs(db_url: str) -> list[str]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT slug FROM topic WHERE active ORDER BY slug"))
            return [slug for (slug,) in rows]
    finally:
        engine.dispose()


def server_log_since(server, offset: int) -> str:
    with server.log_path.open("rb") as log_file:
        log_file.seek(offset)
        return log_file.read().decode(errors="replace")


def backend_errors(log: str) -> list[str]:
    """Handler exceptions Reflex logged, and SQLite's lock errors, one excerpt each."""
    found = []
    for marker in ("[Reflex Backend Exception]", "database is locked"):
        at = log.find(marker)
        while at != -1:
            found.append(log[at : at + 1500])
            at = log.find(marker, at + 1)
    return found


async def connect(
    server, token: str = "", client_token: str | None = None, attempts: int = 3
) -> Learner:
    """Open a learner's page; retried after a restart, where the server may still be settling."""
    for _ in range(attempts):
        learner = Learner(server.backend_url, client_token)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(learner.connect("/topics/django", token=token), 30)
            # Hydration can wait for a dead worker's state lock to expire (Redis: 10 s).
            if await learner.wait_until(lambda learner=learner: bool(learner.token), 20):
                return learner
        await learner.close()
        await asyncio.sleep(1)
    raise AssertionError(f"could not connect to {server.backend_url}; see {server.log_path}")


# --- SIGKILL -------------------------------------------------------------------------

KILLS = 4
CYCLE = (st.LEARNING, st.DONE, st.SKIPPED)


def test_sigkill_loses_no_acknowledged_status(app_server):
    """A learner sets statuses on many topics one by one; every few saves the whole
    process group gets SIGKILL (half the time while a save is in flight), the server
    starts again and the learner reconnects with its token and carries on. Every save
    the server acknowledged is in the database, and the learner stays the same learner."""
    server = app_server
    rng = random.Random(20261124)
    slugs = active_slugs(server.env["REFLEX_DB_URL"])
    rng.shuffle(slugs)
    assert len(slugs) >= KILLS * 5 + 2, "too few topics for one fresh topic per save"
    log_start = server.log_path.stat().st_size
    # Each topic is set once (retries repeat the same status), so an unacknowledged
    # save that did reach the database can never contradict an acknowledged one.
    plan = iter([(slug, CYCLE[i % len(CYCLE)]) for i, slug in enumerate(slugs)])
    timings: list[float] = []
    in_flight_answered: list[bool] = []

    async def save(learner: Learner, slug: str, status: str) -> bool:
        start = await learner.emit_status(slug, status)
        return await learner.wait_until(lambda: learner.acknowledged(start, slug, status), 20)

    async def scenario():
        learner = await connect(server)
        token = learner.token
        acked: dict[str, str] = {}
        pending: tuple[str, str] | None = None
        try:
            for kill in range(KILLS):
                for _ in range(rng.randint(2, 4)):
                    slug, status = pending or next(plan)
                    pending = None
                    assert await save(learner, slug, status), f"{slug}={status} not acknowledged"
                    acked[slug] = status
                # The kill: right after an acknowledged save, or while one is in flight.
                slug, status = next(plan)
                in_flight = kill % 2 == 0
                if in_flight:
                    start = await learner.emit_status(slug, status)
                    await asyncio.sleep(rng.choice((0, 0.002, 0.005, 0.02)))
                else:
                    assert await save(learner, slug, status)
                    start = 0
                await asyncio.to_thread(server.kill)
                answered = learner.acknowledged(start, slug, status)
                if in_flight:
                    in_flight_answered.append(answered)
                if answered:
                    acked[slug] = status
                else:  # never acknowledged: the learner clicks again after reconnecting
                    pending = (slug, status)
                await learner.close()
                began = time.monotonic()
                await asyncio.to_thread(server.start, 240, False)
                timings.append(time.monotonic() - began)
                learner = await connect(server, token=token, client_token=learner.client_token)
                # Same learner after the crash, and once its page has loaded (the state a
                # dead worker held may come back older), it shows every acknowledged save.
                assert learner.token == token, "the server no longer knows the learner's token"

                def shows_every_save(learner=learner, acked=acked) -> bool:
                    shown = learner.shown_statuses() or {}
                    return all(shown.get(s) == v for s, v in acked.items())

                await learner.wait_until(shows_every_save, 20)
                shown = learner.shown_statuses() or {}
                stale = {s: (v, shown.get(s)) for s, v in acked.items() if shown.get(s) != v}
                assert not stale, f"after kill {kill + 1} the page shows {stale}"
            for _ in range(2):  # and it goes on working
                slug, status = pending or next(plan)
                pending = None
                assert await save(learner, slug, status)
                acked[slug] = status
        finally:
            await learner.close()
        return token, acked

    try:
        token, acked = run(scenario(), 600)
    finally:
        if server.process is None or server.process.poll() is not None:
            server.start(240, frontend=False)  # the backend, for the tests after this one
    print(
        f"\n[{server.mode}] {KILLS} SIGKILLs, {len(acked)} acknowledged saves; of the saves "
        f"in flight at a kill {sum(in_flight_answered)}/{len(in_flight_answered)} were "
        f"acknowledged; restarts took {min(timings):.1f}-{max(timings):.1f} s "
        f"(total {sum(timings):.0f} s)"
    )

    engine = create_engine(server.env["REFLEX_DB_URL"])
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT topic.slug, progress.status FROM progress "
                    "JOIN topic ON topic.id = progress.topic_id "
                    "JOIN learner ON learner.id = progress.learner_id "
                    "WHERE learner.token_hash = :hash"
                ),
                {"hash": token_hash(token)},
            ).all()
    finally:
        engine.dispose()
    saved = dict(rows)
    lost = {
        slug: (status, saved.get(slug))
        for slug, status in acked.items()
        if saved.get(slug) != status
    }
    assert not lost, f"acknowledged but not in the database (wanted, found): {lost}"
    assert len(acked) >= 2 * KILLS + 2
    errors = backend_errors(server_log_since(server, log_start))
    assert not errors, f"{len(errors)} errors in {server.log_path}; the first:\n{errors[0]}"


# --- 200 learners at once ----------------------------------------------------------

LEARNERS = 200
EVENTS = 6  # per learner, in bursts of BURST quick clicks
BURST = 3
CONNECT_AT_ONCE = 25


def learner_plan(index: int, slugs: list[str]) -> list[tuple[str, str]]:
    """A learner's clicks: six statuses on three topics, often the same topic twice."""
    rng = random.Random(index)
    topics = rng.sample(slugs, 3)
    return [(rng.choice(topics), rng.choice(st.ALL)) for _ in range(EVENTS)]


def expected_outcome(plan: list[tuple[str, str]]) -> tuple[dict[str, str], int]:
    """The progress rows the clicks leave (slug -> status) and how many history rows they
    write: the service writes nothing for an unchanged status, nor for "not started" on a
    topic without a row; a reset keeps the row, as "not-started"."""
    rows: dict[str, str] = {}
    changes = 0
    for slug, status in plan:
        if rows.get(slug, st.NOT_STARTED) != status:
            rows[slug] = status
            changes += 1
    return rows, changes


def test_200_learners_at_once_lose_no_update(app_server):
    server = app_server
    slugs = active_slugs(server.env["REFLEX_DB_URL"])
    plans = [learner_plan(i, slugs) for i in range(LEARNERS)]
    log_start = server.log_path.stat().st_size
    timings: dict[str, float] = {}

    async def scenario():
        began = time.monotonic()
        gate = asyncio.Semaphore(CONNECT_AT_ONCE)

        async def arrive(_index: int) -> Learner:
            async with gate:  # each learner must get its page on the first try
                return await connect(server, attempts=1)

        learners = await asyncio.gather(*(arrive(i) for i in range(LEARNERS)))
        timings["connect"] = time.monotonic() - began
        try:
            start = asyncio.Event()

            async def click(learner: Learner, plan: list[tuple[str, str]]) -> list[str]:
                await start.wait()
                first = len(learner.deltas)
                for sent in range(BURST, len(plan) + 1, BURST):
                    for slug, status in plan[sent - BURST : sent]:
                        await learner.emit_status(slug, status)
                    done = lambda n=sent: len(learner.saved_labels(first)) >= n  # noqa: E731
                    await learner.wait_until(done, 60)
                return learner.saved_labels(first)

            began = time.monotonic()
            runs = [click(learner, plan) for learner, plan in zip(learners, plans, strict=True)]
            start.set()
            labels = await asyncio.gather(*runs)
            timings["save"] = time.monotonic() - began
            return [learner.token for learner in learners], labels
        finally:
            await asyncio.gather(*(learner.close() for learner in learners))

    began = time.monotonic()
    tokens, labels = run(scenario(), 85)
    timings["total"] = time.monotonic() - began

    # Every click was answered, in order, with "Saved: <its status>".
    wrong = {
        i: got
        for i, (plan, got) in enumerate(zip(plans, labels, strict=True))
        if got != [f"Saved: {st.LABELS[status]}" for _, status in plan]
    }
    assert not wrong, f"{len(wrong)} learners saw other answers, e.g. {next(iter(wrong.items()))}"

    engine = create_engine(server.env["REFLEX_DB_URL"])
    try:
        with engine.connect() as connection:
            ids = dict(
                connection.execute(
                    text(
                        "SELECT token_hash, id FROM learner WHERE token_hash IN :hashes"
                    ).bindparams(bindparam("hashes", expanding=True)),
                    {"hashes": [token_hash(t) for t in tokens]},
                ).all()
            )
            learner_ids = [ids.get(token_hash(t)) for t in tokens]
            assert None not in learner_ids and len(set(learner_ids)) == LEARNERS
            progress = connection.execute(
                text(
                    "SELECT progress.learner_id, topic.slug, progress.status FROM progress "
                    "JOIN topic ON topic.id = progress.topic_id "
                    "WHERE progress.learner_id IN :ids"
                ).bindparams(bindparam("ids", expanding=True)),
                {"ids": learner_ids},
            ).all()
            history = dict(
                connection.execute(
                    text(
                        "SELECT learner_id, count(*) FROM progressevent "
                        "WHERE learner_id IN :ids GROUP BY learner_id"
                    ).bindparams(bindparam("ids", expanding=True)),
                    {"ids": learner_ids},
                ).all()
            )
    finally:
        engine.dispose()

    stored: dict[int, dict[str, str]] = {}
    for learner_id, slug, status in progress:
        stored.setdefault(learner_id, {})[slug] = status
    mismatched = {}
    for learner_id, plan in zip(learner_ids, plans, strict=True):
        want, changes = expected_outcome(plan)
        got = stored.get(learner_id, {})
        if got != want or history.get(learner_id, 0) != changes:
            mismatched[learner_id] = {
                "want": want,
                "got": got,
                "history": (changes, history.get(learner_id, 0)),
            }
    assert not mismatched, f"{len(mismatched)} learners: {json.dumps(mismatched)[:2000]}"

    errors = backend_errors(server_log_since(server, log_start))
    assert not errors, f"{len(errors)} errors in {server.log_path}; the first:\n{errors[0]}"
    print(
        f"\n[{server.mode}] {LEARNERS} learners x {EVENTS} saves: connected in "
        f"{timings['connect']:.1f} s, saved in {timings['save']:.1f} s, "
        f"{LEARNERS * EVENTS / timings['save']:.0f} saves/s, test {timings['total']:.1f} s"
    )


# --- /health --------------------------------------------------------------------------


def test_health_reports_database_and_redis(app_server):
    try:
        with urllib.request.urlopen(f"{app_server.backend_url}/health", timeout=10) as response:
            status, body = response.status, json.load(response)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode(errors="replace")
    redis = "ok" if "REFLEX_REDIS_URL" in app_server.env else "not configured"
    assert (status, body) == (200, {"status": "ok", "database": "ok", "redis": redis})
