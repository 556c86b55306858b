"""A page opened while offline can do what a page loaded online can: set statuses, write
a note, answer the self-check, mark a whole layer, follow a path. On reconnect every
change reaches the server, on the browser's own learner, and the indicator says
"Synced" only once the server has confirmed them all.

The pages come from the service worker (after one online visit); offline is
Playwright's `context.set_offline(True)`.
"""

import hashlib
import re

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from stack_explorer.catalog import get_catalog
from tests.e2e.conftest import embedded_only
from tests.e2e.test_guided_learning import stack_loaded
from tests.e2e.test_learner_journey import status_radio
from tests.e2e.test_offline_reading import precached

pytestmark = embedded_only
PENDING_KEY = "stack_explorer_pending_writes"


def learner_rows(db_url: str, token: str) -> dict:
    hashed = hashlib.sha256(token.encode()).hexdigest()
    engine = create_engine(db_url)
    joined = "JOIN learner ON learner.id = {0}.learner_id WHERE learner.token_hash = :h"
    try:
        with engine.connect() as connection:

            def rows(sql: str, table: str) -> list:
                return connection.execute(text(sql + joined.format(table)), {"h": hashed}).all()

            return {
                "statuses": dict(
                    rows(
                        "SELECT topic.slug, progress.status FROM progress "
                        "JOIN topic ON topic.id = progress.topic_id ",
                        "progress",
                    )
                ),
                "notes": dict(
                    rows(
                        "SELECT topic.slug, note.body FROM note JOIN topic ON topic.id = "
                        "note.topic_id ",
                        "note",
                    )
                ),
                "attempts": len(rows("SELECT quizattempt.id FROM quizattempt ", "quizattempt")),
                "path": connection.execute(
                    text("SELECT current_path FROM learner WHERE token_hash = :h"), {"h": hashed}
                ).scalar_one(),
            }
    finally:
        engine.dispose()


def indicator(page: Page):
    return page.locator("#connection-status")


def test_a_page_opened_offline_does_everything_and_syncs(app_server, browser: Browser):
    url = app_server.url
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "/topics/git")
    expect(page.get_by_label("Note")).to_be_enabled()
    precached(page)
    page.get_by_label("Note").fill("Saved online first.")
    expect(page.locator("#note-status")).to_have_text("Saved")
    token = page.evaluate("localStorage.getItem('stack_explorer_token')")

    context.set_offline(True)
    page.goto(url + "/topics/pytest")  # never visited: from the service worker's cache
    expect(page.get_by_role("heading", level=1)).to_have_text(get_catalog().topics["pytest"].title)
    expect(indicator(page)).to_contain_text("Offline — your changes will sync")

    status_radio(page, "Learning").click()
    expect(status_radio(page, "Learning")).to_be_checked()
    note = page.get_by_label("Note")
    expect(note).to_be_enabled()
    note.fill("Fixtures with yield, on a train.")
    expect(page.locator("#note-status")).to_contain_text("Kept on this device")

    quiz = page.get_by_role("region", name="Check yourself")
    groups = quiz.get_by_role("radiogroup").all()
    assert groups, "the self-check has questions"
    for group in groups:
        expect(group.get_by_role("radio").first).to_be_visible()  # choices work offline
        group.get_by_role("radio").first.click()
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_text("your answers are kept on this device")).to_be_visible()

    page.goto(url + "/topics/git")  # a page opened offline, with a note saved online
    page.get_by_label("Note").fill("Added offline.")

    page.goto(url + "/")
    layer = get_catalog().layer("version-control").name
    version_control = page.get_by_role("region", name=layer, exact=True)
    version_control.get_by_role("button", name="Mark all done").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Mark all done").click()

    page.goto(url + "/paths/ship-it")
    page.get_by_role("button", name="Follow this path").click()
    expect(indicator(page)).to_contain_text("changes waiting")
    expect(indicator(page)).not_to_contain_text("Synced")

    context.set_offline(False)
    expect(indicator(page)).to_contain_text("Synced", timeout=60_000)
    page.wait_for_function(f"localStorage.getItem('{PENDING_KEY}') === '[]'")
    assert page.evaluate("localStorage.getItem('stack_explorer_token')") == token

    saved = learner_rows(app_server.env["REFLEX_DB_URL"], token)
    assert saved["statuses"]["pytest"] == "learning"
    assert saved["statuses"]["git"] == "done"  # the whole layer
    assert saved["statuses"]["github"] == "done"
    assert saved["notes"]["pytest"] == "Fixtures with yield, on a train."
    # A note written on a page opened offline never replaces the saved one: both stay.
    assert "Saved online first." in saved["notes"]["git"]
    assert "Added offline." in saved["notes"]["git"]
    assert saved["attempts"] == 1
    assert saved["path"] == "ship-it"
    context.close()


def map_card(page: Page, slug: str):
    title = get_catalog().topics[slug].title
    return page.locator(".topic-card").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def done_online(browser: Browser, url: str, slug: str):
    """A new browser whose pages are cached, with `slug` marked Done while online."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}/topics/{slug}")
    precached(page)
    status_radio(page, "Done").click()
    expect(page.locator("#status-saved")).to_have_text("Saved: Done")
    return context, page


def test_the_map_opened_offline_shows_the_statuses_this_browser_last_saw(
    app_server, browser: Browser
):
    url = app_server.url
    context, page = done_online(browser, url, "git")
    page.goto(url + "/")
    expect(map_card(page, "git")).to_contain_text("Done")
    expect(page.locator("#statuses-snapshot")).to_have_count(0)  # online: the server's

    context.set_offline(True)
    page.goto(url + "/topics/sql")  # a change made offline is shown over the snapshot
    status_radio(page, "Learning").click()
    page.goto(url + "/")
    expect(page.locator("#statuses-snapshot")).to_contain_text("as this browser last saw them")
    expect(map_card(page, "git")).to_contain_text("Done")
    expect(map_card(page, "sql")).to_contain_text("Learning")
    expect(map_card(page, "flask")).to_contain_text("Not started")

    context.set_offline(False)
    expect(indicator(page)).to_contain_text("Synced", timeout=60_000)
    expect(page.locator("#statuses-snapshot")).to_have_count(0)
    expect(map_card(page, "sql")).to_contain_text("Learning")
    context.close()


def test_the_stack_builder_picks_offline(app_server, browser: Browser):
    url = app_server.url
    context, page = done_online(browser, url, "fastapi")

    context.set_offline(True)
    page.goto(url + "/stack-builder?frontend=vue")  # a shared link, opened offline
    stack_loaded(page)
    expect(indicator(page)).to_contain_text("Offline")
    expect(page.get_by_label("Frontend")).to_have_value("vue")
    page.get_by_label("Database").select_option(label="MongoDB")
    expect(page).to_have_url(re.compile(r"frontend=vue.*database=mongodb"))
    expect(page.get_by_role("heading", name="FastAPI + MongoDB")).to_be_visible()
    figure = page.get_by_role("figure")
    expect(figure.get_by_role("link", name="Vue", exact=True)).to_be_visible()
    backend = figure.locator(".rt-Card").filter(has=page.get_by_role("link", name="FastAPI"))
    expect(backend).to_contain_text("Done")  # the status this browser last saw
    link = page.get_by_role("link", name=re.compile(r"stack-builder\?frontend="))
    expect(link).to_have_attribute("href", re.compile(r"database=mongodb"))
    context.close()
