"""What one status change costs the server: round trips, state size, CPU.

One learner (the test kit's websocket client) hydrates `/topics/fastapi` on a
production build, then sets a status in a closed loop, alternately Done and Not
started. Measured per event, next to the bare app's increment:

- Redis commands (Redis MONITOR on the benchmark's database), by kind, and the
  lock commands among them; the size of the pickled states the tab keeps in Redis;
- SQL statements (the server's SQLALCHEMY_ECHO log; a separate start, as echo
  costs CPU) and transactions (COMMIT/ROLLBACK) among them;
- bytes of the update sent back (JSON, as socket.io frames it, without framing);
- CPU seconds of the server's process tree, over `--events` events.

    .venv/bin/python bench/profile_event.py [--config postgres|sqlite] [--workers 2]
                                            [--events 300] [--history 0]

`--history N` first marks N other topics done, so a learner with a long history
can be compared with a new one (bytes per click should not grow).
"""

import argparse
import asyncio
import collections
import json
import os
import re
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import load
import redis

SQL = re.compile(r"sqlalchemy\.engine\.Engine (SELECT|INSERT|UPDATE|DELETE|COMMIT|ROLLBACK)\b")
LOCK_WORDS = ("lock",)


class Monitor(threading.Thread):
    """Redis MONITOR on one database, counting commands until stopped."""

    def __init__(self, db: int):
        super().__init__(daemon=True)
        self.db = db
        self.commands: collections.Counter = collections.Counter()
        self.lock_commands = 0
        self.counting = False
        self._client = redis.Redis(host=load.REDIS_HOST, port=6379, db=db)
        self._stop = threading.Event()

    def run(self) -> None:
        with self._client.monitor() as monitor:
            for entry in monitor.listen():
                if self._stop.is_set():
                    return
                if not self.counting or entry.get("db") != self.db:
                    continue
                command = entry["command"]
                name = command.split(" ", 1)[0].upper()
                if name == "PING" or "MONITOR" in name:
                    continue
                self.commands[name] += 1
                if "lock" in command.lower():
                    self.lock_commands += 1

    def stop(self) -> None:
        self._stop.set()
        redis.Redis(host=load.REDIS_HOST, port=6379, db=self.db).ping()  # wakes listen()


def state_sizes(db: int, client_token: str) -> dict[str, int]:
    r = redis.Redis(host=load.REDIS_HOST, port=6379, db=db)
    sizes = {}
    for key in r.scan_iter(match=f"{client_token}*"):
        if r.type(key) == b"string":
            sizes[key.decode().split("_", 1)[-1]] = r.strlen(key)
    return sizes


def sql_lines(log_path: Path) -> list[str]:
    lines = log_path.read_text(errors="replace").splitlines()
    return [m.group(1) for m in map(SQL.search, lines) if m]


async def drive(
    spec, url: str, events: int, history: list[str], start, end
) -> tuple[load.Learner, list, list]:
    """Hydrate, set up the history, then time `events` events between start() and end()."""
    learner = load.Learner(spec, url)
    learner.keep_updates = True
    await learner.connect()
    if history and isinstance(spec, load.StackExplorerSpec):
        state, handler = spec.event_name.rsplit(".", 1)
        for slug in history:  # each on its own page, as a learner does
            payload = learner.write_event([load.status(slug, "done")])
            await learner.round_trip(state, handler, payload, f"/topics/{slug}/", spec.answered)
    await asyncio.sleep(0.5)
    sizes, latencies = [], []
    start()
    for _ in range(events):
        learner.updates.clear()
        latencies.append(await learner.send_one())
        await asyncio.sleep(0)  # let a second frame of the same answer arrive
        sizes.append(sum(len(json.dumps(u, separators=(",", ":"))) for u in learner.updates))
    end()
    await learner.close()
    return learner, sizes, latencies


def measure(spec, app_dir: Path, env: dict, events: int, history: list[str], db: int | None):
    """Two starts: with SQL echo and Redis MONITOR (counts), then without (CPU, latency)."""
    counted = run_once(spec, app_dir, env, True, 40, history, db)
    timed = run_once(spec, app_dir, env, False, events, history, db)
    return {
        "sql": counted["sql"],
        "monitor": counted["monitor"],
        "bytes": statistics.median(counted["sizes"]),
        "state": counted["state"],
        "echo_events": 40,
        "cpu_ms": timed["cpu"] / events * 1000,
        "p50": statistics.median(timed["latencies"]) * 1000,
    }


def run_once(spec, app_dir, env, echo: bool, count: int, history, db) -> dict:
    run_env = dict(env, SQLALCHEMY_ECHO="true" if echo else "false")
    server = common.Server(spec.name, app_dir, run_env)
    server.start(frontend=not (app_dir / ".web" / "build").exists())
    try:
        load.read_compiled_context(app_dir, spec)
        monitor = Monitor(db) if echo and db is not None else None
        if monitor:
            monitor.start()
        processes = server.processes()
        marks = {}

        def cpu_now() -> float:
            return sum(sum(p.cpu_times()[:2]) for p in processes)

        def start() -> None:
            marks.update(sql=len(sql_lines(server.log_path)), cpu=cpu_now())
            if monitor:
                monitor.counting = True

        def end() -> None:
            marks["cpu_end"] = cpu_now()
            time.sleep(0.3)  # the last event's log lines and Redis writes
            if monitor:
                monitor.counting = False
            marks["sql_end"] = len(sql_lines(server.log_path))

        async def go():
            warm = load.Learner(spec, server.url)
            await warm.connect()  # the first connection of a worker costs more
            await warm.close()
            return await drive(spec, server.url, count, history, start, end)

        learner, sizes, latencies = asyncio.run(go())
        if monitor:
            monitor.stop()
        return {
            "sql": sql_lines(server.log_path)[marks["sql"] : marks["sql_end"]],
            "monitor": monitor,
            "sizes": sizes,
            "latencies": latencies,
            "cpu": marks["cpu_end"] - marks["cpu"],
            "state": state_sizes(db, learner.client_token) if db is not None else {},
        }
    finally:
        server.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="postgres", choices=["postgres", "sqlite"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--history", type=int, default=0)
    args = parser.parse_args()

    workdir, se_dir, bare_dir, se, bare = load.prepare_apps("profile")
    history_cmd = (
        f"from stack_explorer.catalog import get_catalog; "
        f"print(' '.join(s for s in get_catalog().topics if s != '{common.TOPIC_SLUG}'))"
    )
    python = str(common.VENV_BIN / "python")
    others = common.run_in(se_dir, common.app_env(se_dir), python, "-c", history_cmd)
    history = others.split()[: args.history]

    db = load.redis_db_number() if args.config == "postgres" else None
    database = f"bench_profile_{uuid.uuid4().hex[:8]}"
    extra_se, extra_bare = {}, {}
    if args.config == "postgres":
        url = f"redis://{load.REDIS_HOST}:6379/{db}"
        load.flush_redis_db(db)
        load.pg_admin(f'CREATE DATABASE "{database}"')
        extra_se = {
            "REFLEX_DB_URL": f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}",
            "REFLEX_REDIS_URL": url,
            "GRANIAN_WORKERS": str(args.workers),
        }
        extra_bare = {"REFLEX_REDIS_URL": url, "GRANIAN_WORKERS": str(args.workers)}
    else:
        extra_se = {"REFLEX_DB_URL": f"sqlite:///{workdir}/profile.db"}
    rows = []
    try:
        se_env = common.app_env(se_dir, **extra_se)
        common.prepare_database(se_dir, se_env)
        for spec, app_dir, env, hist in (
            (se, se_dir, se_env, history),
            (bare, bare_dir, common.app_env(bare_dir, **extra_bare), []),
        ):
            r = measure(spec, app_dir, env, args.events, hist, db)
            n = r["echo_events"]
            sql = collections.Counter(r["sql"])
            mon = r["monitor"]
            redis_per = sum(mon.commands.values()) / n if mon else 0
            kinds = (
                ", ".join(f"{k} {v / n:.1f}" for k, v in mon.commands.most_common(6)) if mon else ""
            )
            rows.append(
                [
                    spec.name,
                    f"{r['cpu_ms']:.2f}",
                    f"{r['p50']:.2f}",
                    f"{r['bytes']:.0f}",
                    f"{sum(sql.values()) / n:.1f} "
                    f"({', '.join(f'{k} {v / n:.1f}' for k, v in sorted(sql.items()))})"
                    if sql
                    else "0",
                    f"{redis_per:.1f} ({kinds})" if mon else "-",
                    f"{mon.lock_commands / n:.1f}" if mon else "-",
                    f"{sum(r['state'].values())} ({len(r['state'])} keys)" if r["state"] else "-",
                ]
            )
            common.log(f"{spec.name}: {rows[-1]}")
    finally:
        if args.config == "postgres":
            load.pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            load.flush_redis_db(db)
    config = "SQLite, 1 worker"
    if args.config == "postgres":
        config = f"PostgreSQL + Redis, {args.workers} workers"
    body = "\n".join(
        [
            f"{config}; one learner on `/topics/{common.TOPIC_SLUG}` (bare app: `/`), "
            f"{args.events} status changes in a closed loop (bare: increments), after "
            f"{len(history)} other topics marked done. Per event, counted over 40 events "
            "with SQLALCHEMY_ECHO and Redis MONITOR on; CPU (server process tree) "
            "and latency from a second start without echo. Bytes: the JSON of the updates "
            "sent back, without socket.io framing.",
            "",
            common.md_table(
                [
                    "app",
                    "CPU ms/event",
                    "p50 ms",
                    "bytes back",
                    "SQL statements/event",
                    "Redis commands/event",
                    "lock commands/event",
                    "pickled state in Redis (bytes)",
                ],
                rows,
            ),
        ]
    )
    common.append_results("Cost of one status change (bench/profile_event.py)", body)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
