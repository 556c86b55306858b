"""Isolation at the websocket level: forged and expired tokens, other learners'
data, and handlers called with wrong values. None of it reaches another learner.
(Wrong argument types, for every handler, are in test_hostile_client.py.)"""

import asyncio
import secrets
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from stack_explorer.learner.progress import LearnerProgress
from stack_explorer.learner.state import LearnerState
from stack_explorer.pages.account import AccountState
from stack_explorer.pages.my_progress import ShareState
from stack_explorer.pages.shared import SharedMapState
from stack_explorer.pages.write_queue import WriteQueueState
from tests.e2e.conftest import run_once
from tests.kit.reflex_socket import ReflexSocket, note, status

pytestmark = run_once


def run(coroutine):
    """Run a scenario on its own event loop, in a thread: Playwright's sync API may
    already own this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def new_learner(app_server, path="/topics/django", **tokens) -> ReflexSocket:
    client = ReflexSocket(app_server.backend_url)
    await client.connect(path, **tokens)
    return client


def test_forged_token_gets_a_fresh_learner(app_server):
    async def scenario():
        forged = secrets.token_urlsafe(32)
        client = await new_learner(app_server, token=forged)
        issued = client.get(LearnerState, "token")
        statuses = client.shown_statuses()
        await client.close()
        return forged, issued, statuses

    forged, issued, statuses = run(scenario())
    assert issued and issued != forged
    assert statuses in ({}, None)


def test_one_learner_cannot_read_or_change_another(app_server):
    async def scenario():
        alice = await new_learner(app_server)
        await alice.write(status("django", "done"), path="/topics/django")
        alice_token = alice.get(LearnerState, "token")
        await alice.close()

        mallory = await new_learner(app_server)
        seen_by_mallory = mallory.shown_statuses()
        # Attempts to become Alice or to write into her shared progress.
        await mallory.write(status("git", "done", learner_id=1))
        await mallory.send(LearnerState, "setvar", {"var_name": "_learner_id", "value": 1})
        await mallory.send(
            LearnerProgress, "setvar", {"var_name": "statuses", "value": {"css": "done"}}
        )
        await mallory.write(status("flask", "learning"), path="/topics/flask")
        mallory_sees = mallory.shown_statuses()
        await mallory.close()

        again = await new_learner(app_server, token=alice_token)
        alice_now = again.shown_statuses()
        await again.close()
        return seen_by_mallory, mallory_sees, alice_now

    seen_by_mallory, mallory_sees, alice_now = run(scenario())
    assert seen_by_mallory in ({}, None)
    assert mallory_sees == {"git": "done", "flask": "learning"}  # her own, not Alice's
    assert alice_now == {"django": "done"}


BAD_WRITES = [
    status("django", "finished"),
    status(5, {"x": 1}),
    status(["django"], "done"),
    status("cobol", "done"),
    {"kind": "layer", "layer": "middleware", "status": "done"},
    {"kind": "layer", "layer": "database", "status": "learning"},
    {"kind": "path", "path": "to-nowhere"},
    note("django", "x" * 20_001),
    note("django", {"html": "<script>"}),
    note("django", "NUL \x00 from a paste"),
]


@pytest.mark.parametrize(
    ("state", "handler", "payload"),
    [
        *[(WriteQueueState, "apply", {"write": item}) for item in BAD_WRITES],
        (AccountState, "log_in", {"form_data": "not a form"}),
        (AccountState, "sign_up", {"form_data": {"username": ["a"], "password": 5}}),
    ],
)
def test_bad_values_are_refused(app_server, state, handler, payload):
    """Well-typed but wrong values: refused with a message, nothing written, no traceback."""
    from tests.e2e.test_hostile_client import snapshot

    async def scenario():
        client = await new_learner(app_server)
        before = snapshot(app_server.env["REFLEX_DB_URL"])
        log_start = app_server.log_path.stat().st_size
        if "write" in payload:
            await client.write(payload["write"], path="/topics/django")
        else:
            await client.send(state, handler, payload, "/topics/django")
        after = snapshot(app_server.env["REFLEX_DB_URL"])
        statuses = client.shown_statuses()
        await client.close()
        return before, after, log_start, statuses

    before, after, log_start, statuses = run(scenario())
    assert statuses in ({}, None)
    assert after == before
    with app_server.log_path.open() as log:
        log.seek(log_start)
        assert "Traceback" not in log.read()


def test_expired_session_token_is_refused(app_server):
    async def scenario():
        client = await new_learner(app_server, path="/account")
        name = "exp" + secrets.token_hex(4)
        form = {"username": name, "password": "a long enough password"}
        await client.send(AccountState, "sign_up", {"form_data": form}, "/account")
        session_token = client.get(LearnerState, "session_token")
        await client.close()
        return name, session_token

    name, session_token = run(scenario())
    assert session_token
    engine = create_engine(app_server.env["REFLEX_DB_URL"])
    with engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE authsession SET expires_at = :past WHERE account_id = "
                "(SELECT id FROM account WHERE username = :name)"
            ),
            {"past": "2000-01-01 00:00:00.000000", "name": name},
        )

    async def reconnect():
        client = await new_learner(app_server, path="/account", session_token=session_token)
        result = client.get(LearnerState, "username"), client.get(LearnerState, "session_token")
        await client.close()
        return result

    username, cleared = run(reconnect())
    assert username == "" and cleared == ""


def test_share_ids_show_only_statuses_and_can_be_revoked(app_server):
    async def scenario():
        owner = await new_learner(app_server)
        await owner.write(
            status("docker", "done"), note("docker", "private note"), path="/topics/docker"
        )
        await owner.send(ShareState, "create_share", {}, "/me/progress")
        share_id = owner.get(ShareState, "share_id")

        async def view(share):
            viewer = await new_learner(
                app_server, path=f"/shared/{share}", query={"share_id": share}
            )
            seen = viewer.get(SharedMapState, "found"), viewer.get(SharedMapState, "statuses")
            everything = repr(viewer.state)
            await viewer.close()
            return seen, everything

        shared, everything = await view(share_id)
        guessed, _ = await view(secrets.token_urlsafe(16))
        await owner.send(ShareState, "revoke_share", {}, "/me/progress")
        revoked, _ = await view(share_id)
        await owner.close()
        return shared, everything, guessed, revoked

    shared, everything, guessed, revoked = run(scenario())
    assert shared == (True, {"docker": "done"})
    assert "private note" not in everything
    assert guessed[0] is False and revoked[0] is False
