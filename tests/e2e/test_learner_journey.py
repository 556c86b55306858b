"""The core learner loop in a real Chromium against `reflex run` (dev and prod builds)."""

import re

from playwright.sync_api import Page, expect

from stack_explorer.catalog import get_catalog
from stack_explorer.learner.progress import percent
from tests.e2e.conftest import ARTIFACTS, embedded_only

CATALOG = get_catalog()
VC_NAME = CATALOG.layer("version-control").name
TOTAL = len(CATALOG.topics)
BACKEND = CATALOG.layer_totals()["backend"]
SHOTS = ARTIFACTS / "screenshots"


def progressbar(page: Page, name: str):
    return page.get_by_role("progressbar", name=name, exact=True)


def expect_progress(page: Page, name: str, value: int) -> None:
    expect(progressbar(page, name)).to_have_attribute("aria-valuenow", str(value))


def status_radio(page: Page, label: str):
    return page.get_by_role("radiogroup", name="Status").get_by_role(
        "radio", name=label, exact=True
    )


def test_learner_journey(app_server, page: Page, browser):
    url = app_server.url
    mode = app_server.mode
    SHOTS.mkdir(parents=True, exist_ok=True)

    # The map: every layer is a section with a heading, every topic a link.
    page.goto(url + "/")
    for layer in CATALOG.layers:
        expect(page.get_by_role("heading", name=layer.name, exact=True)).to_be_visible()
        expect_progress(page, f"{layer.name} progress", 0)
    for doc in CATALOG.topics.values():
        expect(page.get_by_role("link", name=doc.title, exact=True)).to_have_attribute(
            "href", f"/topics/{doc.slug}"
        )
    expect_progress(page, "Overall progress", 0)

    # Open a topic from the map and mark it done with a click.
    page.get_by_role("link", name="Django", exact=True).click()
    expect(page).to_have_url(re.compile(r"/topics/django$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Django")
    expect(status_radio(page, "Not started")).to_be_checked()
    status_radio(page, "Done").click()
    expect(status_radio(page, "Done")).to_be_checked()
    expect(page.locator("#status-saved")).to_have_text("Saved: Done")
    expect_progress(page, "Backend progress", percent(1, BACKEND))
    expect_progress(page, "Overall progress", percent(1, TOTAL))

    # Keyboard: l, s, r and d on another topic.
    page.goto(url + "/topics/flask")
    expect(page.get_by_role("heading", level=1)).to_have_text("Flask")
    expect(status_radio(page, "Not started")).to_be_checked()
    for key, label in [("l", "Learning"), ("s", "Skipped"), ("r", "Not started"), ("d", "Done")]:
        page.locator("body").press(key)
        expect(status_radio(page, label)).to_be_checked()
    expect_progress(page, "Backend progress", percent(2, BACKEND))
    page.screenshot(path=SHOTS / f"{mode}-topic.png", full_page=True)

    # Back on the map, the progress and the cards show it; a reload keeps it.
    expected_overall = percent(2, TOTAL)
    for _ in range(2):
        page.goto(url + "/")
        expect_progress(page, "Overall progress", expected_overall)
        expect_progress(page, "Backend progress", percent(2, BACKEND))
        page.reload()
    expect_progress(page, "Overall progress", expected_overall)

    # A restart of the server loses nothing. (On SQLite, as `make run` serves it; in
    # production mode, test_faults kills and restarts the workers.)
    if mode == "prod":
        app_server.restart()
        page.goto(url + "/topics/django")
        expect(status_radio(page, "Done")).to_be_checked()
        page.goto(url + "/")
        expect_progress(page, "Overall progress", expected_overall)

    # A whole layer: mark done, then reset, each after a confirmation.
    vc = CATALOG.layer_totals()["version-control"]
    section = page.get_by_role("region", name=VC_NAME, exact=True)
    section.get_by_role("button", name="Mark all done").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(VC_NAME)
    dialog.get_by_role("button", name="Mark all done").click()
    expect_progress(page, f"{VC_NAME} progress", 100)
    expect_progress(page, "Overall progress", percent(2 + vc, TOTAL))
    section.get_by_role("button", name="Reset").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Cancel").click()
    expect_progress(page, f"{VC_NAME} progress", 100)
    section.get_by_role("button", name="Reset").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Reset").click()
    expect_progress(page, f"{VC_NAME} progress", 0)
    expect_progress(page, "Overall progress", expected_overall)
    page.screenshot(path=SHOTS / f"{mode}-home.png", full_page=True)

    # A second browser context is a different, fresh learner.
    stranger = browser.new_context()
    other = stranger.new_page()
    other.goto(url + "/")
    expect_progress(other, "Overall progress", 0)
    other.goto(url + "/topics/django")
    expect(status_radio(other, "Not started")).to_be_checked()
    stranger.close()


@embedded_only
def test_unknown_pages_say_not_found(app_server, page: Page):
    for path in ("/topics/no-such-topic", "/no/such/page"):
        page.goto(app_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("not found", re.I))
        expect(page.get_by_role("link", name="Back to the stack map")).to_be_visible()


@embedded_only
def test_why_python_links_to_topics(app_server, page: Page):
    page.goto(app_server.url + "/why-python")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Why")
    page.get_by_role("link", name="FastAPI", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("FastAPI")


@embedded_only
def test_dark_mode_and_phone_width(app_server, browser):
    mode = app_server.mode
    context = browser.new_context(color_scheme="dark", viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(app_server.url + "/")
    expect(page.locator("html")).to_have_class(re.compile("dark"))
    expect(page.get_by_role("heading", name="Frontend", exact=True)).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide at a 375px viewport"
    page.screenshot(path=SHOTS / f"{mode}-phone-dark.png", full_page=False)
    # The theme menu: light overrides the system, and "Match system" goes back to it.
    theme = page.get_by_role("button", name=re.compile("^Appearance"))
    theme.click()
    page.get_by_role("menuitemradio", name="Light").click()
    expect(page.locator("html")).not_to_have_class(re.compile("dark"))
    theme.click()
    page.get_by_role("menuitemradio", name="Match system").click()
    expect(page.locator("html")).to_have_class(re.compile("dark"))
    theme.click()
    page.get_by_role("menuitemradio", name="Light").click()
    expect(page.locator("html")).not_to_have_class(re.compile("dark"))
    page.goto(app_server.url + "/topics/fastapi")
    expect(page.get_by_role("radiogroup", name="Status")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"topic page is {width}px wide at a 375px viewport"
    page.screenshot(path=SHOTS / f"{mode}-phone-topic.png", full_page=True)
    context.close()


def test_two_tabs_of_one_browser_both_say_saved(app_server, browser):
    """Tabs of one browser share the write queue, so either may send a click made in
    the other: each tab showing the topic still says it was saved."""
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(app_server.url + "/topics/git")
        expect(status_radio(tab, "Not started")).to_be_checked()
    for label in ("Learning", "Done"):
        status_radio(first, label).click()
        for tab in (first, second):
            expect(status_radio(tab, label)).to_be_checked()
            expect(tab.locator("#status-saved")).to_have_text(f"Saved: {label}")
    context.close()
