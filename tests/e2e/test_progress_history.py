"""My progress in a real Chromium: import keeps the dates of the file, the chart reads
with one day or none, messages read as sentences, confirmations before logging out
everywhere and revoking a share link, and stopping following a path."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from stack_explorer.catalog import get_catalog
from stack_explorer.learner.progress import percent
from tests.e2e.conftest import ARTIFACTS, embedded_only
from tests.e2e.test_learner_data import set_status, sign_up
from tests.e2e.test_learner_journey import expect_progress

pytestmark = embedded_only

SHOTS = ARTIFACTS / "screenshots"
PATH = get_catalog().paths["fastapi-react"]
CHART = "Chart of topics covered per day"


def export_file(folder: Path, name: str, progress: list[dict], notes: list[dict] = ()) -> Path:
    document = {"format": "stack-explorer-export", "version": 1}
    document |= {"exported_at": "2026-01-10T12:00:00Z", "progress": progress, "notes": notes}
    target = folder / name
    target.write_text(json.dumps(document))
    return target


def import_file(page: Page, file: Path) -> None:
    page.locator("input[type=file]").set_input_files(file)


def message(page: Page):
    return page.get_by_role("status").filter(has_text=re.compile("import", re.IGNORECASE))


def shoot(page: Page, name: str, target=None) -> None:
    """Light, dark, then 375 px wide (dark): how a learner on each would see it."""
    target = target or page
    page.emulate_media(color_scheme="light")
    target.screenshot(path=SHOTS / f"{name}-light.png")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("html")).to_have_class(re.compile("dark"))
    target.screenshot(path=SHOTS / f"{name}-dark.png")
    size = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 812})
    target.screenshot(path=SHOTS / f"{name}-375.png")
    page.set_viewport_size(size)
    page.emulate_media(color_scheme="light")


def test_import_keeps_the_dates_of_the_file(app_server, browser: Browser, tmp_path):
    url = app_server.url
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(url + "/me/progress")
    chart_card = page.locator(".rt-Card").filter(
        has=page.get_by_role("heading", name="Topics covered over time")
    )
    expect(chart_card.get_by_text("No topics covered yet")).to_be_visible()
    expect(chart_card.get_by_role("link", name="Open the stack map")).to_be_visible()
    expect(chart_card.locator("svg.recharts-surface")).to_have_count(0)
    shoot(page, "progress-empty", chart_card)

    dated = [
        {"topic": "git", "status": "done", "updated_at": "2025-11-02T09:30:00Z"},
        {"topic": "flask", "status": "learning", "updated_at": "2025-12-24T18:00:00Z"},
        {"topic": "django", "status": "done", "updated_at": "2026-01-05T08:15:00Z"},
    ]
    note = {"topic": "git", "body": "rebase -i", "updated_at": "2025-11-03T10:00:00Z"}
    import_file(page, export_file(tmp_path, "old.json", dated, [note]))
    expect(message(page)).to_have_text("Imported 3 statuses and 1 note.")

    recent = page.get_by_role("region", name="Recent activity").get_by_role("listitem")
    expect(recent).to_have_count(3)
    expect(recent.nth(0)).to_contain_text("Django Done · 2026-01-05 08:15")
    expect(recent.nth(1)).to_contain_text("Flask Learning · 2025-12-24 18:00")
    expect(recent.nth(2)).to_contain_text("Git Done · 2025-11-02 09:30")
    chart = page.get_by_role("img", name=CHART)
    expect(chart).to_have_accessible_name(f"{CHART}: 2 on 2026-01-05, from 1 on 2025-11-02")
    for day in ("2025-11-02", "2025-12-24", "2026-01-05"):
        expect(chart.locator(".recharts-cartesian-axis-tick-value", has_text=day)).to_be_visible()
    expect(chart.locator(".recharts-area-dots circle")).to_have_count(3)
    page.reload()  # the history is in the database, not only in this tab
    expect(recent.nth(2)).to_contain_text("Git Done · 2025-11-02 09:30")
    shoot(page, "progress-imported")
    page.screenshot(path=SHOTS / "progress-imported-full.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export my data").click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert {r["topic"]: r["updated_at"] for r in exported["progress"]} == {
        r["topic"]: r["updated_at"] for r in dated
    }
    assert exported["notes"][0]["updated_at"] == note["updated_at"]
    context.close()


def test_one_day_of_data_is_a_visible_bar(app_server, page: Page):
    url = app_server.url
    set_status(page, url, "docker", "Done")
    set_status(page, url, "git", "Skipped")
    page.goto(url + "/me/progress")
    today = datetime.now(UTC).strftime("%Y-%m-%d")
    chart = page.get_by_role("img", name=CHART)
    expect(chart).to_have_accessible_name(f"{CHART}: 2 on {today}")
    bar = chart.locator(".recharts-bar-rectangle path")
    expect(bar).to_have_count(1)
    box = bar.bounding_box()
    assert box is not None and box["height"] > 60 and box["width"] > 20, box
    expect(chart.locator(".recharts-label", has_text="2")).to_be_visible()
    expect(chart.locator(".recharts-cartesian-axis-tick-value", has_text=today)).to_be_visible()
    shoot(page, "progress-one-day", page.locator(".rt-Card").filter(has=chart))


def test_a_malformed_entry_is_named_and_nothing_is_imported(app_server, page: Page, tmp_path):
    page.goto(app_server.url + "/me/progress")
    entries = [
        {"topic": "git", "status": "done", "updated_at": "2025-11-02T09:30:00Z"},
        {"topic": "flask", "status": "mastered", "updated_at": "2025-11-02T09:30:00Z"},
    ]
    import_file(page, export_file(tmp_path, "bad.json", entries))
    expect(message(page)).to_have_text(
        "Nothing was imported. Status entry 2 (topic 'flask'): status must be one of "
        "Not started, Learning, Done, Skipped (the file says 'mastered')."
    )
    expect_progress(page, "Overall progress", 0)
    expect(page.get_by_text("No topics covered yet")).to_be_visible()

    undated = [{"topic": "git", "status": "done"}]
    import_file(page, export_file(tmp_path, "undated.json", undated))
    expect(message(page)).to_have_text(
        "Nothing was imported. Status entry 1 (topic 'git'): the date (updated_at) is missing."
    )
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * 2_500_000)
    import_file(page, huge)
    expect(message(page)).to_have_text(
        "Nothing was imported. The file is 2.5 MB; the largest file this app imports is 2 MB. "
        "Choose a file made with Export my data."
    )
    expect_progress(page, "Overall progress", 0)
    one = [{"topic": "git", "status": "Done", "updated_at": "2025-11-02T09:30:00Z"}]
    import_file(page, export_file(tmp_path, "one.json", one))
    expect(message(page)).to_have_text("Imported 1 status.")


def confirm_dialog(page: Page, title: str):
    dialog = page.get_by_role("alertdialog", name=title)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    return dialog


def test_revoking_a_share_link_asks_first(app_server, browser: Browser):
    url = app_server.url
    owner = browser.new_page()
    owner.goto(url + "/me/progress")
    owner.get_by_role("button", name="Create share link").click()
    share_url = owner.locator("#share-link").inner_text()

    owner.get_by_role("button", name="Revoke link").click()
    dialog = confirm_dialog(owner, "Revoke the share link?")
    expect(dialog).to_contain_text("Anyone who opens this link will see “not found” from now on.")
    shoot(owner, "dialog-revoke")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(owner.locator("#share-link")).to_have_text(share_url)
    viewer = browser.new_page()
    viewer.goto(share_url)
    expect(viewer.get_by_role("heading", name="A shared Python stack map")).to_be_visible()

    owner.get_by_role("button", name="Revoke link").click()
    confirm_dialog(owner, "Revoke the share link?").get_by_role(
        "button", name="Revoke link"
    ).click()
    expect(owner.get_by_role("button", name="Create share link")).to_be_visible()
    # The open tab loses the map at once, without a reload.
    expect(viewer.get_by_role("heading", level=1)).to_contain_text("not found")
    expect(viewer.get_by_role("progressbar")).to_have_count(0)
    shoot(viewer, "shared-revoked")
    owner.context.close()
    viewer.context.close()


def test_log_out_everywhere_asks_first(app_server, page: Page):
    url = app_server.url
    sign_up(page, url, f"asks{datetime.now(UTC).strftime('%H%M%S%f')}")
    page.get_by_role("button", name="Log out everywhere").click()
    dialog = confirm_dialog(page, "Log out everywhere?")
    expect(dialog).to_contain_text("Every device where you are logged in, this one included")
    shoot(page, "dialog-log-out-everywhere")
    page.keyboard.press("Enter")  # on the focused Cancel: nothing happens
    expect(dialog).to_be_hidden()
    expect(page.get_by_text("Logged in as")).to_be_visible()

    page.get_by_role("button", name="Log out everywhere").click()
    confirm_dialog(page, "Log out everywhere?").get_by_role(
        "button", name="Log out everywhere"
    ).click()
    expect(page.get_by_text("Logged out of 1 session on every device.")).to_be_visible()
    expect(page.get_by_role("tab", name="Log in")).to_be_visible()


def test_stop_following_a_path_keeps_progress(app_server, page: Page):
    url = app_server.url
    first = PATH.topics[0]
    set_status(page, url, first, "Done")
    page.goto(url + f"/paths/{PATH.slug}")
    page.get_by_role("button", name="Follow this path").click()
    expect(page.get_by_text("You are following this path")).to_be_visible()
    done = round(100 / len(PATH.topics))
    expect_progress(page, f"{PATH.title} progress", done)

    page.goto(url + "/")
    next_up = page.get_by_role("region", name="Next up")
    expect(next_up).to_contain_text(f"Next up on {PATH.title}")
    expect(next_up.get_by_role("button", name="Stop following")).to_be_visible()
    shoot(page, "home-following", next_up)
    page.goto(url + "/me/progress")
    card = page.get_by_role("region", name="Learning path", exact=True)
    expect(card.get_by_role("link", name=PATH.title)).to_have_attribute(
        "href", f"/paths/{PATH.slug}"
    )
    card.get_by_role("button", name="Stop following").click()
    expect(
        page.get_by_text(f"You no longer follow “{PATH.title}”. Nothing was deleted")
    ).to_be_visible()
    expect(card).to_contain_text("You follow no learning path.")

    page.goto(url + f"/paths/{PATH.slug}")
    page.get_by_role("button", name="Follow this path").click()
    shoot(page, "path-following")
    page.get_by_role("button", name="Stop following").click()
    expect(page.get_by_role("button", name="Follow this path")).to_be_visible()
    expect_progress(page, f"{PATH.title} progress", done)
    page.goto(url + "/")
    expect(page.get_by_role("region", name="Next up")).not_to_contain_text(PATH.title)
    expect_progress(page, "Overall progress", percent(1, len(get_catalog().topics)))
