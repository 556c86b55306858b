"""SIGKILL in the middle of a login merge and of an import: afterwards the database holds
all of it or none of it, never a part.

A learner with progress and long notes on many topics logs in (which merges it into
the account) or imports a large export file; the whole server gets SIGKILL a few
milliseconds later. After the restart, every topic's row is either where it was
before or where the operation puts it, for all topics alike.
"""

import asyncio
import contextlib
import json

import httpx
import pytest
from sqlalchemy import create_engine, text

from stack_explorer.pages.account import AccountState
from stack_explorer.pages.my_progress import TransferState
from tests.e2e.conftest import run_once
from tests.e2e.test_faults import active_slugs, connect, run, token_hash

pytestmark = [run_once, pytest.mark.restarts_server]
TOPICS = 40
NOTE = "a long note, " * 150
DELAYS = (0.05, 0.6)  # seconds between the request and the kill


def _counts(db_url: str, learner_id: int) -> tuple[int, int]:
    with create_engine(db_url).connect() as connection:
        progress = connection.execute(
            text("SELECT count(*) FROM progress WHERE learner_id = :id"), {"id": learner_id}
        ).scalar()
        notes = connection.execute(
            text("SELECT count(*) FROM note WHERE learner_id = :id"), {"id": learner_id}
        ).scalar()
    return progress, notes


def _learner_id(db_url: str, token: str) -> int | None:
    with create_engine(db_url).connect() as connection:
        return connection.execute(
            text("SELECT id FROM learner WHERE token_hash = :h"), {"h": token_hash(token)}
        ).scalar()


def _seed(db_url: str, learner_id: int, slugs: list[str]) -> None:
    """Progress and a long note on every topic, written as the app would."""
    with create_engine(db_url).begin() as connection:
        for slug in slugs:
            topic_id = connection.execute(
                text("SELECT id FROM topic WHERE slug = :s"), {"s": slug}
            ).scalar()
            connection.execute(
                text(
                    "INSERT INTO progress (learner_id, topic_id, status, updated_at) "
                    "VALUES (:l, :t, 'done', CURRENT_TIMESTAMP)"
                ),
                {"l": learner_id, "t": topic_id},
            )
            connection.execute(
                text(
                    "INSERT INTO note (learner_id, topic_id, body, updated_at) "
                    "VALUES (:l, :t, :b, CURRENT_TIMESTAMP)"
                ),
                {"l": learner_id, "t": topic_id, "b": NOTE + slug},
            )


def _restart(server) -> None:
    server.start(240, frontend=False)


def test_a_killed_login_merge_is_all_or_nothing(app_server):
    server = app_server
    db_url = server.env["REFLEX_DB_URL"]
    slugs = active_slugs(db_url)[:TOPICS]
    outcomes = []
    for round_number, delay in enumerate(DELAYS):
        name = f"atomic{round_number}{token_hash(db_url)[:6]}"
        form = {"form_data": {"username": name, "password": "a long enough password"}}

        async def round_trip(form=form, delay=delay):
            owner = await connect(server)
            await owner.send(AccountState, "sign_up", form, "/account")
            await owner.close()
            browser = await connect(server)
            source = await asyncio.to_thread(_learner_id, db_url, browser.token)
            await asyncio.to_thread(_seed, db_url, source, slugs)
            await browser.emit(AccountState, "log_in", form, "/account")
            await asyncio.sleep(delay)
            await asyncio.to_thread(server.kill)
            await browser.close()
            return source

        source = run(round_trip(), 120)
        with create_engine(db_url).connect() as connection:
            target = connection.execute(
                text("SELECT learner_id FROM account WHERE username = :n"), {"n": name}
            ).scalar()
        _restart(server)
        source_counts, target_counts = _counts(db_url, source), _counts(db_url, target)
        merged = source_counts == (0, 0) and target_counts == (TOPICS, TOPICS)
        untouched = source_counts == (TOPICS, TOPICS) and target_counts == (0, 0)
        assert merged or untouched, (delay, source_counts, target_counts)
        outcomes.append("merged" if merged else "untouched")
    print(f"\n[{server.mode}] killed login merges: {outcomes}")


def _export_file(slugs: list[str]) -> bytes:
    stamp = "2026-01-01T00:00:00Z"
    return json.dumps(
        {
            "format": "stack-explorer-export",
            "version": 1,
            "exported_at": stamp,
            "progress": [{"topic": s, "status": "learning", "updated_at": stamp} for s in slugs],
            "notes": [{"topic": s, "body": NOTE + s, "updated_at": stamp} for s in slugs],
        }
    ).encode()


def test_a_killed_import_is_all_or_nothing(app_server):
    server = app_server
    db_url = server.env["REFLEX_DB_URL"]
    data = _export_file(active_slugs(db_url)[:TOPICS])
    handler = f"{TransferState.get_full_name()}.import_file"
    outcomes = []
    for delay in DELAYS:

        async def round_trip(delay=delay):
            learner = await connect(server)
            learner_id = await asyncio.to_thread(_learner_id, db_url, learner.token)
            upload = asyncio.create_task(asyncio.to_thread(_upload, learner.client_token))
            await asyncio.sleep(delay)
            await asyncio.to_thread(server.kill)
            await upload
            await learner.close()
            return learner_id

        def _upload(client_token: str) -> None:
            with contextlib.suppress(httpx.HTTPError):  # the server dies mid-request
                httpx.post(
                    f"{server.backend_url}/_upload",
                    headers={"reflex-client-token": client_token, "reflex-event-handler": handler},
                    files={"files": ("export.json", data, "application/json")},
                    timeout=30,
                )

        learner_id = run(round_trip(), 120)
        _restart(server)
        counts = _counts(db_url, learner_id)
        assert counts in ((0, 0), (TOPICS, TOPICS)), (delay, counts)
        outcomes.append("imported" if counts[0] else "untouched")
    print(f"\n[{server.mode}] killed imports: {outcomes}")
