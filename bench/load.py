"""Websocket load: simulated learners speaking Reflex's socket.io protocol.

Each learner is a python-socketio AsyncClient (namespace /_event, path /_event,
websocket transport) with its own token. It connects the way the browser does:
the hydrate event (`<root state>.hydrate_and_load`, with the compiled state hashes
and a router_data pathname) rides in the CONNECT packet, and the backend then runs
the page's on_load. Once hydrated, it sets a status in a closed loop (Stack Explorer:
one status write through `<WriteQueueState>.apply`, alternating done / not-started,
after sending its (empty) tokens as the page's identity keeper does;
bare app: `<CounterState>.increment`), waiting for the delta that carries the result
before sending the next event.

Reported per app, configuration and number of learners: events/s, p50 and p99 latency
(emit to delta received), and the backend's memory (peak RSS sum of the server's
process tree). Configurations: (a) one worker, SQLite (Stack Explorer) and Reflex's
default state manager; (b) several workers, PostgreSQL + Redis (a fresh database and
a free Redis database number, both removed afterwards).

    .venv/bin/python bench/load.py [--quick] [--duration S] [--learners 50,200,500]
                                              [--configs sqlite,postgres] [--think-ms MS]

Longer than 300 lines: one benchmark with its levels, configurations (SQLite,
PostgreSQL + Redis) and report, which read best together.
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import resource
import statistics
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import psutil
import socketio

from tests.kit.reflex_socket import ReflexSocket, status

ROOT_STATE = "reflex___state____state"
TARGET_LEARNERS = 500
TARGET_P99_MS = 250
CONNECT_CONCURRENCY = 20  # learners connecting at once during the ramp-up
REPLY_TIMEOUT_S = 30  # an event without its delta after this long counts as an error
MAX_EVENTS_PER_LEARNER = 100_000  # hard bound on each learner's loop
MAX_RESTARTS = 2  # times a level is repeated after its server stopped
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
REDIS_HOST = "127.0.0.1"


@dataclass
class AppSpec:
    """How a learner hydrates one app and what it sends."""

    name: str
    pathname: str
    state_name: str = ""  # full state name, from the copy's code
    event_name: str = ""  # full handler name, filled in from the copy's code
    hashes: list = field(default_factory=list)
    schema: str = ""

    identifies: bool = False  # sends the browser's tokens after hydrating, as the page does

    def payload(self, i: int, learner: "Learner") -> dict:
        return {}

    def answered(self, delta: dict) -> bool:
        """The delta carries the reply: it touches the handler's state."""
        return self.state_name in delta

    def failed(self, delta: dict) -> bool:
        return False


class StackExplorerSpec(AppSpec):
    STATUSES = ("done", "not-started")
    identifies = True

    def payload(self, i: int, learner: "Learner") -> dict:
        """One status click, as the write queue sends it (with the learner's token)."""
        return learner.write_event([status(common.TOPIC_SLUG, self.STATUSES[i % 2])])

    def failed(self, delta: dict) -> bool:
        """TopicState's saved indicator says "Saved: ..." after a successful save."""
        saved = delta.get(self.state_name, {}).get("saved_rx_state_", "Saved")
        return not saved.startswith("Saved")


class BareSpec(AppSpec):
    pass


def full_state_name(app_dir: Path, env: dict, module: str, cls: str) -> str:
    """Import the copy's module and ask the state class for its full name."""
    code = f"from {module} import {cls}; print({cls}.get_full_name())"
    output = common.run_in(app_dir, env, str(common.VENV_BIN / "python"), "-c", code)
    return output.strip().splitlines()[-1]


def prepare_apps(name: str) -> tuple[Path, Path, Path, AppSpec, AppSpec]:
    """A work directory with copies of both apps, and the status event each one measures."""
    workdir = common.make_workdir(name)
    common.log(f"work directory {workdir}")
    se_dir = common.copy_stack_explorer(workdir)
    bare_dir = common.copy_bare_app(workdir)
    se = StackExplorerSpec("stack-explorer", f"/topics/{common.TOPIC_SLUG}/")
    bare = BareSpec("bare", "/")
    se.state_name = full_state_name(
        se_dir, common.app_env(se_dir), "stack_explorer.pages.topic", "TopicState"
    )
    queue = full_state_name(
        se_dir, common.app_env(se_dir), "stack_explorer.pages.write_queue", "WriteQueueState"
    )
    se.event_name = f"{queue}.apply"
    bare.state_name = full_state_name(
        bare_dir, common.app_env(bare_dir), "bare_app.bare_app", "CounterState"
    )
    bare.event_name = f"{bare.state_name}.increment"
    return workdir, se_dir, bare_dir, se, bare


def read_compiled_context(app_dir: Path, spec: AppSpec) -> None:
    """The state hashes and schema the compiled frontend sends when it connects."""
    context = (app_dir / ".web" / "utils" / "context.jsx").read_text()
    spec.hashes = json.loads(re.search(r"initialStateHashes = (\[.*?\]);?\n", context).group(1))
    spec.schema = re.search(r'stateSchema = "(.*?)"', context).group(1)


class Learner(ReflexSocket):
    """A simulated learner: the kit's socket, hydrating like the compiled frontend."""

    def __init__(self, spec: AppSpec, url: str):
        super().__init__(url, keep_updates=False)
        self.spec = spec
        self.sent = 0

    @property
    def client(self) -> socketio.AsyncClient:
        return self.sio

    async def connect(self) -> None:
        hydrated = asyncio.get_running_loop().create_future()

        def is_hydrated(delta: dict) -> bool:
            return delta.get(ROOT_STATE, {}).get("is_hydrated_rx_state_") is True

        self._waiting = (hydrated, is_hydrated)
        try:
            await super().connect(
                self.spec.pathname,
                hashes=self.spec.hashes,
                schema=self.spec.schema,
                settle=False,
                timeout=REPLY_TIMEOUT_S,
            )
            await asyncio.wait_for(hydrated, REPLY_TIMEOUT_S)
        finally:
            self._waiting = None
        if self.spec.identifies:
            await self.identify("", "", self.spec.pathname)

    async def send_one(self) -> float:
        """Emit one event; return the seconds until its delta arrived."""
        payload = self.spec.payload(self.sent, self)
        self.sent += 1
        state, handler = self.spec.event_name.rsplit(".", 1)
        seconds = await self.round_trip(
            state, handler, payload, self.spec.pathname, self.spec.answered, REPLY_TIMEOUT_S
        )
        if self.spec.failed(self.last_answer):
            raise RuntimeError(f"handler failed: {self.last_answer}")
        return seconds


@dataclass
class LevelResult:
    learners: int
    connected: int
    connect_s: float
    latencies: list[float]
    errors: int
    duration: float
    rss_peak: int
    generator_cpu: float  # load generator CPU use during the window, in cores
    rss_idle: int = 0  # before the learners connected
    rss_connected: int = 0  # once they had all hydrated, before any event

    def kib_per_learner(self) -> float:
        return (self.rss_connected - self.rss_idle) / max(1, self.connected) / 1024


async def run_level(
    spec: AppSpec, server: common.Server, n: int, duration: float, think_s: float
) -> LevelResult:
    """Connect n learners, then let all of them send events for `duration` seconds."""
    learners = [Learner(spec, server.url) for _ in range(n)]
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
    errors = 0
    connect_errors: list[str] = []

    async def connect(learner: Learner) -> bool:
        async with gate:
            try:
                await learner.connect()
                return True
            except Exception as error:
                connect_errors.append(repr(error))
                return False

    rss_idle = server.rss_bytes()
    started = time.perf_counter()
    ok = await asyncio.gather(*(connect(learner) for learner in learners))
    connect_s = time.perf_counter() - started
    server.assert_running()
    await asyncio.sleep(1)  # let the hydration work finish before the memory is read
    rss_connected = server.rss_bytes()
    active = [learner for learner, good in zip(learners, ok, strict=True) if good]
    common.log(f"  {len(active)}/{n} learners hydrated in {connect_s:.1f} s")
    if connect_errors:
        common.log(f"  {len(connect_errors)} failed to connect, first: {connect_errors[0]}")

    latencies: list[float] = []
    window_start = time.perf_counter()
    window_end = window_start + duration

    rng = random.Random(n)  # the same pauses on every run

    async def loop(learner: Learner) -> None:
        nonlocal errors
        if think_s:  # learners do not all start together, nor pause for the same time
            await asyncio.sleep(rng.uniform(0, think_s))
        while time.perf_counter() < window_end and learner.sent < MAX_EVENTS_PER_LEARNER:
            try:
                latencies.append(await learner.send_one())
            except Exception:  # failures, timeouts, disconnects
                errors += 1
                if not learner.client.connected:
                    return
            if think_s:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)

    rss_peak = 0
    stop_sampling = threading.Event()

    def sample_rss() -> None:
        nonlocal rss_peak
        while not stop_sampling.wait(0.5):
            rss_peak = max(rss_peak, server.rss_bytes())

    sampler = threading.Thread(target=sample_rss, daemon=True)
    me = psutil.Process()
    cpu_before = sum(me.cpu_times()[:2])
    sampler.start()
    await asyncio.wait_for(
        asyncio.gather(*(loop(learner) for learner in active)),
        timeout=duration + REPLY_TIMEOUT_S + 10,
    )
    elapsed = time.perf_counter() - window_start
    cpu_used = sum(me.cpu_times()[:2]) - cpu_before
    stop_sampling.set()
    sampler.join()
    server.assert_running()
    rss_peak = max(rss_peak, server.rss_bytes())

    await asyncio.gather(
        *(learner.client.disconnect() for learner in learners), return_exceptions=True
    )
    return LevelResult(
        learners=n,
        connected=len(active),
        connect_s=connect_s,
        latencies=latencies,
        errors=errors + (n - len(active)),
        duration=elapsed,
        rss_peak=rss_peak,
        generator_cpu=cpu_used / elapsed,
        rss_idle=rss_idle,
        rss_connected=rss_connected,
    )


def redis_db_number() -> int:
    """The Redis database the benchmark may use and flush: BENCH_REDIS_DB (default 15).

    Both apps share it: their keys never collide (each tab has its own random
    token), and it is flushed before and after the configuration runs."""
    return int(os.environ.get("BENCH_REDIS_DB", "15"))


def flush_redis_db(number: int) -> None:
    import redis

    redis.Redis(host=REDIS_HOST, port=6379, db=number).flushdb()


def pg_admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(statement)


def raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 65536 if hard == resource.RLIM_INFINITY else min(hard, 65536)
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    common.log(f"open files limit: {resource.getrlimit(resource.RLIMIT_NOFILE)[0]}")


def measure_level(
    spec: AppSpec, server: common.Server, n: int, duration: float, think_s: float, notes: list
) -> LevelResult:
    for attempt in range(MAX_RESTARTS + 1):
        common.log(f"{spec.name}: {n} learners for {duration:.0f} s")
        try:
            result = asyncio.run(run_level(spec, server, n, duration, think_s))
            break
        except common.ServerStopped:
            if attempt == MAX_RESTARTS:
                raise
            # Seen when something else on the machine stopped `reflex run` processes:
            # say so, restart, and measure the level again.
            common.log("  the server stopped; restarting it and repeating the level")
            notes.append(
                f"The {spec.name} server stopped during the {n}-learner level "
                "(no error in its log); it was restarted and the level repeated."
            )
            server.stop()
            server.start()
    lat = result.latencies
    if lat:
        common.log(
            f"  {len(lat) / result.duration:.0f} events/s, "
            f"p50 {statistics.median(lat) * 1000:.1f} ms, "
            f"p99 {common.percentile(lat, 99) * 1000:.1f} ms, "
            f"errors {result.errors}, RSS {result.rss_peak / 2**20:.0f} MiB"
        )
    return result


def measure_config(
    label: str,
    apps: list,
    levels: list[int],
    duration: float,
    think_s: float,
    notes: list,
    worker_counts: list[int | None] = (None,),
) -> list[list]:
    """Serve all apps at once; at each level, measure one app after the other.

    With several worker counts the servers restart between them, backend only
    (the frontend built at the first start is kept)."""
    rows = []
    with contextlib.ExitStack() as stack:
        servers = []
        for spec, app_dir, env in apps:
            if worker_counts[0] is not None:
                env["GRANIAN_WORKERS"] = str(worker_counts[0])
            servers.append(stack.enter_context(common.Server(spec.name, app_dir, env)))
            read_compiled_context(app_dir, spec)
        for index, count in enumerate(worker_counts):
            if index:
                for server in servers:
                    server.stop()
                    server.env["GRANIAN_WORKERS"] = str(count)
                    server.start(frontend=False)
            results: dict[str, list[LevelResult]] = {spec.name: [] for spec, _, _ in apps}
            for n in levels:
                for (spec, _, _), server in zip(apps, servers, strict=True):
                    results[spec.name].append(
                        measure_level(spec, server, n, duration, think_s, notes)
                    )
            workers = [server.worker_count() for server in servers]
            for (spec, _, _), workers_seen in zip(apps, workers, strict=True):
                rows += table_rows(label, spec.name, workers_seen, results[spec.name])
    return rows


def table_rows(config: str, app: str, workers: int, results: list[LevelResult]) -> list[list]:
    rows = []
    for r in results:
        lat = r.latencies
        rows.append(
            [
                config,
                app,
                workers,
                r.learners,
                f"{r.connected} in {r.connect_s:.1f} s",
                f"{len(lat) / r.duration:.0f}" if lat else "0",
                common.ms(statistics.median(lat) * 1000) if lat else "-",
                common.ms(common.percentile(lat, 99) * 1000) if lat else "-",
                r.errors,
                f"{r.rss_peak / 2**20:.0f}",
                f"{r.rss_idle / 2**20:.0f} / {r.kib_per_learner():.0f}",
                f"{r.generator_cpu:.2f}",
            ]
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 s per level instead of 20 s")
    parser.add_argument("--duration", type=float, help="seconds of load per level")
    parser.add_argument("--learners", default="50,200,500", help="comma-separated levels")
    parser.add_argument("--configs", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument(
        "--workers",
        default="",
        help="comma-separated worker counts for PostgreSQL + Redis (default: Reflex's)",
    )
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0,
        help="mean pause after each reply, randomized (default 0: closed loop)",
    )
    args = parser.parse_args()
    duration = args.duration or (5 if args.quick else 20)
    levels = [int(n) for n in args.learners.split(",")]
    configs = [c.strip() for c in args.configs.split(",")]
    think_s = args.think_ms / 1000
    raise_fd_limit()

    workdir, se_dir, bare_dir, se, bare = prepare_apps("load")
    common.log(f"events: {se.event_name}, {bare.event_name}")

    rows = []
    notes = []
    for config in configs:
        if config == "sqlite":
            label = "(a) SQLite, 1 worker"
            se_env = common.app_env(se_dir, REFLEX_DB_URL=f"sqlite:///{workdir}/load.db")
            bare_env = common.app_env(bare_dir)
            common.prepare_database(se_dir, se_env)
            apps = [(se, se_dir, se_env), (bare, bare_dir, bare_env)]
            rows += measure_config(label, apps, levels, duration, think_s, notes)
        elif config == "postgres":
            database = f"bench_load_{uuid.uuid4().hex[:8]}"
            redis_dbs = [redis_db_number()]
            flush_redis_db(redis_dbs[0])
            se_redis = bare_redis = f"redis://{REDIS_HOST}:6379/{redis_dbs[0]}"
            label = "(b) PostgreSQL + Redis"
            notes.append(
                f"(b) used database `{database}` and Redis database {redis_dbs[0]} "
                "(both apps), removed/flushed afterwards."
            )
            pg_admin(f'CREATE DATABASE "{database}"')
            try:
                se_env = common.app_env(
                    se_dir,
                    REFLEX_DB_URL=f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}",
                    REFLEX_REDIS_URL=se_redis,
                )
                bare_env = common.app_env(bare_dir, REFLEX_REDIS_URL=bare_redis)
                common.prepare_database(se_dir, se_env)
                apps = [(se, se_dir, se_env), (bare, bare_dir, bare_env)]
                counts = [int(w) for w in args.workers.split(",")] if args.workers else [None]
                rows += measure_config(label, apps, levels, duration, think_s, notes, counts)
            finally:
                pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                for db in redis_dbs:
                    flush_redis_db(db)
        else:
            raise SystemExit(f"unknown configuration {config!r}")

    verdicts = []
    for row in rows:
        if row[3] == TARGET_LEARNERS and row[1] == "stack-explorer" and row[7] != "-":
            met = float(row[7]) <= TARGET_P99_MS and row[8] == 0
            verdicts.append(f"{row[0]}: p99 {row[7]} ms, **{'met' if met else 'missed'}**")
    body = "\n".join(
        [
            "Simulated learners over socket.io (python-socketio, websocket transport) "
            "against production builds; each learner hydrates "
            f"`/topics/{common.TOPIC_SLUG}` (bare app: `/`), then sends one event at a "
            "time and waits for its delta"
            + (
                f", pausing {args.think_ms:.0f} ms on average (uniform 0.5x-1.5x, random "
                "start) after each"
                if think_s
                else " (closed loop)"
            )
            + f"; {duration:.0f} s per level. Latency: emit to delta received. "
            "RSS: peak sum over the server's process tree (the `reflex run` process and "
            "its workers); idle RSS before the learners connect, and the growth once they "
            "have all hydrated, per learner. Generator CPU: cores used by the load generator "
            "itself, "
            "which runs on the same machine.",
            "",
            common.md_table(
                [
                    "config",
                    "app",
                    "workers",
                    "learners",
                    "hydrated",
                    "events/s",
                    "p50 ms",
                    "p99 ms",
                    "errors",
                    "RSS MiB",
                    "idle RSS MiB / KiB per learner",
                    "generator CPU",
                ],
                rows,
            ),
            "",
            f"Target: {TARGET_LEARNERS} learners with p99 <= {TARGET_P99_MS} ms (Stack Explorer, "
            "closed loop). "
            + ("; ".join(verdicts) or "Not measured in this run")
            + (
                " (this run paused between events: not the closed loop the target is defined on)"
                if think_s and verdicts
                else ""
            )
            + ".",
            *(["", *(f"- {note}" for note in notes)] if notes else []),
        ]
    )
    common.append_results("Websocket load (bench/load.py)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
