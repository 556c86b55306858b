"""Learners own their data, in a real Chromium: accounts, notes, progress page,
export/import, sharing and live sync between tabs and devices."""

import json
import re
import secrets

from playwright.sync_api import Browser, Page, expect

from stack_explorer.learner.progress import percent
from tests.e2e.conftest import ARTIFACTS, embedded_only
from tests.e2e.test_learner_journey import BACKEND, expect_progress, status_radio

PASSWORD = "a long enough password"
SHOTS = ARTIFACTS / "screenshots"


def sign_up(page: Page, url: str, username: str) -> None:
    page.goto(url + "/account")
    page.get_by_role("tab", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_text("Logged in as")).to_be_visible()


def log_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(url + "/account")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def set_status(page: Page, url: str, slug: str, label: str) -> None:
    page.goto(f"{url}/topics/{slug}")
    status_radio(page, label).click()
    expect(page.locator("#status-saved")).to_have_text(f"Saved: {label}")


def test_account_claims_progress_and_follows_the_learner(app_server, browser: Browser):
    url, name = app_server.url, "ada" + secrets.token_hex(3)
    laptop = browser.new_context().new_page()
    set_status(laptop, url, "git", "Done")
    sign_up(laptop, url, name)
    expect(laptop.get_by_role("button", name=name)).to_be_visible()

    phone = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    set_status(phone, url, "css", "Learning")
    log_in(phone, url, name, "wrong password!")
    expect(phone.get_by_role("alert")).to_contain_text("Wrong username or password")
    log_in(phone, url, name)
    expect(phone.get_by_text("Logged in as")).to_be_visible()
    phone.goto(url + "/topics/css")
    expect(status_radio(phone, "Learning")).to_be_checked()
    phone.goto(url + "/topics/git")
    expect(status_radio(phone, "Done")).to_be_checked()

    # Live sync across devices: a change on the phone reaches the open laptop tab.
    laptop.goto(url + "/topics/docker")
    expect(status_radio(laptop, "Not started")).to_be_checked()
    set_status(phone, url, "docker", "Skipped")
    expect(status_radio(laptop, "Skipped")).to_be_checked(timeout=3000)

    # Log out everywhere: the laptop's next visit is a fresh anonymous learner.
    phone.goto(url + "/account")
    phone.get_by_role("button", name="Log out everywhere").click()
    phone.get_by_role("alertdialog").get_by_role("button", name="Log out everywhere").click()
    expect(phone.get_by_role("tab", name="Log in")).to_be_visible()
    laptop.goto(url + "/")
    expect_progress(laptop, "Overall progress", 0)
    expect(laptop.get_by_role("button", name="Me")).to_be_visible()


@embedded_only
def test_sign_up_and_login_explain_failures(app_server, page: Page):
    url = app_server.url
    page.goto(url + "/account")
    page.get_by_role("tab", name="Sign up").click()
    page.get_by_label("Username").fill("bad name!")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("Usernames are 3-32 characters")
    page.get_by_label("Username").fill("bob" + secrets.token_hex(3))
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 10 characters")


def test_failed_logins_are_rate_limited(app_server, page: Page):
    name = "eve" + secrets.token_hex(3)
    sign_up(page, app_server.url, name)
    page.get_by_role("button", name="Log out", exact=True).click()
    alert = page.get_by_role("alert")
    for _ in range(5):  # five free failures for this username from this client
        log_in(page, app_server.url, name, "not the password")
        expect(alert).to_contain_text("Wrong username or password")
    log_in(page, app_server.url, name, "not the password")
    expect(alert).to_contain_text(re.compile(r"Too many attempts\. Try again in \d+ seconds"))
    log_in(page, app_server.url, name)  # the right password, but from the guessing client
    expect(alert).to_contain_text("Too many attempts")


HOSTILE_NOTE = (
    "**Bold** idea\n\n<script>window.__xss = 1</script>\n\n"
    '<img src="x" onerror="window.__xss = 2">\n\n[click me](javascript:window.__xss=3)'
)


def test_notes_autosave_render_safely_and_are_listed(app_server, browser: Browser):
    url = app_server.url
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "/topics/fastapi")
    page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")  # learner created
    other_tab = context.new_page()
    other_tab.goto(url + "/topics/fastapi")
    expect(other_tab.get_by_label("Note")).to_have_value("")

    page.get_by_label("Note").fill(HOSTILE_NOTE)
    expect(page.locator("#note-status")).to_contain_text("Saved")
    preview = page.locator(".note-preview")
    expect(preview.locator("strong")).to_have_text("Bold")
    # A javascript: target never becomes a link: the text stays as written.
    expect(preview).to_contain_text("[click me](javascript:window.__xss=3)")
    expect(preview.locator("a")).to_have_count(0)
    expect(preview.locator("img")).to_have_count(0)
    # The same note appears, live, in the learner's other tab.
    expect(other_tab.get_by_label("Note")).to_have_value(HOSTILE_NOTE, timeout=3000)
    page.reload()
    expect(page.get_by_label("Note")).to_have_value(HOSTILE_NOTE)
    assert page.evaluate("window.__xss") is None and not dialogs
    page.screenshot(path=SHOTS / f"{app_server.mode}-note.png", full_page=True)

    # While the learner types (the save waits for a pause), it says so at once.
    page.get_by_label("Note").press_sequentially(" more", delay=100)
    assert page.locator("#note-status").inner_text() == "Saving…"
    expect(page.locator("#note-status")).to_have_text("Saved")

    # The box stops at the limit and says so; what fits is saved, nothing is refused.
    page.get_by_label("Note").fill("x" * 20_001)
    expect(page.locator("#note-length")).to_contain_text("20000 of 20,000 characters")
    expect(page.locator("#note-status")).to_have_text("Saved")
    assert len(page.get_by_label("Note").input_value()) == 20_000

    page.goto(url + "/me/notes")
    card_link = page.get_by_role("link", name="FastAPI", exact=True)
    expect(card_link).to_have_attribute("href", "/topics/fastapi")
    # A long note shows an excerpt, and the whole note on request.
    page.get_by_text("Show all", exact=True).click()
    expect(page.locator(".note-excerpt")).to_be_hidden()
    expect(page.locator(".note-whole .note-preview")).to_be_visible()
    assert page.evaluate("window.__xss") is None and not dialogs
    context.close()


def test_progress_page_export_import_and_share(app_server, browser: Browser, tmp_path):
    url = app_server.url
    owner_context = browser.new_context(accept_downloads=True)
    owner = owner_context.new_page()
    set_status(owner, url, "django", "Done")
    set_status(owner, url, "flask", "Learning")
    owner.goto(url + "/topics/django")
    owner.get_by_label("Note").fill("Models, views, templates")
    expect(owner.locator("#note-status")).to_contain_text("Saved")

    owner.goto(url + "/me/progress")
    expect(owner.get_by_role("heading", name="My progress")).to_be_visible()
    expect(
        owner.get_by_role("img", name="Chart of topics covered per day").locator("svg").first
    ).to_be_visible()
    in_progress = owner.get_by_role("region", name="In progress")
    expect(in_progress.get_by_role("link", name="Flask")).to_be_visible()
    expect(in_progress.get_by_role("link", name="Django")).to_have_count(0)
    recent = owner.get_by_role("region", name="Recent activity")
    expect(recent.get_by_role("listitem").first).to_contain_text("Flask")  # newest first
    expect(recent.get_by_role("listitem").nth(1)).to_contain_text("Django")
    owner.screenshot(path=SHOTS / f"{app_server.mode}-my-progress.png", full_page=True)

    with owner.expect_download() as download_info:
        owner.get_by_role("button", name="Export my data").click()
    export_path = tmp_path / "export.json"
    download_info.value.save_as(export_path)
    exported = json.loads(export_path.read_text())
    assert exported["version"] == 1
    assert {r["topic"]: r["status"] for r in exported["progress"]} == {
        "django": "done",
        "flask": "learning",
    }
    assert exported["notes"][0]["body"] == "Models, views, templates"

    # Import into a brand-new learner; a hostile file first, refused without changes.
    newcomer = browser.new_context().new_page()
    newcomer.goto(url + "/me/progress")
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({**exported, "version": 99}))
    newcomer.locator("input[type=file]").set_input_files(hostile)
    expect(newcomer.get_by_role("status").filter(has_text="Nothing was imported")).to_contain_text(
        "This export is version 99; this app reads version 1."
    )
    expect_progress(newcomer, "Overall progress", 0)
    newcomer.locator("input[type=file]").set_input_files(export_path)
    expect(newcomer.get_by_role("status").filter(has_text="Imported")).to_have_text(
        "Imported 2 statuses and 1 note."
    )
    newcomer.goto(url + "/topics/django")
    expect(status_radio(newcomer, "Done")).to_be_checked()
    expect(newcomer.get_by_label("Note")).to_have_value("Models, views, templates")

    # Share: a read-only map without notes; revoking it ends access.
    owner.get_by_role("button", name="Create share link").click()
    share_url = owner.locator("#share-link").inner_text()
    viewer = browser.new_context().new_page()
    viewer.goto(share_url)
    expect(viewer.get_by_role("heading", name="A shared Python stack map")).to_be_visible()
    expect_progress(viewer, "Backend progress", percent(1, BACKEND))  # django done
    expect(viewer.get_by_text("Models, views, templates")).to_have_count(0)
    owner.get_by_role("button", name="Revoke link").click()
    owner.get_by_role("alertdialog").get_by_role("button", name="Revoke link").click()
    expect(owner.get_by_role("button", name="Create share link")).to_be_visible()
    expect(viewer.get_by_role("heading", level=1)).to_contain_text("not found")  # no reload
    owner_context.close()
