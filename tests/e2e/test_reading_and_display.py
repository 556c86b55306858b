"""Reading a topic as a learner does: links in the text, code in both themes, printing,
returning with saved progress, filtering the map to nothing, and notes with code."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import embedded_only
from tests.e2e.test_learner_journey import status_radio

pytestmark = embedded_only

# Records every value the overall progress bar shows, from the first parsed byte on.
WATCH_PROGRESS = """
window.__overallValues = [];
new MutationObserver(() => {
  const bar = document.querySelector('[role=progressbar][aria-label="Overall progress"]');
  const value = bar && bar.getAttribute('aria-valuenow');
  if (value !== null && window.__overallValues.at(-1) !== value) window.__overallValues.push(value);
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def luminance(css_color: str) -> float:
    red, green, blue = (int(v) for v in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_links_in_topic_text_navigate_without_a_reload(app_server, page: Page):
    page.goto(app_server.url + "/topics/reflex")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reflex")
    page.evaluate("window.__sameDocument = true")
    body = page.locator(".topic-body")
    body.get_by_role("link", name="WebSockets", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("WebSockets & Real-Time")
    assert page.evaluate("window.__sameDocument === true"), "the link reloaded the page"
    # Links that leave the site open in a new tab and say so to the browser.
    external = page.locator(".topic-body a[href^='https://']").first
    if external.count():
        expect(external).to_have_attribute("target", "_blank")


def test_pages_answer_at_their_own_address(app_server, page: Page):
    response = page.request.get(app_server.url + "/topics/flask", max_redirects=0)
    assert response.status == 200, f"/topics/flask answered {response.status}"
    assert "Blueprints" in response.text(), "the topic text is not in the prerendered page"


def test_code_blocks_follow_the_theme(app_server, browser):
    for scheme, dark in (("light", False), ("dark", True)):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        # An example that runs elsewhere (FastAPI): shown as highlighted code, not a cell.
        page.goto(app_server.url + "/topics/fastapi")
        code = page.get_by_role("region", name="FastAPI example code")
        expect(code).to_contain_text("@app.post")
        expect(code.locator(".tk-d").first).to_be_visible()  # highlighted at build time
        background = luminance(code.evaluate("e => getComputedStyle(e).backgroundColor"))
        text = luminance(code.evaluate("e => getComputedStyle(e).color"))
        assert (background < 0.3) == dark, f"{scheme}: code background luminance {background}"
        assert abs(background - text) > 0.5, f"{scheme}: code text does not stand out"
        context.close()


def test_a_printed_topic_is_a_clean_handout(app_server, browser):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(app_server.url + "/topics/fastapi")
    expect(page.get_by_role("heading", name="Check yourself")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="FastAPI example code")).to_be_visible()
    for hidden in (
        page.get_by_role("heading", name="Check yourself"),
        page.get_by_role("radiogroup", name="Status"),
        page.get_by_label("Note"),
        page.get_by_role("button", name=re.compile("Search topics")),
        page.locator("header"),
    ):
        expect(hidden).not_to_be_visible()
    ink = page.get_by_role("heading", level=1).evaluate("e => getComputedStyle(e).color")
    assert luminance(ink) < 0.2, f"printed text is not dark: {ink}"
    context.close()


def test_the_learners_note_is_printed_when_asked(app_server, page):
    page.goto(app_server.url + "/topics/flask")
    page.get_by_label("Note").fill("## Blueprints\n\nRegister them in the **factory**.")
    expect(page.locator("#note-status")).to_have_text("Saved")
    printed = page.locator(".print-note")
    page.emulate_media(media="print")
    expect(printed).not_to_be_visible()  # not unless asked
    page.emulate_media(media="screen")
    page.get_by_label("Add it to the printed page").check()
    expect(printed).not_to_be_visible()  # on paper only
    page.emulate_media(media="print")
    expect(printed.get_by_role("heading", name="Blueprints")).to_be_visible()
    expect(printed).to_contain_text("Register them in the factory.")


def test_returning_learner_never_sees_a_false_zero(app_server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_server.url + "/topics/git")
    status_radio(page, "Done").click()
    expect(page.locator("#status-saved")).to_have_text("Saved: Done")
    page.close()

    returning = context.new_page()
    returning.add_init_script(WATCH_PROGRESS)
    returning.goto(app_server.url + "/")
    bar = returning.get_by_role("progressbar", name="Overall progress")
    expect(bar).not_to_have_attribute("aria-valuenow", "0")
    expect(returning.get_by_role("link", name="Git", exact=True)).to_be_visible()
    shown = returning.evaluate("window.__overallValues")
    assert shown and "0" not in shown, f"the overall bar showed {shown} before the real value"
    context.close()


def test_filters_that_match_nothing_say_so(app_server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_server.url + "/")
    page.get_by_label("Layer").select_option(label="Frontend")
    page.get_by_label("Status").select_option(label="Skipped")
    expect(page.get_by_role("heading", name="No topics match")).to_be_visible()
    expect(page.get_by_role("heading", name="Frontend", exact=True)).not_to_be_visible()
    expect(page.get_by_role("heading", name="Around the stack")).not_to_be_visible()
    # The filters survive a reload and stay visibly active.
    page.reload()
    expect(page.get_by_label("Status")).to_have_value("skipped")
    expect(page.get_by_role("heading", name="No topics match")).to_be_visible()
    page.get_by_role("button", name="Clear filters").first.click()
    expect(page.get_by_role("heading", name="No topics match")).not_to_be_visible()
    expect(page.get_by_role("heading", name="Frontend", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Around the stack")).to_be_visible()
    expect(page.get_by_role("button", name="Clear filters")).to_have_count(0)
    context.close()


def test_notes_with_code_render_on_my_notes(app_server, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(app_server.url + "/topics/sqlite")
    note = page.get_by_label("Note")
    expect(note).to_be_enabled()
    note.fill("Open it:\n\n```python\nimport sqlite3\nsqlite3.connect('app.db')\n```\n\n<b>x</b>")
    expect(page.locator("#note-status")).to_contain_text("Saved")
    preview = page.locator(".note-preview")
    expect(preview.locator("pre code")).to_contain_text("import sqlite3")
    page.goto(app_server.url + "/me/notes")
    card = page.locator(".note-preview")
    expect(card.locator("pre code")).to_contain_text("sqlite3.connect('app.db')")
    expect(card).not_to_contain_text("undefined")
    expect(card.locator("b")).to_have_count(0)  # raw HTML in a note stays text
    context.close()


SCROLLED = (
    "(document.documentElement.scrollHeight - innerHeight) > 0 ? "
    "scrollY / (document.documentElement.scrollHeight - innerHeight) : 0"
)


def test_home_offers_to_continue_where_reading_stopped(app_server, page: Page):
    page.goto(app_server.url + "/topics/django")
    expect(page.get_by_role("heading", level=1)).to_have_text("Django")
    page.evaluate("window.scrollTo(0, 0.6 * (document.documentElement.scrollHeight - innerHeight))")
    page.wait_for_timeout(800)  # the place is kept once scrolling pauses
    page.goto(app_server.url + "/")
    link = page.locator("#continue-reading").get_by_role("link", name="Continue reading: Django")
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Django")
    page.wait_for_function(f"({SCROLLED}) > 0.5")
    assert 0.5 < page.evaluate(SCROLLED) < 0.7
