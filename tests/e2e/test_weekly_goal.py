"""The weekly goal in a real Chromium: set on /me/progress, counted from a topic marked
Done, shown on home and /me/progress (and live in another tab), kept across a reload,
carried in the export with the browser's time zone, and turned off again."""

import json
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import embedded_only
from tests.e2e.test_learner_journey import status_radio
from tests.e2e.test_progress_history import shoot

pytestmark = embedded_only

ZONE = "Pacific/Auckland"  # not the server's: the browser's calendar is the one used


def choose_goal(page: Page, option: str) -> None:
    page.get_by_role("combobox", name="Topics per week").click()
    page.get_by_role("option", name=option, exact=True).click()


def expect_goal(page: Page, this_week: str, days: str) -> None:
    expect(page.locator("#weekly-goal")).to_have_text(this_week)
    expect(page.locator("#days-practised")).to_have_text(days)


def expect_no_axe_violations(page: Page) -> None:
    results = Axe().run(page)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert not violations, "\n".join(violations)


def test_weekly_goal_counts_done_topics_on_home_and_my_progress(
    app_server, browser: Browser, tmp_path
):
    url = app_server.url
    context = browser.new_context(accept_downloads=True, timezone_id=ZONE)
    page, home = context.new_page(), context.new_page()
    home.goto(url + "/")
    expect(home.get_by_role("heading", name="Frontend", exact=True)).to_be_visible()
    expect(home.locator("#weekly-goal")).to_have_count(0)  # off by default

    page.goto(url + "/me/progress")
    goal = page.get_by_role("region", name="Weekly goal")
    expect(goal.get_by_role("combobox", name="Topics per week")).to_have_text("Off")
    choose_goal(page, "3 topics a week")
    expect_goal(page, "0 of 3 topics this week", "Practise today to start a streak")
    expect_goal(home, "0 of 3 topics this week", "Practise today to start a streak")  # live

    page.goto(url + "/topics/git")
    # Both tabs share this browser's write queue, and either may send the write: the
    # home tab's figures are the confirmation.
    status_radio(page, "Done").click()
    expect_goal(home, "1 of 3 topics this week", "1 day practised")  # the other tab, live
    page.goto(url + "/")
    expect_goal(page, "1 of 3 topics this week", "1 day practised")
    shoot(page, "weekly-goal-home", page.get_by_role("region", name="Weekly goal"))
    expect_no_axe_violations(page)
    page.goto(url + "/me/progress")
    expect_goal(page, "1 of 3 topics this week", "1 day practised")
    page.reload()
    expect_goal(page, "1 of 3 topics this week", "1 day practised")
    expect(goal.get_by_role("combobox", name="Topics per week")).to_have_text("3 topics a week")
    shoot(page, "weekly-goal", goal)
    expect_no_axe_violations(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Export my data").click()
    exported = json.loads(Path(download.value.path()).read_text())
    assert {k: exported["weekly_goal"][k] for k in ("topics", "zone")} == {
        "topics": 3,
        "zone": ZONE,
    }

    choose_goal(page, "Off")
    expect(page.locator("#weekly-goal")).to_have_count(0)
    expect(home.locator("#weekly-goal")).to_have_count(0)
    context.close()
