"""Guided learning in a real Chromium: paths, self-checks and review, map filters,
the stack builder, comparisons, and an axe-core accessibility audit of every page."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, text

from stack_explorer.catalog import get_catalog
from stack_explorer.components.stack_map import FLOW_LINKS
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
    expect(next_up.locator("#next-up-reason")).to_contain_text(f"on your path, {path.title}")
    expect(page.get_by_role("region", name="You are learning")).to_have_count(0)
    next_up.get_by_role("link", name=f"Next up: {first}").click()
    status_radio(page, "Learning").click()
    page.goto(url + "/")  # what the learner is learning comes first, before Next up
    learning = page.get_by_role("region", name="You are learning")
    expect(learning.get_by_role("link", name=first)).to_be_visible()
    learning.get_by_role("link", name=first).click()
    status_radio(page, "Done").click()
    page.goto(url + "/")
    expect(page.get_by_role("link", name=f"Next up: {second}")).to_be_visible()
    expect(page.get_by_role("region", name="You are learning")).to_have_count(0)
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
    for hop in FLOW_LINKS.values():  # no hop between layers that are not shown
        expect(page.get_by_text(hop)).not_to_be_visible()
    jump = page.get_by_role("navigation", name="Sections of the map")
    expect(jump.get_by_role("link")).to_have_text(["Database"])
    page.get_by_label("Status").select_option(label="Done")
    expect(page.get_by_role("link", name="Redis", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="MySQL", exact=True)).not_to_be_visible()
    total = len(CATALOG.topics)
    expect(page.locator("#topics-shown")).to_have_text(f"1 of {total} topics")
    page.get_by_label("Layer").select_option(label="All layers")
    page.get_by_label("Status").select_option(label="Any status")
    expect(page.get_by_role("link", name="HTML", exact=True)).to_be_visible()
    expect(page.locator("#topics-shown")).to_have_text(f"{total} topics")
    expect(page.get_by_text(FLOW_LINKS["backend"])).to_be_visible()
    deployment = CATALOG.layer("deployment").name
    jump.get_by_role("link", name=deployment, exact=True).click()
    expect(page.get_by_role("heading", name=deployment, exact=True)).to_be_in_viewport()


def stack_loaded(page: Page) -> None:
    """React owns the builder's selects: the choice is read from the address in the
    browser, and a pick made before hydration would go nowhere."""
    page.wait_for_function(
        "[...document.querySelectorAll('select.native-select')]"
        ".every((el) => Object.keys(el).some((key) => key.startsWith('__reactProps')))"
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
    "/topics/python",  # code cells and exercises
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


def _violations(page: Page, url: str, path: str) -> list[str]:
    page.goto(url + path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Audit the page React has hydrated, not the prerendered HTML it replaces.
    page.wait_for_function(
        "Object.keys(document.querySelector('main')).some((k) => k.startsWith('__react'))"
    )
    if path == "/stack-builder":
        stack_loaded(page)
    page.wait_for_timeout(500)  # let hydration and the learner's data settle
    return [
        f"{path}: {v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in Axe().run(page).response["violations"]
    ]


@pytest.mark.parametrize("path", AUDITED)
def test_no_axe_violations_for_a_new_learner(app_server, browser, path):
    page = browser.new_context().new_page()
    violations = _violations(page, app_server.url, path)
    page.context.close()
    assert not violations, "\n".join(violations)


def _a_learner_with_everything(page: Page, app_server, tmp_path) -> None:
    """Every status on the map, notes with headings, a solved exercise, a self-check
    score with a question due for review, and a path followed."""
    slugs = [doc.slug for doc in CATALOG.topics.values()]
    statuses = ["done", "learning", "skipped", "not-started"]
    progress = [
        {"topic": slug, "status": statuses[i % 4], "updated_at": "2026-11-20T09:00:00Z"}
        for i, slug in enumerate(slugs)
    ]
    notes = [
        {
            "topic": slug,
            "body": f"# {slug}\n\nWhat I **learnt**.",
            "updated_at": "2026-11-21T09:00:00Z",
        }
        for slug in slugs[:3]
    ]
    exercise = CATALOG.topics["python"].meta.exercises[0]
    exercises = [
        {
            "topic": "python",
            "exercise": exercise.slug,
            "code": exercise.solution,
            "solved_at": "2026-11-22T09:00:00Z",
            "updated_at": "2026-11-22T09:00:00Z",
        }
    ]
    document = {"format": "stack-explorer-export", "version": 1}
    document |= {"exported_at": "2026-11-23T09:00:00Z", "progress": progress}
    document |= {"notes": notes, "exercises": exercises}
    file = tmp_path / "everything.json"
    file.write_text(json.dumps(document))
    page.goto(app_server.url + "/me/progress")
    page.locator("input[type=file]").set_input_files(file)
    expect(page.get_by_role("status").filter(has_text="Imported")).to_be_visible()

    questions = CATALOG.topics["git"].meta.questions
    page.goto(app_server.url + "/topics/git")
    quiz = page.get_by_role("region", name="Check yourself")
    for index, question in enumerate(questions):
        wanted = next(c for c in question.choices if c.correct != (index == 0))
        group = quiz.get_by_role("radiogroup", name=f"{index + 1}. {question.prompt}")
        group.get_by_role("radio", name=wanted.text, exact=True).click()
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_role("status")).to_contain_text("You scored")
    engine = create_engine(app_server.env["REFLEX_DB_URL"])
    with engine.begin() as connection:  # the missed question is due now
        connection.execute(
            text("UPDATE questionreview SET due_at = :t"),
            {"t": (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None)},
        )
    engine.dispose()
    page.goto(app_server.url + "/paths/django-full-stack")
    page.get_by_role("button", name="Follow this path").click()
    expect(page.get_by_text("You are following this path")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_for_a_learner_with_everything(app_server, browser, scheme, tmp_path):
    page = browser.new_context(color_scheme=scheme).new_page()
    _a_learner_with_everything(page, app_server, tmp_path)
    page.goto(app_server.url + "/")
    expect(page.locator("#due-reviews")).to_be_visible()
    violations = [v for path in AUDITED for v in _violations(page, app_server.url, path)]
    page.context.close()
    assert not violations, "\n".join(violations)


def test_keyboard_focus_is_visible(app_server, page: Page):
    page.goto(app_server.url + "/")
    skip = page.get_by_role("link", name="Skip to content")
    skip.focus()
    expect(skip).to_be_in_viewport()  # revealed when focused
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Stack Explorer home")).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
