"""Sign-up flood: does a burst of sign-ups slow the app down for everyone else?

Six hostile sockets sign up as fast as they can, each sign-up on a fresh
connection, for --flood seconds. Meanwhile a bystander asks the backend's /ping
ten times a second, as every open tab's socket depends on the same event loop.
Password hashing is deliberately slow (argon2), so it runs in a worker thread,
and sign-ups are limited per client address: the bystander's latency should stay
where it was before the flood.

The bare Reflex app is measured in the same run: its /ping while idle, and while
six sockets send its only event (an increment) in a closed loop.

    .venv/bin/python bench/signup_flood.py [--flood S] [--quiet S]
"""

import argparse
import asyncio
import sqlite3
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aiohttp
import common
from load import BareSpec, Learner, full_state_name, read_compiled_context

FLOODERS = 6
PING_EVERY_S = 0.1
PASSWORD = "a long enough password"


class SignUpSpec(BareSpec):
    """A sign-up from a fresh browser: the reply touches the account or identity state."""

    identity_state: str = ""

    def payload(self, i: int) -> dict:
        return {"form_data": {"username": f"flood{uuid.uuid4().hex[:12]}", "password": PASSWORD}}

    def answered(self, delta: dict) -> bool:
        return self.state_name in delta or self.identity_state in delta


async def ping_sampler(url: str, until: float) -> list[float]:
    samples = []
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < until:
            started = time.perf_counter()
            async with session.get(f"{url}/ping") as response:
                await response.read()
            samples.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(PING_EVERY_S)
    return samples


async def sign_up_flooder(spec: SignUpSpec, url: str, until: float, outcome: dict) -> None:
    while time.monotonic() < until:
        learner = Learner(spec, url)
        try:
            await learner.connect()
            await learner.send_one()
            outcome["sent"] += 1
        except Exception:
            outcome["errors"] += 1
        finally:
            await learner.client.disconnect()


async def event_flooder(spec: BareSpec, url: str, until: float, outcome: dict) -> None:
    learner = Learner(spec, url)
    await learner.connect()
    try:
        while time.monotonic() < until:
            await learner.send_one()
            outcome["sent"] += 1
    finally:
        await learner.client.disconnect()


async def measure(url: str, flooder, spec, quiet_s: float, flood_s: float) -> dict:
    quiet = await ping_sampler(url, time.monotonic() + quiet_s)
    outcome = {"sent": 0, "errors": 0}
    until = time.monotonic() + flood_s
    floods = [asyncio.create_task(flooder(spec, url, until, outcome)) for _ in range(FLOODERS)]
    flooded = await ping_sampler(url, until)
    await asyncio.gather(*floods, return_exceptions=True)
    return {"quiet": quiet, "flooded": flooded, **outcome}


def row(app: str, phase: str, samples: list[float], sent: str) -> list[object]:
    return [
        app,
        phase,
        len(samples),
        common.ms(statistics.median(samples)),
        common.ms(common.percentile(samples, 95)),
        common.ms(max(samples)),
        sent,
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=float, default=20, help="seconds of flood")
    parser.add_argument("--quiet", type=float, default=10, help="seconds measured before it")
    args = parser.parse_args()

    workdir = common.make_workdir("signup-flood")
    se_dir = common.copy_stack_explorer(workdir)
    bare_dir = common.copy_bare_app(workdir)
    se_env = common.app_env(se_dir, REFLEX_DB_URL=f"sqlite:///{workdir}/flood.db")
    bare_env = common.app_env(bare_dir)
    common.prepare_database(se_dir, se_env)

    sign_up = SignUpSpec("stack-explorer", "/account")
    account_module = "stack_explorer.pages.account"
    sign_up.state_name = full_state_name(se_dir, se_env, account_module, "AccountState")
    sign_up.identity_state = full_state_name(
        se_dir, se_env, "stack_explorer.learner.state", "LearnerState"
    )
    sign_up.event_name = f"{sign_up.state_name}.sign_up"
    bare = BareSpec("bare", "/")
    bare.state_name = full_state_name(bare_dir, bare_env, "bare_app.bare_app", "CounterState")
    bare.event_name = f"{bare.state_name}.increment"

    rows = []
    with common.Server("stack-explorer", se_dir, se_env) as server:
        read_compiled_context(se_dir, sign_up)
        result = asyncio.run(measure(server.url, sign_up_flooder, sign_up, args.quiet, args.flood))
        server.assert_running()
    rows.append(row("Stack Explorer", "before", result["quiet"], ""))
    with sqlite3.connect(workdir / "flood.db") as db:
        created = db.execute("SELECT count(*) FROM account").fetchone()[0]
    rows.append(
        row(
            "Stack Explorer",
            f"{FLOODERS} sockets signing up",
            result["flooded"],
            f"{result['sent']} sign-ups answered ({created} accounts created, the rest "
            f"refused by the per-address limit), {result['errors']} failed",
        )
    )
    with common.Server("bare", bare_dir, bare_env) as server:
        read_compiled_context(bare_dir, bare)
        result = asyncio.run(measure(server.url, event_flooder, bare, args.quiet, args.flood))
    rows.append(row("bare Reflex app", "before", result["quiet"], ""))
    rows.append(
        row(
            "bare Reflex app",
            f"{FLOODERS} sockets clicking",
            result["flooded"],
            f"{result['sent']} events answered",
        )
    )
    table = common.md_table(
        ["app", "phase", "pings", "median ms", "p95 ms", "max ms", "flood"], rows
    )
    print(table)
    common.append_results(
        "Sign-up flood: a bystander's /ping while six sockets sign up",
        f"{args.quiet:.0f} s quiet, then {args.flood:.0f} s of flood; /ping every "
        f"{PING_EVERY_S * 1000:.0f} ms.\n\n{table}",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
