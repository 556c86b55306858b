"""Browser-test fixtures: the real app (the production build) and Debian's Chromium."""

import contextlib
import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.kit.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.kit.server import (
    AppServer,
    current_build_port,
    fresh_postgres,
    fresh_redis,
    prepare_database,
    production_services_available,
    server_env,
)

# Pages wait for the server before they show a learner's data (never a false value),
# so assertions allow for a slow, shared CI machine.
expect.set_options(timeout=15_000)

# Logs and screenshots go outside the project, which must stay clean.
ARTIFACTS = Path(
    os.environ.get("E2E_ARTIFACTS", Path(tempfile.gettempdir()) / "stack-explorer-e2e")
)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


# E2E_MODE=embedded (default): the prod build on SQLite with Reflex's default state
# manager (dev mode has its own smoke journey, and `make run` its own test).
# E2E_MODE=production: the prod build on PostgreSQL + Redis with several workers.
E2E_MODE = os.environ.get("E2E_MODE", "embedded")
MODES = {"embedded": ["prod"], "production": ["prod-pg"]}[E2E_MODE]
# Fault tests and websocket-only tests run once: in production mode when PostgreSQL
# and Redis are there to run it (several workers, Redis between them), else in
# embedded mode. Journeys whose outcome depends on the server's storage (accounts,
# notes, live tabs, replays) run in both; what the browser alone decides runs once.
RUN_ONCE_HERE = E2E_MODE == "production" or not production_services_available()
run_once = pytest.mark.skipif(
    not RUN_ONCE_HERE, reason="runs once, in production mode on PostgreSQL and Redis"
)
# What happens only in the browser (the same build in both modes), and the README's own
# commands, run once: in embedded mode.
embedded_only = pytest.mark.skipif(E2E_MODE != "embedded", reason="runs once, in embedded mode")


def pytest_collection_modifyitems(items):
    """Tests that kill the server run last: they leave only its backend running, and
    nothing after them needs the frontend rebuilt. `make run` runs after them all: it
    rebuilds the frontend for its own port, which the restarts could otherwise not reuse."""
    items.sort(
        key=lambda item: (
            item.module.__name__.endswith("test_make_run"),
            item.get_closest_marker("restarts_server") is not None,
        )
    )


@pytest.fixture(scope="session", params=MODES)
def app_server(request, tmp_path_factory):
    """The app served by `reflex run` on a fresh database, once per mode."""
    mode = request.param
    with contextlib.ExitStack() as cleanup:
        if mode == "prod-pg":
            env = server_env(
                cleanup.enter_context(fresh_postgres()), REFLEX_REDIS_URL=fresh_redis()
            )
        else:
            env = server_env(f"sqlite:///{tmp_path_factory.mktemp(f'app-{mode}')}/e2e.db")
        prepare_database(env)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        log_path = ARTIFACTS / f"server-{mode}.log"
        log_path.unlink(missing_ok=True)  # this run's log only
        # Production mode serves the build that embedded mode's `make run` test made
        # (the same sources; only the backend's services differ), when it is current.
        port = current_build_port(env) if mode == "prod-pg" else None
        server = AppServer(mode, env, log_path, port=port)
        server.start(rebuild=port is None)
        cleanup.callback(server.stop)
        yield server
