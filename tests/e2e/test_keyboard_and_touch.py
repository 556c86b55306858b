"""Keyboard and touch: the skip link moves focus, the Status radio group answers the
arrow keys as native radios do, and tap targets on a phone are big enough (WCAG 2.5.8)."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import embedded_only
from tests.e2e.test_learner_journey import status_radio

pytestmark = embedded_only

PHONE = {"width": 375, "height": 812}
MIN_TARGET = 24  # px, WCAG 2.5.8
MAIN_CONTROL = 44  # px, where the target is the page's main control

# Visible links, and chips or buttons that act as links, with their size on screen.
TARGETS_JS = """() => [...document.querySelectorAll('a[href]')]
  .map(el => ({el, box: el.getBoundingClientRect()}))
  .filter(({el, box}) => box.width > 0 && box.height > 0 && box.right > 0
          && getComputedStyle(el).visibility !== 'hidden')
  .map(({el, box}) => ({text: (el.innerText || el.getAttribute('aria-label') || '').trim(),
                        href: el.getAttribute('href'), height: box.height}))"""


def wait_until_live(page: Page) -> None:
    """The app is hydrated and the learner resolved (the token is stored then)."""
    page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")


def test_skip_link_moves_focus_to_the_main_content(app_server, page: Page):
    page.goto(app_server.url + "/topics/flask")
    wait_until_live(page)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown while focused
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    expect(page).to_have_url(re.compile(r"/topics/flask/?#main$"))
    # The next Tab goes on from the main content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_arrow_keys_move_and_select_in_the_status_group(app_server, page: Page):
    page.goto(app_server.url + "/topics/sqlite")
    wait_until_live(page)
    expect(status_radio(page, "Not started")).to_be_checked()
    # Roving tab stop: Tab reaches the group once, on its checked radio.
    status_radio(page, "Not started").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(status_radio(page, "Not started")).to_be_focused()
    page.keyboard.press("Tab")
    expect(status_radio(page, "Learning")).not_to_be_focused()
    status_radio(page, "Not started").focus()

    page.keyboard.press("ArrowRight")
    expect(status_radio(page, "Learning")).to_be_focused()
    expect(status_radio(page, "Learning")).to_be_checked()
    expect(page.locator("#status-saved")).to_have_text("Saved: Learning")

    page.reload()
    expect(status_radio(page, "Learning")).to_be_checked()
    wait_until_live(page)
    status_radio(page, "Learning").focus()
    page.keyboard.press("ArrowDown")
    expect(status_radio(page, "Done")).to_be_checked()
    expect(page.locator("#status-saved")).to_have_text("Saved: Done")
    page.keyboard.press("ArrowLeft")
    expect(status_radio(page, "Learning")).to_be_checked()
    expect(page.locator("#status-saved")).to_have_text("Saved: Learning")
    # The d/l/s/r shortcuts still work while a status radio has focus.
    page.keyboard.press("s")
    expect(status_radio(page, "Skipped")).to_be_checked()
    expect(page.locator("#status-saved")).to_have_text("Saved: Skipped")


@pytest.mark.parametrize("path", ["/", "/topics/flask", "/compare/python-web-frameworks"])
def test_tap_targets_on_a_phone(app_server, browser: Browser, path: str):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(app_server.url + path)
        wait_until_live(page)
        targets = page.evaluate(TARGETS_JS)
        assert len(targets) > 5, targets
        small = [t for t in targets if t["height"] < MIN_TARGET]
        assert not small, f"links or chips under {MIN_TARGET}px tall on {path}: {small}"
        if path.startswith("/topics/"):
            heights = [
                status_radio(page, label).locator("xpath=ancestor::label").bounding_box()["height"]
                for label in ("Not started", "Learning", "Done", "Skipped")
            ]
            assert min(heights) >= MAIN_CONTROL, heights
    finally:
        context.close()


def test_question_mark_lists_every_shortcut(app_server, page: Page):
    page.goto(app_server.url + "/topics/flask")
    wait_until_live(page)
    page.locator("body").press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    for key in ("Ctrl K", "Ctrl Enter", "d", "l", "s", "r"):
        expect(dialog.locator("kbd", has_text=re.compile(f"^{key}$"))).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    # Typing "?" into a field types it; it opens nothing.
    page.get_by_label("Note").press("?")
    expect(dialog).to_be_hidden()
    # The footer offers the same list.
    page.get_by_role("button", name="Keyboard shortcuts (?)").click()
    expect(dialog).to_be_visible()


def test_focus_moves_to_the_new_pages_heading_after_a_click(app_server, page: Page):
    page.goto(app_server.url + "/")
    wait_until_live(page)
    page.get_by_role("link", name="Flask", exact=True).click()  # client-side navigation
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Flask")
    expect(heading).to_be_focused()
