"""Guided learning in a real Chromium: paths, self-checks and review, map filters,
the stack builder, comparisons, and an axe-core accessibility audit of every page."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from stack_explorer.catalog import get_catalog
from tests.e2e.conftest import ARTIFACTS, embedded_only
from tests.e2e.test_learner_journey import expect_progress, status_radio

# Pages and their accessibility: the same on one worker as on several.
pytestmark = embedded_only
CATALOG = get_catalog()
SHOTS = ARTIFACTS / "screenshots"


def test_learning_path_and_next_up(app_server, page: Page):
    url = app_server.url
    path = CATALOG.paths["fastapi-react"]
    first, second = (CATALOG.topics[s].title for s in path.topics[:2])
    page.goto(url + "/paths")
    page.get_by_role("link", name=path.title, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(path.title)
    expect_progress(page, f"{path.title} progress", 0)
    page.get_by_role("button", name="Follow this path").click()
    expect(page.get_by_text("You are following this path")).to_be_visible()
    page.goto(url + "/paths")  # the list marks the path followed, and only that one
    expect(page.get_by_text("You follow this path", exact=True)).to_have_count(1)
    card = page.locator(".topic-card").filter(has_text="You follow this path")
    expect(card.get_by_role("heading")).to_have_text(path.title)

    page.goto(url + "/")
    next_up = page.get_by_role("region", name="Next up")
    expect(next_up).to_contain_text(path.title)
    next_up.get_by_role("link", name=f"Next up: {first}").click()
    status_radio(page, "Done").click()
    page.goto(url + "/")
    expect(page.get_by_role("link", name=f"Next up: {second}")).to_be_visible()
    page.goto(url + f"/paths/{path.slug}")
    expect_progress(page, f"{path.title} progress", round(100 / len(path.topics)))


def test_self_check_best_score_and_review_queue(app_server, page: Page):
    url = app_server.url
    questions = CATALOG.topics["git"].meta.questions
    page.goto(url + "/topics/git")
    quiz = page.get_by_role("region", name="Check yourself")
    for index, question in enumerate(questions):
        wanted = next(c for c in question.choices if c.correct != (index == 0))  # first one wrong
        group = quiz.get_by_role("radiogroup", name=f"{index + 1}. {question.prompt}")
        group.get_by_role("radio", name=wanted.text, exact=True).click()
    quiz.get_by_role("button", name="Check answers").click()
    total = len(questions)
    expect(quiz.get_by_role("status")).to_have_text(f"You scored {total - 1} of {total}.")
    wrong_choice = next(c for c in questions[0].choices if not c.correct)
    expect(quiz).to_contain_text("Incorrect. " + wrong_choice.explanation)
    expect(quiz.get_by_text(f"Best score: {total - 1} of {total}")).to_be_visible()

    page.goto(url + "/review")
    expect(page.get_by_text("1 question due tomorrow.")).to_be_visible()
    engine = create_engine(app_server.env["REFLEX_DB_URL"])
    with engine.begin() as connection:  # a day passes
        connection.execute(
            text("UPDATE questionreview SET due_at = :t"),
            {"t": (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None)},
        )
    page.reload()
    expect(page.get_by_text("1 question due now.")).to_be_visible()
    page.goto(url + "/")  # the home page says so too, and leads to it
    page.locator("#due-reviews").get_by_role("link", name="1 question due for review").click()
    expect(page.get_by_text("1 question due now.")).to_be_visible()
    right = next(c for c in questions[0].choices if c.correct)
    page.get_by_role("radiogroup", name=questions[0].prompt).get_by_role(
        "radio", name=right.text
    ).click()
    page.get_by_role("button", name="Answer").click()
    # The answer is explained as on the topic page, with when it comes back.
    feedback = page.locator("#review-feedback")
    expect(feedback).to_contain_text("Right.")
    expect(feedback).to_contain_text(right.text)
    expect(feedback).to_contain_text(right.explanation)
    expect(
        feedback.get_by_role("link", name=f"Read {CATALOG.topics['git'].title} again")
    ).to_have_attribute("href", "/topics/git")
    days = re.search(r"It comes back in (\d+) days", feedback.inner_text()).group(1)
    assert int(days) > 1  # further apart than the first time
    expect(page.get_by_text(f"1 question due in {days} days.")).to_be_visible()


def test_map_filters(app_server, page: Page):
    url = app_server.url
    page.goto(url + "/topics/redis")
    status_radio(page, "Done").click()
    expect(page.locator("#status-saved")).to_have_text("Saved: Done")
    page.goto(url + "/")
    page.get_by_label("Layer").select_option(label="Database")
    expect(page.get_by_role("heading", name="Frontend", exact=True)).not_to_be_visible()
    expect(page.get_by_role("heading", name="Database", exact=True)).to_be_visible()
    page.get_by_label("Status").select_option(label="Done")
    expect(page.get_by_role("link", name="Redis", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="MySQL", exact=True)).not_to_be_visible()
    total = len(CATALOG.topics)
    expect(page.locator("#topics-shown")).to_have_text(f"1 of {total} topics")
    page.get_by_label("Layer").select_option(label="All layers")
    page.get_by_label("Status").select_option(label="Any status")
    expect(page.get_by_role("link", name="HTML", exact=True)).to_be_visible()
    expect(page.locator("#topics-shown")).to_have_text(f"{total} topics")


def stack_loaded(page: Page) -> None:
    """The builder's choices and links have arrived (they come from the server)."""
    page.wait_for_function(
        "(() => { const links = [...document.querySelectorAll('figure a')];"
        " return links.length > 0 && links.every((a) => a.textContent.trim()); })()"
    )


def test_stack_builder_url_reproduces_the_choice(app_server, page: Page):
    url = app_server.url
    page.goto(url + "/stack-builder")
    stack_loaded(page)
    page.get_by_label("Frontend").select_option(label="Vue")
    page.get_by_label("Database").select_option(label="MongoDB")
    expect(page).to_have_url(re.compile(r"frontend=vue.*database=mongodb"))
    figure = page.get_by_role("figure")
    expect(figure.get_by_role("link", name="Vue", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="FastAPI + MongoDB")).to_be_visible()
    shared = page.url
    page.goto(url + "/")
    page.goto(shared)
    expect(page.get_by_label("Frontend")).to_have_value("vue")
    expect(page.get_by_label("Database")).to_have_value("mongodb")
    page.screenshot(path=SHOTS / f"{app_server.mode}-stack-builder.png", full_page=True)
    page.goto(url + "/stack-builder?frontend=cobol&backend=django")
    expect(page.get_by_label("Frontend")).to_have_value("react")
    expect(page.get_by_label("Backend")).to_have_value("django")


def test_comparison_table(app_server, page: Page):
    page.goto(app_server.url + "/compare")
    page.get_by_role("link", name="Django vs Flask vs FastAPI").click()
    table = page.get_by_role("table", name="Django vs Flask vs FastAPI")
    for name in ("Django", "Flask", "FastAPI"):
        expect(table.get_by_role("columnheader", name=name)).to_be_visible()
    expect(table.get_by_role("rowheader", name="Choose it when")).to_be_visible()


AUDITED = [
    "/",
    "/topics/fastapi",
    "/paths",
    "/paths/django-full-stack",
    "/stack-builder",
    "/compare",
    "/compare/cloud-platforms",
    "/review",
    "/account",
    "/me/progress",
    "/me/notes",
    "/why-python",
    "/no-such-page",
]


# Every page in light mode; dark mode on the two busiest pages.
AUDITS = [(path, "light") for path in AUDITED] + [("/", "dark"), ("/topics/fastapi", "dark")]


@pytest.mark.parametrize(("path", "scheme"), AUDITS)
def test_no_axe_violations(app_server, browser, path, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(app_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if path == "/stack-builder":
        stack_loaded(page)
    page.wait_for_timeout(500)  # let hydration settle
    results = Axe().run(page)
    context.close()
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    assert not violations, "\n".join(violations)


def test_keyboard_focus_is_visible(app_server, page: Page):
    page.goto(app_server.url + "/")
    skip = page.get_by_role("link", name="Skip to content")
    skip.focus()
    expect(skip).to_be_in_viewport()  # revealed when focused
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Stack Explorer home")).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
