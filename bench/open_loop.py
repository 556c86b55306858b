"""Open-loop load: many connected learners, each changing a status now and then.

Unlike load.py's closed loop (each learner sends again as soon as it has its
answer), here each learner sends on its own clock: one status change every
`--period` seconds on average (Poisson arrivals: exponential gaps), starting at a
random moment of the first period so learners are not in step. Latency runs from
the moment an event was due to the moment its answer arrived: if an answer is late,
the learner's next event goes out late and that wait counts too.

The learners are load.py's (the test kit's websocket client, hydrating like the
compiled frontend); both apps are served at once and measured one after the other.

    .venv/bin/python bench/open_loop.py [--learners 1000] [--period 5] [--duration 60]
                                        [--configs sqlite,postgres] [--workers 2]
"""

import argparse
import asyncio
import contextlib
import random
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
import load

TARGET_P99_MS = 100


async def run_open(spec, server: common.Server, n: int, period: float, duration: float) -> dict:
    learners = [load.Learner(spec, server.url) for _ in range(n)]
    gate = asyncio.Semaphore(load.CONNECT_CONCURRENCY)

    async def connect(learner) -> bool:
        async with gate:
            try:
                await learner.connect()
                return True
            except Exception:
                return False

    started = time.perf_counter()
    ok = await asyncio.gather(*(connect(learner) for learner in learners))
    connect_s = time.perf_counter() - started
    active = [learner for learner, good in zip(learners, ok, strict=True) if good]
    common.log(f"  {len(active)}/{n} learners hydrated in {connect_s:.1f} s")
    await asyncio.sleep(2)  # let hydration settle

    latencies: list[float] = []
    errors = n - len(active)
    rng = random.Random(n)
    window_start = time.perf_counter()
    window_end = window_start + duration

    async def loop(learner) -> None:
        nonlocal errors
        due = window_start + rng.uniform(0, period)
        while due < window_end:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            try:
                await learner.send_one()
                latencies.append(time.perf_counter() - due)
            except Exception:
                errors += 1
                if not learner.client.connected:
                    return
            due += rng.expovariate(1 / period)

    rss_peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal rss_peak
        while not stop.wait(0.5):
            rss_peak = max(rss_peak, server.rss_bytes())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        await asyncio.wait_for(
            asyncio.gather(*(loop(learner) for learner in active)),
            timeout=duration + load.REPLY_TIMEOUT_S + 10,
        )
    finally:
        stop.set()
        sampler.join()
    elapsed = time.perf_counter() - window_start
    server.assert_running()
    pss = pss_bytes(server)
    await asyncio.gather(
        *(learner.client.disconnect() for learner in learners), return_exceptions=True
    )
    return {
        "connected": len(active),
        "connect_s": connect_s,
        "latencies": latencies,
        "errors": errors,
        "rate": len(latencies) / elapsed,
        "rss": rss_peak,
        "pss": pss,
    }


def pss_bytes(server: common.Server) -> int:
    """Proportional set size of the process tree: pages the forked workers share
    with their parent count once, not once per process as in the RSS sum."""
    import psutil

    total = 0
    for proc in server.processes():
        with contextlib.suppress(psutil.Error):
            total += proc.memory_full_info().pss
    return total


def row(config: str, spec, workers: int, n: int, r: dict) -> list:
    lat = sorted(r["latencies"])

    def pct(p: float) -> str:
        return common.ms(common.percentile(lat, p) * 1000) if lat else "-"

    return [
        config,
        spec.name,
        workers,
        n,
        f"{r['connected']} in {r['connect_s']:.0f} s",
        f"{r['rate']:.0f}",
        common.ms(statistics.median(lat) * 1000) if lat else "-",
        pct(95),
        pct(99),
        r["errors"],
        f"{r['rss'] / 2**20:.0f}",
        f"{r['pss'] / 2**20:.0f}",
    ]


def measure(config: str, apps: list, n: int, period: float, duration: float) -> list[list]:
    rows = []
    with contextlib.ExitStack() as stack:
        servers = []
        for spec, app_dir, env in apps:
            servers.append(stack.enter_context(common.Server(spec.name, app_dir, env)))
            load.read_compiled_context(app_dir, spec)
        for (spec, _, _), server in zip(apps, servers, strict=True):
            common.log(f"{spec.name}: {n} learners, one event each every {period} s")
            result = asyncio.run(run_open(spec, server, n, period, duration))
            rows.append(row(config, spec, server.worker_count(), n, result))
            common.log(f"  {rows[-1]}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--period", type=float, default=5.0, help="mean seconds between events")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--configs", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=2, help="workers with PostgreSQL + Redis")
    args = parser.parse_args()
    load.raise_fd_limit()

    workdir, se_dir, bare_dir, se, bare = load.prepare_apps("open-loop")

    rows, notes = [], []
    for config in [c.strip() for c in args.configs.split(",")]:
        if config == "sqlite":
            se_env = common.app_env(se_dir, REFLEX_DB_URL=f"sqlite:///{workdir}/open.db")
            common.prepare_database(se_dir, se_env)
            apps = [(se, se_dir, se_env), (bare, bare_dir, common.app_env(bare_dir))]
            rows += measure("(a) SQLite, 1 worker", apps, args.learners, args.period, args.duration)
        elif config == "postgres":
            database = f"bench_open_{uuid.uuid4().hex[:8]}"
            db = load.redis_db_number()
            redis_url = f"redis://{load.REDIS_HOST}:6379/{db}"
            workers = str(args.workers)
            load.flush_redis_db(db)
            load.pg_admin(f'CREATE DATABASE "{database}"')
            notes.append(f"(b) used database `{database}` and Redis database {db}, removed after.")
            try:
                se_env = common.app_env(
                    se_dir,
                    REFLEX_DB_URL=f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}",
                    REFLEX_REDIS_URL=redis_url,
                    GRANIAN_WORKERS=workers,
                )
                common.prepare_database(se_dir, se_env)
                bare_env = common.app_env(
                    bare_dir, REFLEX_REDIS_URL=redis_url, GRANIAN_WORKERS=workers
                )
                apps = [(se, se_dir, se_env), (bare, bare_dir, bare_env)]
                label = "(b) PostgreSQL + Redis"
                rows += measure(label, apps, args.learners, args.period, args.duration)
            finally:
                load.pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
                load.flush_redis_db(db)
        else:
            raise SystemExit(f"unknown configuration {config!r}")

    verdicts = []
    for r in rows:
        if r[1] == "stack-explorer":
            met = r[8] != "-" and float(r[8]) <= TARGET_P99_MS and r[9] == 0
            verdicts.append(f"{r[0]}: p99 {r[8]} ms, **{'met' if met else 'missed'}**")
    body = "\n".join(
        [
            f"{args.learners} learners connected at once (websocket, hydrated on "
            f"`/topics/{common.TOPIC_SLUG}`, bare app `/`); each sends one status change "
            f"(bare: increment) every {args.period:g} s on average, Poisson arrivals with a "
            f"random start, for {args.duration:.0f} s. Latency: from the moment an event was "
            "due to its answer (a late answer delays the learner's next event, and that "
            "wait counts). RSS: peak sum over the server's process tree; PSS: the same tree "
            "at the end, with the pages forked workers share counted once.",
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
                    "p95 ms",
                    "p99 ms",
                    "errors",
                    "RSS MiB",
                    "PSS MiB",
                ],
                rows,
            ),
            "",
            f"Target: p99 <= {TARGET_P99_MS} ms (Stack Explorer). " + "; ".join(verdicts) + ".",
            *(["", *(f"- {note}" for note in notes)] if notes else []),
        ]
    )
    common.append_results("Open-loop load (bench/open_loop.py)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
