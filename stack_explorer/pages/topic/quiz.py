"""The self-check on a topic page: multiple-choice questions, graded feedback, best score."""

import dataclasses

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import TopicDoc, get_catalog
from stack_explorer.catalog.schema import Question
from stack_explorer.components.choices import choice_row, mark_badge
from stack_explorer.components.offline import offline_quiz, quiz_pending, quiz_write
from stack_explorer.components.route import topic_slug
from stack_explorer.handlers import checked
from stack_explorer.learner.context import on_detach
from stack_explorer.services import quiz

SCORE_ID = "quiz-score"


def _question_id(index: int) -> str:
    return f"quiz-q{index + 1}"


def _focus(selector: str) -> rx.event.EventSpec:
    """Focus an element once React has drawn the update that brings it."""
    return rx.call_script(
        f"requestAnimationFrame(() => document.querySelector({selector!r})?.focus())"
    )


@dataclasses.dataclass
class Graded:
    """One graded question, as the page shows it."""

    right: int  # the file index of the right answer
    correct: bool
    picked_why: str  # why the learner's pick is right or wrong
    answer: str  # the right answer's text
    answer_why: str


class QuizState(rx.State):
    """The topic's self-check. The page holds no choice texts, answers or explanations:
    they arrive from here, so one compiled quiz serves every topic and the page's
    source gives nothing away."""

    slug: str = ""
    order: list[list[int]] = []  # per question, the file indexes in the order shown
    choices: list[list[str]] = []  # per question, the choice texts in that order
    chosen: list[int] = []  # the graded answers (file indexes), empty until checked
    graded: list[Graded] = []
    best: int = -1  # best score so far, -1 when never taken
    score: int = 0  # of the graded answers
    unanswered: str = ""  # "Answer questions 2 and 4 first."
    missing: list[int] = []  # the numbers of those questions
    attempt: int = 0  # a new attempt remounts the form, which clears the choices

    @checked
    def retry(self):
        self.chosen, self.graded, self.score, self.unanswered, self.missing = [], [], 0, "", []
        self.attempt += 1
        return _focus(f"#{_question_id(0)} input")


def _grade(question: Question, picked: int) -> Graded:
    right = next(i for i, choice in enumerate(question.choices) if choice.correct)
    return Graded(
        right=right,
        correct=picked == right,
        picked_why=question.choices[picked].explanation,
        answer=question.choices[right].text,
        answer_why=question.choices[right].explanation,
    )


@dataclasses.dataclass(frozen=True)
class Loaded:
    """What the self-check shows of a learner when the topic page loads."""

    learner_id: int  # the choices are shuffled per learner
    best: int | None
    last: list[int] | None  # the last graded attempt's picks


def read(session, learner_id: int, slug: str) -> Loaded:
    best = quiz.best_score(session=session, learner_id=learner_id, slug=slug)
    last = quiz.last_answers(session=session, learner_id=learner_id, slug=slug)
    return Loaded(learner_id, best, last)


def show_loaded(state: QuizState, doc: TopicDoc, loaded: Loaded) -> None:
    state.order = quiz.choice_orders(loaded.learner_id, doc)
    state.choices = [
        [question.choices[i].text for i in order]
        for question, order in zip(doc.meta.questions, state.order, strict=True)
    ]
    state.slug, state.chosen, state.graded, state.score = doc.slug, [], [], 0
    state.unanswered, state.missing = "", []
    state.best = -1 if loaded.best is None else loaded.best
    if loaded.last is not None:  # the last attempt stays marked until "Try again"
        show_graded(state, loaded.last, loaded.best)


def show_graded(shown: QuizState, chosen: list[int], best: int | None) -> rx.event.EventSpec:
    """Show a scored attempt on this tab's quiz; return the event that moves focus to
    the score."""
    questions = get_catalog().topics[shown.slug].meta.questions
    shown.graded = [_grade(q, c) for q, c in zip(questions, chosen, strict=True)]
    shown.score = sum(g.correct for g in shown.graded)
    shown.chosen, shown.best, shown.unanswered, shown.missing = chosen, best or 0, "", []
    return _focus(f"#{SCORE_ID}")


def show_unanswered(shown: QuizState, missing: quiz.Unanswered) -> rx.event.EventSpec:
    """Name the unanswered questions; return the event that focuses the first one."""
    shown.unanswered, shown.missing = str(missing), missing.numbers
    return _focus(f"#{_question_id(missing.numbers[0] - 1)} input")


def _clear(shown: QuizState) -> None:
    shown.slug, shown.order, shown.choices, shown.best = "", [], [], -1
    shown.chosen, shown.graded, shown.score, shown.unanswered, shown.missing = [], [], 0, "", []


on_detach(QuizState, _clear)


def _feedback(index: int) -> rx.Component:
    """After grading: right or wrong in words and colour, the right answer and why."""
    graded = QuizState.graded[index]
    correct = rx.callout.root(
        rx.callout.icon(rx.icon("circle-check", aria_hidden="true")),
        rx.callout.text(rx.el.strong("Correct. "), graded.picked_why),
        color_scheme="green",
        size="1",
    )
    incorrect = rx.callout.root(
        rx.callout.icon(rx.icon("circle-x", aria_hidden="true")),
        rx.callout.text(rx.el.strong("Incorrect. "), graded.picked_why),
        rx.callout.text(rx.el.strong("Right answer: "), graded.answer, ". ", graded.answer_why),
        color_scheme="red",
        size="1",
    )
    return rx.cond(
        QuizState.graded.length() > index,
        rx.cond(graded.correct, correct, incorrect),
    )


def _choices(index: int) -> rx.Component:
    graded = QuizState.graded.length() > index
    right = QuizState.graded[index].right
    chosen = QuizState.chosen[index].to(int)
    # The server's choices once they arrived for this topic; on a page opened offline,
    # the precached texts in this browser's own order.
    from_server = QuizState.slug == topic_slug()
    offline_order, offline_choices = offline_quiz(topic_slug())
    order = rx.cond(from_server, QuizState.order, offline_order)
    choices = rx.cond(from_server, QuizState.choices, offline_choices)

    def row(file_index: rx.Var[int], position: rx.Var[int]) -> rx.Component:
        is_right = graded & (file_index == right)
        is_wrong_pick = graded & (file_index == chosen) & (file_index != right)
        return choice_row(
            name=str(index),
            value=file_index.to_string(),
            text=choices[index][position],
            disabled=graded,
            picked=graded & (file_index == chosen),
            mark=rx.cond(is_right, "right", rx.cond(is_wrong_pick, "wrong", "")),
            badges=(
                rx.cond(is_right, mark_badge("Right answer", "circle-check", "green")),
                rx.cond(is_wrong_pick, mark_badge("Your answer", "circle-x", "red")),
            ),
        )

    # The learner's own order arrives with the page's data; until then nothing is
    # shown, so the file order (which may put the answer first) never flashes by.
    return rx.cond(
        choices.length() > index,
        rx.vstack(rx.foreach(order[index].to(list[int]), row), spacing="2"),
        rx.text("Loading the choices…", size="2", color_scheme="gray"),
    )


# "Not answered yet" shows on a question left open at the last check, and hides (in CSS,
# without a round trip) as soon as one of its choices is picked.
QUESTION_STYLE = {
    "& .quiz-missing": {
        "display": "none",
        "align_items": "center",
        "gap": "0.375rem",
        "margin": "0",
        "color": "var(--red-11)",
        "font_size": "var(--font-size-2)",
    },
    "&[data-missing='true']:not(:has(input:checked)) .quiz-missing": {"display": "flex"},
}


def _question(doc: TopicDoc, index: int) -> rx.Component:
    legend_id = f"{_question_id(index)}-prompt"
    return rx.el.fieldset(
        rx.el.legend(
            f"{index + 1}. {doc.meta.questions[index].prompt}",
            id=legend_id,
            class_name="quiz-prompt",
        ),
        rx.el.p(
            rx.icon("circle-alert", size=16, aria_hidden="true"),
            "Not answered yet",
            class_name="quiz-missing",
        ),
        _choices(index),
        _feedback(index),
        id=_question_id(index),
        custom_attrs={
            "role": "radiogroup",
            "data-missing": QuizState.missing.contains(index + 1).to_string(),
        },
        aria_labelledby=legend_id,
        class_name="quiz-question",
        style=QUESTION_STYLE,
    )


def _result_line(total: int) -> rx.Component:
    return rx.hstack(
        rx.text(
            "You scored ",
            QuizState.score.to_string(),
            f" of {total}.",
            weight="bold",
            role="status",
            id=SCORE_ID,
            tab_index=-1,
        ),
        rx.button("Try again", type="button", on_click=QuizState.retry, variant="soft"),
        rx.link("Review queue", href=routes.REVIEW, size="2"),
        align="center",
        wrap="wrap",
    )


def quiz_section(doc: TopicDoc) -> rx.Component:
    if not doc.meta.questions:
        return rx.fragment()
    total = len(doc.meta.questions)
    slug = topic_slug()
    return rx.card(
        rx.el.section(
            rx.vstack(
                rx.hstack(
                    rx.heading("Check yourself", as_="h2", size="5"),
                    rx.spacer(),
                    rx.cond(
                        QuizState.best >= 0,
                        rx.badge(
                            "Best score: ", QuizState.best.to_string(), f" of {total}", size="2"
                        ),
                    ),
                    width="100%",
                    align="center",
                ),
                rx.form(
                    rx.vstack(
                        *[_question(doc, i) for i in range(total)],
                        rx.cond(
                            quiz_pending(slug),
                            rx.callout(
                                "You are offline: your answers are kept on this device and "
                                "will be checked when you are back online.",
                                icon="cloud-off",
                                color_scheme="amber",
                                size="1",
                            ),
                        ),
                        # Always in the page, so screen readers announce the message when it
                        # is filled in.
                        rx.el.div(
                            rx.cond(
                                QuizState.unanswered != "",
                                rx.callout(
                                    QuizState.unanswered,
                                    icon="circle-alert",
                                    color_scheme="red",
                                    size="1",
                                ),
                            ),
                            role="alert",
                            width="100%",
                        ),
                        rx.cond(
                            QuizState.chosen.length() > 0,
                            _result_line(total),
                            rx.button("Check answers", type="submit"),
                        ),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=quiz_write(slug),
                    reset_on_submit=False,
                    key=QuizState.attempt.to_string(),
                ),
                spacing="3",
                width="100%",
            ),
            aria_label="Check yourself",
        ),
        width="100%",
    )
