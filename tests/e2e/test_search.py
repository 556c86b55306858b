"""The search palette in a real Chromium: results follow every keystroke in the browser,
Up/Down move a visible highlight (ARIA combobox + listbox), and Enter opens the
highlighted row of the query on screen, however fast it is pressed."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import ARTIFACTS, embedded_only

# The palette runs in the browser only: the same on one worker as on several.
pytestmark = embedded_only
SHOTS = ARTIFACTS / "screenshots"


def open_palette(page: Page, url: str, key: str = "Control+k") -> Locator:
    """The open palette's dialog, after `key` on a hydrated page at `url`."""
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")
    page.keyboard.press(key)
    dialog = page.get_by_role("dialog", name="Search topics")
    expect(dialog).to_be_visible()
    return dialog


def highlighted_option(dialog: Locator) -> Locator:
    return dialog.get_by_role("option", selected=True)


def expect_highlight_on(dialog: Locator, option: Locator) -> None:
    """`option` is the one row marked selected, and the combobox points at it."""
    expect(highlighted_option(dialog)).to_have_count(1)
    option_id = option.get_attribute("id")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(dialog.get_by_role("combobox", name="Search topics")).to_have_attribute(
        "aria-activedescendant", option_id
    )


def test_enter_pressed_at_once_opens_the_current_query(app_server, page: Page):
    dialog = open_palette(page, app_server.url + "/topics/flask")
    page.keyboard.type("flask")
    expect(highlighted_option(dialog)).to_contain_text("Flask")
    page.keyboard.press("Control+a")
    page.keyboard.type("docker")
    page.keyboard.press("Enter")  # no waiting for the results of "docker"
    expect(page).to_have_url(re.compile(r"/topics/docker/?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Docker")
    expect(dialog).not_to_be_visible()


def test_arrow_keys_move_the_highlight_and_enter_opens_it(app_server, page: Page):
    dialog = open_palette(page, app_server.url + "/")
    combobox = dialog.get_by_role("combobox", name="Search topics")
    expect(combobox).to_be_focused()
    page.keyboard.type("fla")
    options = dialog.get_by_role("listbox", name="Results").get_by_role("option")
    expect(options.first).to_contain_text("Flask")
    count = options.count()
    assert count >= 3
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(combobox).to_have_attribute("aria-controls", "search-results")
    expect_highlight_on(dialog, options.nth(0))

    page.keyboard.press("ArrowDown")
    expect_highlight_on(dialog, options.nth(1))
    page.keyboard.press("ArrowDown")
    expect_highlight_on(dialog, options.nth(2))
    page.keyboard.press("ArrowUp")
    expect_highlight_on(dialog, options.nth(1))
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # wraps around to the last row
    expect_highlight_on(dialog, options.nth(count - 1))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")

    second = options.nth(1).locator(".search-result-title").inner_text()
    expect_highlight_on(dialog, options.nth(1))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(second)
    expect(dialog).not_to_be_visible()


def test_typing_again_puts_the_highlight_on_the_new_first_row(app_server, page: Page):
    dialog = open_palette(page, app_server.url + "/", key="/")
    page.keyboard.type("orm")
    options = dialog.get_by_role("option")
    expect(options.first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect_highlight_on(dialog, options.nth(1))
    page.keyboard.type(" sql")
    expect(options.first).to_contain_text("SQL")
    expect_highlight_on(dialog, options.first)


def test_no_match_message_escape_and_click(app_server, page: Page):
    dialog = open_palette(page, app_server.url + "/")
    combobox = dialog.get_by_role("combobox", name="Search topics")
    page.keyboard.type("zzzzqx")
    expect(dialog.get_by_role("status")).to_have_text("No topic matches.")
    expect(dialog.get_by_role("option")).to_have_count(0)
    expect(combobox).to_have_attribute("aria-expanded", "false")
    expect(combobox).not_to_have_attribute("aria-activedescendant", re.compile("."))
    page.keyboard.press("Enter")  # nothing to open: the palette stays
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).not_to_be_visible()

    page.get_by_role("button", name="Search topics (Ctrl+K)").click()
    expect(dialog).to_be_visible()
    expect(combobox).to_have_value("")  # a fresh palette each time
    expect(dialog.get_by_role("status")).to_be_empty()
    page.keyboard.type("containers")
    dialog.get_by_role("option", name=re.compile("^Docker")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Docker")


@pytest.mark.parametrize(
    ("scheme", "width"), [("light", 1280), ("dark", 1280), ("light", 375), ("dark", 375)]
)
def test_open_palette_with_a_highlight_has_no_axe_violations(app_server, browser, scheme, width):
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 800})
    page = context.new_page()
    dialog = open_palette(page, app_server.url + "/topics/fastapi")
    page.keyboard.type("py")
    expect(dialog.get_by_role("option").first).to_be_visible()  # the index has arrived
    page.keyboard.press("ArrowDown")
    expect_highlight_on(dialog, dialog.get_by_role("option").nth(1))
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"search-palette-{scheme}-{width}.png")
    results = Axe().run(page)
    context.close()
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("width", [1280, 375])
def test_the_close_button_closes_the_palette_and_keeps_the_page(app_server, browser, width):
    page = browser.new_context(viewport={"width": width, "height": 700}).new_page()
    dialog = open_palette(page, app_server.url + "/topics/git")
    page.keyboard.type("fla")
    close = dialog.get_by_role("button", name="Close search")
    expect(close).to_be_in_viewport()
    close.click()
    expect(dialog).not_to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Git")
    page.context.close()


def test_a_typo_still_finds_the_topic(app_server, page: Page):
    dialog = open_palette(page, app_server.url + "/")
    page.keyboard.type("djnago")
    expect(highlighted_option(dialog)).to_contain_text("Django")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Django")
