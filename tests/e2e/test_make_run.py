"""The README's run commands, exactly as people run them.

`make run` (the production build, for learners) and `make dev` (hot reload, for
people changing the code) are started with the test run's own environment, on
their default ports and the default database location, with no overrides.
Status clicks must each land within a second, the server must not restart (in
dev mode a write to the database must not trigger a reload), and the working
tree must be as clean afterwards as before.
"""

import contextlib
import os
import socket
import subprocess
import time

import psutil
import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import ARTIFACTS, embedded_only
from tests.e2e.test_learner_journey import status_radio
from tests.kit.server import ROOT, answers

URL = "http://localhost:3000"
# The URLs that answer once each command serves: dev mode has its backend on :8000.
READY = {"run": [URL + "/", URL + "/ping"], "dev": [URL + "/", "http://localhost:8000/ping"]}
CLICKS = ["Learning", "Skipped", "Done", "Not started", "Learning"]
# These would move the database or change reloading: the README runs without them.
HARNESS_VARIABLES = ("REFLEX_DB_URL", "REFLEX_REDIS_URL", "REFLEX_HOT_RELOAD_OVERRIDE_PATHS")

pytestmark = embedded_only


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _git_status() -> str:
    return subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


@contextlib.contextmanager
def make(target: str, log_path):
    for port in (3000, 8000):
        if _port_taken(port):
            pytest.fail(f"port {port} is in use: stop whatever serves it, then run the tests again")
    env = {k: v for k, v in os.environ.items() if k not in HARNESS_VARIABLES}
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["make", target],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 600
        while not all(answers(url) for url in READY[target]):
            assert process.poll() is None, f"make {target} exited early; see {log_path}"
            assert time.monotonic() < deadline, f"make {target} did not serve; see {log_path}"
            time.sleep(1)
        yield process
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Stop `make` and every process under it, and wait until they are gone: the next
    command finds its ports free (the server outlives `make` by a few seconds)."""
    try:
        tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        tree = []
    for member in tree:
        with contextlib.suppress(psutil.NoSuchProcess):
            member.terminate()
    for survivor in psutil.wait_procs(tree, timeout=30)[1]:
        with contextlib.suppress(psutil.NoSuchProcess):
            survivor.kill()
    psutil.wait_procs(tree, timeout=10)
    process.wait()


def _server_processes(process: subprocess.Popen) -> set[tuple[int, float]]:
    """(pid, start time) of every process `make run` started: a restart changes them."""
    parent = psutil.Process(process.pid)
    return {(p.pid, p.create_time()) for p in parent.children(recursive=True)}


@pytest.mark.parametrize("target", ["dev", "run"])  # run last: production mode serves its build
def test_the_run_commands_serve_and_every_click_lands(browser: Browser, target: str):
    tree_before = _git_status()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with make(target, ARTIFACTS / f"make-{target}.log") as process:
        processes = _server_processes(process)
        page = browser.new_context().new_page()
        page.goto(URL + "/topics/git")
        # The learner exists once the page has connected and loaded: then the clicks start.
        page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")
        expect(status_radio(page, "Not started")).to_be_checked()
        for label in CLICKS:  # quickly, one after the other, as a learner clicks
            status_radio(page, label).click()
            expect(status_radio(page, label)).to_be_checked(timeout=1000)
            expect(page.locator("#status-saved")).to_have_text(f"Saved: {label}", timeout=1000)
        page.reload()
        expect(status_radio(page, CLICKS[-1])).to_be_checked()
        assert _server_processes(process) == processes, "the server restarted during the clicks"
        assert (ROOT / ".data" / "stack_explorer.db").exists()
    if target == "run":
        log = (ARTIFACTS / "make-run.log").read_text()
        assert "Stack Explorer is ready at http://localhost:3000" in log
        _restart_serves_the_same_build(browser)
    assert _git_status() == tree_before, "running the app changed tracked or unignored files"


def _restart_serves_the_same_build(browser: Browser) -> None:
    """Started again with nothing changed, `make run` serves the build it made, without
    building, and a click lands."""
    log_path = ARTIFACTS / "make-run-again.log"
    with make("run", log_path):
        assert "nothing changed since the last build" in log_path.read_text()
        page = browser.new_context().new_page()
        page.goto(URL + "/topics/git")
        page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")
        status_radio(page, "Done").click()
        expect(page.locator("#status-saved")).to_have_text("Saved: Done")
