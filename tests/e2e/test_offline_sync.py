"""Writes made offline are kept in the browser and sync when the connection returns.

The network drops with Playwright's `context.set_offline(True)`. In this Chromium
that closes the open websocket too (Reflex's reconnect attempts then fail with
ERR_INTERNET_DISCONNECTED) and sets `navigator.onLine` to false, as turning off
Wi-Fi does, so the server keeps running and no restart is needed.
"""

import hashlib
import json

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from stack_explorer.catalog import get_catalog
from stack_explorer.learner.progress import percent
from tests.e2e.conftest import embedded_only
from tests.e2e.test_learner_journey import expect_progress

pytestmark = embedded_only

# The topic before Flask on the map: reached from Flask's page by its Previous link.
BEFORE_FLASK = get_catalog().neighbours("flask")[0]

PENDING_KEY = "stack_explorer_pending_writes"
OFFLINE = "Offline — your changes will sync"


def status_radio(page: Page, label: str):
    return page.get_by_role("radiogroup", name="Status").get_by_role(
        "radio", name=label, exact=True
    )


def indicator(page: Page):
    return page.locator("#connection-status")


def open_topic(page: Page, url: str, slug: str) -> None:
    page.goto(f"{url}/topics/{slug}")
    expect(page.get_by_role("heading", level=1)).to_have_text(get_catalog().topics[slug].title)
    expect(page.get_by_label("Note")).to_be_enabled()  # the learner's data has arrived


def pending(page: Page) -> list[dict]:
    return json.loads(page.evaluate(f"localStorage.getItem('{PENDING_KEY}') || '[]'"))


def expect_no_developer_message(page: Page, url: str) -> None:
    body = page.locator("body")
    expect(body).not_to_contain_text("Cannot connect to server")
    expect(body).not_to_contain_text(url.split("//", 1)[1])  # no server address


def quiz_attempts(db_url: str, token: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                text(
                    "SELECT count(*) FROM quizattempt JOIN learner "
                    "ON learner.id = quizattempt.learner_id WHERE learner.token_hash = :hash"
                ),
                {"hash": hashlib.sha256(token.encode()).hexdigest()},
            ).scalar_one()
    finally:
        engine.dispose()


def test_offline_statuses_notes_and_answers_sync_on_reconnect(app_server, browser: Browser):
    url = app_server.url
    context = browser.new_context()
    page = context.new_page()
    open_topic(page, url, "flask")
    # Client-side, so this document holds Flask's page code to show it again offline.
    page.get_by_role("link", name=f"Previous topic: {BEFORE_FLASK.title}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(BEFORE_FLASK.title)
    expect(page.get_by_label("Note")).to_be_enabled()
    expect(indicator(page)).to_have_text("")

    context.set_offline(True)
    expect(indicator(page)).to_contain_text(OFFLINE)
    expect(indicator(page)).to_have_attribute("role", "status")

    status_radio(page, "Learning").click()
    expect(status_radio(page, "Learning")).to_be_checked()
    page.get_by_label("Note").fill("Views, URLs and the ORM: written on a train.")
    expect(page.locator("#note-status")).to_contain_text("Kept on this device")

    quiz = page.get_by_role("region", name="Check yourself")
    for group in quiz.get_by_role("radiogroup").all():
        group.get_by_role("radio").first.click()
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_text("your answers are kept on this device")).to_be_visible()

    # Another page of the app, reached client-side while still offline.
    page.get_by_role("link", name="Next topic: Flask").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flask")
    status_radio(page, "Done").click()
    expect(status_radio(page, "Done")).to_be_checked()
    # The bars move at once, from the browser's queue: the server is out of reach.
    catalog = get_catalog()
    layer = catalog.layer(catalog.topics["flask"].layer)
    expected_bars = {
        f"{layer.name} progress": percent(1, len(catalog.topics_in(layer.slug))),
        "Overall progress": percent(1, len(catalog.topics)),
    }
    assert 0 < min(expected_bars.values()) < 100  # bars that move from 0, not to full
    for name, value in expected_bars.items():
        expect_progress(page, name, value)
    expect(indicator(page)).to_contain_text("4 changes waiting")
    assert {item["kind"] for item in pending(page)} == {"status", "note", "quiz"}
    expect_no_developer_message(page, url)

    context.set_offline(False)
    expect(indicator(page)).to_contain_text("Synced")
    expect(indicator(page)).to_have_text("")
    assert pending(page) == []
    expect(status_radio(page, "Done")).to_be_checked()
    for name, value in expected_bars.items():  # the server's own figures agree
        expect_progress(page, name, value)
    token = page.evaluate("localStorage.getItem('stack_explorer_token')")
    assert quiz_attempts(app_server.env["REFLEX_DB_URL"], token) == 1

    # The same learner in a second browser context sees it all, saved on the server.
    other = browser.new_context(storage_state=context.storage_state())
    second = other.new_page()
    open_topic(second, url, BEFORE_FLASK.slug)
    expect(status_radio(second, "Learning")).to_be_checked()
    expect(second.get_by_label("Note")).to_have_value(
        "Views, URLs and the ORM: written on a train."
    )
    assert pending(second) == []
    open_topic(second, url, "flask")
    expect(status_radio(second, "Done")).to_be_checked()
    other.close()
    context.close()


def test_pending_changes_survive_a_reload_and_sync_when_online(app_server, browser: Browser):
    url = app_server.url
    context = browser.new_context()
    page = context.new_page()
    open_topic(page, url, "git")
    context.set_offline(True)
    expect(indicator(page)).to_contain_text(OFFLINE)
    status_radio(page, "Skipped").click()
    expect(status_radio(page, "Skipped")).to_be_checked()
    assert [(i["kind"], i["slug"], i["status"]) for i in pending(page)] == [
        ("status", "git", "skipped")
    ]

    # Without a service worker the page itself cannot load offline; with one it can,
    # and then the kept change must still show.
    try:
        page.reload()
        loaded_offline = True
    except Exception as error:  # Chromium's "No internet" page
        assert "ERR_INTERNET_DISCONNECTED" in str(error)
        loaded_offline = False
    if loaded_offline:
        expect(status_radio(page, "Skipped")).to_be_checked()
        expect(indicator(page)).to_contain_text("1 change waiting")

    # The browser kept it across the reload; back online, a reload sends it.
    context.set_offline(False)
    page.goto(f"{url}/topics/git")
    expect(status_radio(page, "Skipped")).to_be_checked()
    page.wait_for_function(f"localStorage.getItem('{PENDING_KEY}') === '[]'")

    other = browser.new_context(storage_state=context.storage_state())
    second = other.new_page()
    open_topic(second, url, "git")
    expect(status_radio(second, "Skipped")).to_be_checked()
    other.close()
    context.close()
