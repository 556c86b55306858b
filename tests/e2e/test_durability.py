"""Through time and faults, as learners live with the app: a tab left open past the
state expiry, Redis flushed and restarted, the backend restarted, PostgreSQL
restarted, a reply lost, a poison item. Before and after each fault, every write the
page showed as saved is in the database, on the browser's own learner, and no other
learner was created or written to.

For this module the app is served again with a short state expiry
(REFLEX_REDIS_TOKEN_EXPIRATION), and in production mode on a PostgreSQL and a Redis of
its own (tests/kit/services.py), which the tests stop and start; the shared services
are never touched. Longer than 300 lines: one fixture serves every fault, and the
checks before and after each one are shared.
"""

import asyncio
import contextlib
import hashlib
import time
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from stack_explorer.catalog import get_catalog
from stack_explorer.pages.topic.note import NoteState
from stack_explorer.pages.write_queue import WriteQueueState
from tests.e2e.test_isolation import run
from tests.e2e.test_learner_journey import status_radio
from tests.kit.reflex_socket import ReflexSocket, note, status
from tests.kit.server import prepare_database
from tests.kit.services import OwnPostgres, OwnRedis, postgres_binaries
from tests.unit.test_guided import right_and_wrong

pytestmark = pytest.mark.restarts_server
EXPIRY_S = 6  # the state of a tab idle this long is gone
INDICATOR = "#connection-status"
RETRYING = "Couldn't save — we'll retry"
AFTER_DJANGO = get_catalog().neighbours("django")[1]  # reached by its Next link


@dataclass
class Faulty:
    server: object
    redis: OwnRedis | None
    postgres: OwnPostgres | None

    @property
    def db_url(self) -> str:
        return self.server.env["REFLEX_DB_URL"]

    @property
    def url(self) -> str:
        return self.server.url


@pytest.fixture(scope="module")
def faulty(app_server, browser):
    # Tabs left open by earlier tests would reconnect to this server, find their
    # learners missing from its own database, and start new ones: counted as strays.
    for context in browser.contexts:
        context.close()
    shared_env = app_server.env
    env = {**shared_env, "REFLEX_REDIS_TOKEN_EXPIRATION": str(EXPIRY_S)}
    redis = postgres = None
    with contextlib.ExitStack() as cleanup:
        if app_server.mode == "prod-pg":
            redis = OwnRedis()
            redis.start()
            cleanup.callback(redis.stop)
            env["REFLEX_REDIS_URL"] = redis.url
            if (binaries := postgres_binaries()) is not None:
                postgres = OwnPostgres(binaries)
                postgres.create()
                cleanup.callback(postgres.destroy)
                env["REFLEX_DB_URL"] = postgres.url
                prepare_database(env)
        app_server.stop()
        app_server.env = env
        app_server.start(rebuild=False)  # the frontend is the one already built
        yield Faulty(app_server, redis, postgres)
        app_server.stop()
        app_server.env = shared_env
    app_server.start(240, frontend=False)  # the backend, for the websocket tests after these


def query(db_url: str, sql: str, **params) -> list:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql), params).all()
    finally:
        engine.dispose()


def learner_count(db_url: str) -> int:
    return query(db_url, "SELECT count(*) FROM learner")[0][0]


def saved_by(db_url: str, token: str) -> tuple[dict[str, str], dict[str, str]]:
    """(statuses, notes) of the learner behind an anonymous token."""
    hashed = hashlib.sha256(token.encode()).hexdigest()
    where = "JOIN learner ON learner.id = {0}.learner_id WHERE learner.token_hash = :h"
    statuses = query(
        db_url,
        "SELECT topic.slug, progress.status FROM progress JOIN topic ON topic.id = "
        f"progress.topic_id {where.format('progress')}",
        h=hashed,
    )
    notes = query(
        db_url,
        "SELECT topic.slug, note.body FROM note JOIN topic ON topic.id = note.topic_id "
        f"{where.format('note')}",
        h=hashed,
    )
    return dict(statuses), dict(notes)


def rows_of_others(db_url: str, token: str) -> int:
    """Progress and note rows of every learner but this token's."""
    hashed = hashlib.sha256(token.encode()).hexdigest()
    sql = (
        "SELECT count(*) FROM {0} JOIN learner ON learner.id = {0}.learner_id "
        "WHERE learner.token_hash != :h"
    )
    return sum(query(db_url, sql.format(table), h=hashed)[0][0] for table in ("progress", "note"))


def open_topic(page: Page, url: str, slug: str) -> None:
    page.goto(f"{url}/topics/{slug}")
    expect(page.get_by_label("Note")).to_be_enabled()  # the learner's data has arrived


def click_saved(page: Page, label: str, timeout: float = 15_000) -> None:
    status_radio(page, label).click()
    expect(page.locator("#status-saved")).to_have_text(f"Saved: {label}", timeout=timeout)


def token_of(page: Page) -> str:
    return page.evaluate("localStorage.getItem('stack_explorer_token')")


class Learner:
    """One browser's learner, and what its page showed as saved."""

    def __init__(self, faulty: Faulty, page: Page):
        self.faulty, self.page = faulty, page
        self.token = token_of(page)
        self.learners = learner_count(faulty.db_url)
        self.others = rows_of_others(faulty.db_url, self.token)

    def assert_nothing_lost(self, statuses: dict[str, str], notes: dict[str, str]) -> None:
        db_url = self.faulty.db_url
        assert token_of(self.page) == self.token, "the browser's token was replaced"
        assert learner_count(db_url) == self.learners, "a stray learner was created"
        assert rows_of_others(db_url, self.token) == self.others, "another learner changed"
        saved_statuses, saved_notes = saved_by(db_url, self.token)
        assert {s: saved_statuses.get(s) for s in statuses} == statuses
        assert {s: saved_notes.get(s) for s in notes} == notes


def test_a_tab_idle_past_the_state_expiry_keeps_its_learner(faulty, browser: Browser):
    page = browser.new_context().new_page()
    open_topic(page, faulty.url, "django")
    click_saved(page, "Done")
    me = Learner(faulty, page)
    me.assert_nothing_lost({"django": "done"}, {})

    time.sleep(EXPIRY_S + 4)  # the server forgets the tab's state
    click_saved(page, "Learning")
    page.get_by_label("Note").fill("Written after a long pause.")
    expect(page.locator("#note-status")).to_have_text("Saved")
    me.assert_nothing_lost({"django": "learning"}, {"django": "Written after a long pause."})

    # And a page opened after the pause shows the same learner's data.
    time.sleep(EXPIRY_S + 4)
    page.get_by_role("link", name=f"Next topic: {AFTER_DJANGO.title}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AFTER_DJANGO.title)
    page.get_by_role("link", name="Previous topic: Django").click()
    expect(status_radio(page, "Learning")).to_be_checked()
    expect(page.get_by_label("Note")).to_have_value("Written after a long pause.")
    me.assert_nothing_lost({"django": "learning"}, {"django": "Written after a long pause."})
    page.context.close()


def test_redis_flushed_and_restarted_with_a_tab_open(faulty, browser: Browser):
    if faulty.redis is None:
        pytest.skip("embedded mode has no Redis")
    page = browser.new_context().new_page()
    open_topic(page, faulty.url, "flask")
    click_saved(page, "Done")
    me = Learner(faulty, page)

    faulty.redis.flush()  # every tab's state, the live-tab lists, the throttle counters
    click_saved(page, "Learning")
    me.assert_nothing_lost({"flask": "learning"}, {})

    faulty.redis.stop()
    status_radio(page, "Skipped").click()
    expect(status_radio(page, "Skipped")).to_be_checked()  # shown at once, as pending
    time.sleep(3)
    expect(page.locator("#status-saved")).not_to_have_text("Saved: Skipped")
    faulty.redis.start()  # empty: nothing survived the restart
    expect(page.locator("#status-saved")).to_have_text("Saved: Skipped", timeout=60_000)
    me.assert_nothing_lost({"flask": "skipped"}, {})
    page.context.close()


def test_postgres_restarted_with_a_tab_open(faulty, browser: Browser):
    if faulty.postgres is None:
        pytest.skip("needs PostgreSQL's initdb and pg_ctl (production mode)")
    page = browser.new_context().new_page()
    open_topic(page, faulty.url, "fastapi")
    click_saved(page, "Done")
    me = Learner(faulty, page)

    faulty.postgres.stop()
    status_radio(page, "Learning").click()
    page.get_by_label("Note").fill("Typed while the database was down.")
    expect(page.locator(INDICATOR)).to_contain_text(RETRYING, timeout=30_000)
    expect(page.locator("#note-status")).not_to_have_text("Saved")
    expect(page.locator("#status-saved")).not_to_have_text("Saved: Learning")
    faulty.postgres.start()
    expect(page.locator("#status-saved")).to_have_text("Saved: Learning", timeout=60_000)
    expect(page.locator("#note-status")).to_have_text("Saved", timeout=30_000)
    expect(page.locator(INDICATOR)).not_to_contain_text(RETRYING)
    me.assert_nothing_lost(
        {"fastapi": "learning"}, {"fastapi": "Typed while the database was down."}
    )
    page.context.close()


def test_the_backend_restarted_with_a_tab_open(faulty, browser: Browser):
    page = browser.new_context().new_page()
    open_topic(page, faulty.url, "sqlite")
    click_saved(page, "Done")
    me = Learner(faulty, page)

    faulty.server.kill()
    status_radio(page, "Learning").click()
    page.get_by_label("Note").fill("Written while the server restarted.")
    expect(page.locator(INDICATOR)).to_contain_text("Offline — your changes will sync")
    faulty.server.start(240, frontend=False)  # the page is loaded; it needs the backend
    expect(page.locator(INDICATOR)).to_contain_text("Synced", timeout=60_000)
    expect(page.locator("#status-saved")).to_have_text("Saved: Learning")
    me.assert_nothing_lost(
        {"sqlite": "learning"}, {"sqlite": "Written while the server restarted."}
    )
    click_saved(page, "Skipped")  # and it goes on working
    me.assert_nothing_lost({"sqlite": "skipped"}, {})
    page.context.close()


def test_a_batch_sent_twice_applies_once(faulty):
    """Its reply was lost: the browser sends the same ids again, and nothing doubles
    or comes back after a later change."""
    right, _ = right_and_wrong("git")
    answers = {key: str(value) for key, value in right.items()}

    async def scenario():
        client = ReflexSocket(faulty.server.backend_url)
        await client.connect("/topics/git")
        batch = client.write_event(
            [
                status("git", "done"),
                note("git", "first version"),
                {"kind": "quiz", "slug": "git", "answers": answers},
            ]
        )
        for _ in range(2):
            await client.send(WriteQueueState, "apply", batch, "/topics/git")
        await client.write(
            status("git", "not-started"), note("git", "rewritten"), path="/topics/git"
        )
        await client.send(WriteQueueState, "apply", batch, "/topics/git")  # very late replay
        settled = client.get(WriteQueueState, "reply")["settled"]
        token = client.get_learner("token")
        await client.close()
        return batch, settled, token

    batch, settled, token = run(scenario())
    assert settled == [item["id"] for item in batch["items"]]
    hashed = hashlib.sha256(token.encode()).hexdigest()
    attempts = query(
        faulty.db_url,
        "SELECT count(*) FROM quizattempt JOIN learner ON learner.id = quizattempt.learner_id "
        "WHERE learner.token_hash = :h",
        h=hashed,
    )[0][0]
    events = query(
        faulty.db_url,
        "SELECT progressevent.status FROM progressevent JOIN learner ON "
        "learner.id = progressevent.learner_id WHERE learner.token_hash = :h "
        "ORDER BY progressevent.id",
        h=hashed,
    )
    assert attempts == 1
    assert [row[0] for row in events] == ["done", "not-started"]
    assert saved_by(faulty.db_url, token) == ({"git": "not-started"}, {"git": "rewritten"})


def test_a_poison_item_is_refused_by_name_and_the_rest_apply(faulty):
    async def scenario():
        client = ReflexSocket(faulty.server.backend_url)
        await client.connect("/topics/docker")
        await asyncio.sleep(0)
        await client.write(
            note("docker", "pasted \x00 from a PDF"),
            status("docker", "done"),
            note("git", "a fine note"),
            path="/topics/docker",
        )
        toasts = repr(client.events)
        shown = client.get(NoteState, "saved"), client.get(NoteState, "failed")
        token = client.get_learner("token")
        await client.close()
        return toasts, shown, token

    toasts, shown, token = run(scenario())
    assert "Not applied: your note on Docker" in toasts and "control character" in toasts
    assert shown[1] is True and "control character" in shown[0]
    assert saved_by(faulty.db_url, token) == ({"docker": "done"}, {"git": "a fine note"})
