"""A topic's self-check in a real Chromium: graded feedback that keeps the learner's
choices, unanswered questions named, when missed questions come back, and a phone."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import create_engine, text

from stack_explorer.catalog import get_catalog
from tests.e2e.conftest import ARTIFACTS, embedded_only

pytestmark = embedded_only

QUESTIONS = get_catalog().topics["docker"].meta.questions
TOTAL = len(QUESTIONS)
SHOTS = ARTIFACTS / "screenshots"


def open_quiz(page: Page, url: str) -> Locator:
    page.goto(url + "/topics/docker")
    quiz = page.get_by_role("region", name="Check yourself")
    expect(group(quiz, 0).get_by_role("radio").first).to_be_visible()
    return quiz


def group(quiz: Locator, index: int) -> Locator:
    return quiz.get_by_role("radiogroup", name=f"{index + 1}. {QUESTIONS[index].prompt}")


def choice(index: int, correct: bool):
    return next(c for c in QUESTIONS[index].choices if c.correct == correct)


def pick(quiz: Locator, index: int, correct: bool) -> None:
    wanted = choice(index, correct).text
    group(quiz, index).get_by_role("radio", name=wanted, exact=True).click()


def attempts(app_server) -> int:
    with create_engine(app_server.env["REFLEX_DB_URL"]).connect() as connection:
        return connection.execute(text("SELECT count(*) FROM quizattempt")).scalar_one()


QUIZ_SELECTOR = "section[aria-label='Check yourself']"


def assert_accessible(page: Page, selector: str = "main") -> None:
    """axe-core finds nothing in that part of the page as it is now (a graded quiz, say)."""
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in Axe().run(page, context=selector).response["violations"]
    ]
    assert not violations, "\n".join(violations)


def test_unanswered_questions_are_named_and_nothing_is_recorded(app_server, page: Page):
    quiz = open_quiz(page, app_server.url)
    pick(quiz, 0, True)
    pick(quiz, 2, False)
    before = attempts(app_server)
    quiz.get_by_role("button", name="Check answers").click()

    expect(quiz.get_by_role("alert")).to_have_text("Answer questions 2 and 4 first.")
    expect(group(quiz, 1).get_by_role("radio").first).to_be_focused()
    expect(group(quiz, 1).get_by_text("Not answered yet")).to_be_visible()
    expect(group(quiz, 2).get_by_text("Not answered yet")).not_to_be_visible()
    expect(quiz.get_by_role("button", name="Check answers")).to_be_visible()
    expect(quiz.get_by_role("status")).to_have_count(0)  # no score
    expect(group(quiz, 0).get_by_role("radio", name=choice(0, True).text)).to_be_checked()
    assert attempts(app_server) == before

    pick(quiz, 1, True)
    expect(group(quiz, 1).get_by_text("Not answered yet")).not_to_be_visible()
    pick(quiz, 3, True)
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_role("status")).to_have_text(f"You scored {TOTAL - 1} of {TOTAL}.")
    expect(quiz.get_by_role("alert")).to_have_text("")
    assert attempts(app_server) == before + 1


def test_a_missed_question_shows_the_choice_the_right_answer_and_why(app_server, page: Page):
    quiz = open_quiz(page, app_server.url)
    pick(quiz, 0, False)
    for index in range(1, TOTAL):
        pick(quiz, index, True)
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_role("status")).to_have_text(f"You scored {TOTAL - 1} of {TOTAL}.")

    missed, wrong, right = group(quiz, 0), choice(0, False), choice(0, True)
    expect(missed).to_contain_text("Incorrect. " + wrong.explanation)
    expect(missed).to_contain_text(f"Right answer: {right.text}. {right.explanation}")
    expect(missed.get_by_role("radio", name=wrong.text)).to_be_checked()  # still chosen
    expect(missed.get_by_role("radio", name=wrong.text)).to_have_accessible_name(
        f"{wrong.text} Your answer"
    )
    expect(missed.get_by_role("radio", name=right.text)).to_have_accessible_name(
        f"{right.text} Right answer"
    )
    for index in range(1, TOTAL):
        answered = group(quiz, index)
        expect(answered).to_contain_text("Correct. " + choice(index, True).explanation)
        expect(answered.get_by_role("radio", name=choice(index, True).text)).to_be_checked()
    expect(quiz.get_by_role("radio", checked=True)).to_have_count(TOTAL)
    expect(quiz.get_by_text(f"Best score: {TOTAL - 1} of {TOTAL}")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    quiz.screenshot(path=SHOTS / f"{app_server.mode}-quiz-graded-light.png")
    assert_accessible(page, QUIZ_SELECTOR)

    # A reload keeps the last attempt's marks, picks and score until "Try again".
    page.reload()
    expect(quiz.get_by_role("status")).to_have_text(f"You scored {TOTAL - 1} of {TOTAL}.")
    expect(missed).to_contain_text(f"Right answer: {right.text}. {right.explanation}")
    expect(missed.get_by_role("radio", name=wrong.text)).to_be_checked()
    expect(missed.get_by_role("radio", name=wrong.text)).to_be_disabled()
    expect(quiz.get_by_role("radio", checked=True)).to_have_count(TOTAL)
    quiz.screenshot(path=SHOTS / f"{app_server.mode}-quiz-kept-after-reload-light.png")

    quiz.get_by_role("button", name="Try again").click()
    expect(quiz.get_by_role("button", name="Check answers")).to_be_visible()
    expect(quiz.get_by_role("radio", checked=True)).to_have_count(0)
    expect(quiz).not_to_contain_text("Incorrect")
    expect(group(quiz, 0).get_by_role("radio").first).to_be_focused()

    page.goto(app_server.url + "/review")
    expect(page.get_by_text("1 question due tomorrow.")).to_be_visible()
    expect(page.get_by_text("Nothing is due right now")).to_be_visible()
    assert_accessible(page)


def test_on_a_phone_each_choice_row_is_a_44px_target(app_server, browser: Browser):
    context = browser.new_context(color_scheme="dark", viewport={"width": 375, "height": 812})
    page = context.new_page()
    quiz = open_quiz(page, app_server.url)
    rows = quiz.locator("label").all()
    assert len(rows) == sum(len(q.choices) for q in QUESTIONS)
    for row in rows:
        box = row.bounding_box()
        assert box["height"] >= 44, f"a choice row is {box['height']} px tall"
        assert box["width"] >= 280, f"a choice row is only {box['width']} px wide"
    # A tap at the far end of the row, away from the radio itself, chooses it.
    first = group(quiz, 0)
    radios = first.get_by_role("radio")
    last_row = first.locator("label").last
    last_row.scroll_into_view_if_needed()
    box = last_row.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 4, box["y"] + box["height"] / 2)
    expect(radios.last).to_be_checked()
    # One radio group per question: the arrow keys move the choice within it.
    radios.first.focus()
    page.keyboard.press("ArrowDown")
    expect(radios.nth(1)).to_be_checked()
    expect(radios.last).not_to_be_checked()

    for index in range(1, TOTAL):
        pick(quiz, index, index != 1)
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_role("status")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    quiz.screenshot(path=SHOTS / f"{app_server.mode}-quiz-graded-phone-dark.png")
    assert_accessible(page, QUIZ_SELECTOR)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page is {width}px wide at a 375px viewport"
    context.close()


def test_the_page_gives_no_answer_away(app_server, page: Page):
    """Nothing the browser receives before "Check answers" holds an explanation: not the
    HTML, not a script, not the state sent over the websocket. They come with the grading."""
    received: list[str] = []
    page.on("response", lambda r: received.append(r.text()) if _is_text(r) else None)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(str(f))))
    quiz = open_quiz(page, app_server.url)
    page.wait_for_load_state("networkidle")
    received.append(page.content())
    everything = "\n".join(received)
    assert "Loading the choices" not in page.content()  # the choices did arrive
    for question in QUESTIONS:
        for option in question.choices:
            assert option.explanation not in everything, f"{option.text!r}: explanation sent"

    for index in range(TOTAL):
        pick(quiz, index, True)
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_text(choice(0, True).explanation)).to_be_visible()


def _is_text(response) -> bool:
    kind = response.headers.get("content-type", "")
    return response.ok and any(t in kind for t in ("javascript", "html", "json"))
