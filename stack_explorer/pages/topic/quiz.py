"""The self-check on a topic page: multiple-choice questions, graded feedback, best score."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import TopicDoc, get_catalog
from stack_explorer.components.choices import choice_row, mark_badge
from stack_explorer.components.offline import quiz_pending, quiz_write
from stack_explorer.handlers import checked
from stack_explorer.learner_context import learner
from stack_explorer.services import quiz
from stack_explorer.services.progress import InvalidRequest

SCORE_ID = "quiz-score"


def _question_id(index: int) -> str:
    return f"quiz-q{index + 1}"


def _focus(selector: str) -> rx.event.EventSpec:
    """Focus an element once React has drawn the update that brings it."""
    return rx.call_script(
        f"requestAnimationFrame(() => document.querySelector({selector!r})?.focus())"
    )


class QuizState(rx.State):
    slug: str = ""
    chosen: list[int] = []  # the graded answers (file indexes), empty until checked
    order: list[list[int]] = []  # per question, the file indexes in the order shown
    best: int = -1  # best score so far, -1 when never taken
    score: int = 0  # of the graded answers
    unanswered: str = ""  # "Answer questions 2 and 4 first."
    missing: list[int] = []  # the numbers of those questions
    attempt: int = 0  # a new attempt remounts the form, which clears the choices

    @checked
    async def load(self, slug: str):
        async with learner(self) as me:
            try:
                best = quiz.best_score(session=me.session, learner_id=me.id, slug=slug)
            except InvalidRequest as error:
                return rx.toast.error(str(error))
        self.order = quiz.choice_orders(me.id, get_catalog().topics[slug])
        self.slug, self.chosen, self.score = slug, [], 0
        self.unanswered, self.missing = "", []
        self.best = -1 if best is None else best

    @checked
    async def check(self, slug: str, form_data: dict):
        if slug != self.slug or self.chosen:
            return rx.toast.error("Open the topic's self-check and answer it there.")
        async with learner(self) as me:
            try:
                chosen = quiz.submit(
                    session=me.session, learner_id=me.id, slug=slug, answers=form_data
                )
                best = quiz.best_score(session=me.session, learner_id=me.id, slug=slug)
            except quiz.Unanswered as missing:
                self.unanswered, self.missing = str(missing), missing.numbers
                return _focus(f"#{_question_id(missing.numbers[0] - 1)} input")
            except InvalidRequest as error:
                return rx.toast.error(str(error))
        show_graded(self, chosen, best)
        return _focus(f"#{SCORE_ID}")

    @checked
    def retry(self):
        self.chosen, self.score, self.unanswered, self.missing = [], 0, "", []
        self.attempt += 1
        return _focus(f"#{_question_id(0)} input")


def show_graded(shown: QuizState, chosen: list[int], best: int | None) -> None:
    """Show a scored attempt (checked here, or sent from offline) on this tab's quiz."""
    questions = get_catalog().topics[shown.slug].meta.questions
    shown.score = sum(questions[i].choices[c].correct for i, c in enumerate(chosen))
    shown.chosen, shown.best, shown.unanswered, shown.missing = chosen, best or 0, "", []


def _feedback(doc: TopicDoc, index: int) -> rx.Component:
    """After grading: right or wrong in words and colour, the right answer and why."""
    question = doc.meta.questions[index]
    right = next(i for i, choice in enumerate(question.choices) if choice.correct)
    why = rx.Var.create([choice.explanation for choice in question.choices])
    chosen = QuizState.chosen[index].to(int)
    correct = rx.callout.root(
        rx.callout.icon(rx.icon("circle-check", aria_hidden="true")),
        rx.callout.text(rx.el.strong("Correct. "), question.choices[right].explanation),
        color_scheme="green",
        size="1",
    )
    incorrect = rx.callout.root(
        rx.callout.icon(rx.icon("circle-x", aria_hidden="true")),
        rx.callout.text(rx.el.strong("Incorrect. "), why[chosen]),
        rx.callout.text(
            rx.el.strong("Right answer: "),
            question.choices[right].text,
            ". ",
            question.choices[right].explanation,
        ),
        color_scheme="red",
        size="1",
    )
    return rx.cond(
        QuizState.chosen.length() > index,
        rx.cond(chosen == right, correct, incorrect),
    )


def _choices(doc: TopicDoc, index: int) -> rx.Component:
    question = doc.meta.questions[index]
    right = next(i for i, choice in enumerate(question.choices) if choice.correct)
    texts = rx.Var.create([choice.text for choice in question.choices])
    graded = QuizState.chosen.length() > index
    chosen = QuizState.chosen[index].to(int)

    def row(file_index: rx.Var[int]) -> rx.Component:
        is_right = graded & (file_index == right)
        is_wrong_pick = graded & (file_index == chosen) & (file_index != right)
        return choice_row(
            name=str(index),
            value=file_index.to_string(),
            text=texts[file_index],
            disabled=graded,
            mark=rx.cond(is_right, "right", rx.cond(is_wrong_pick, "wrong", "")),
            badges=(
                rx.cond(is_right, mark_badge("Right answer", "circle-check", "green")),
                rx.cond(is_wrong_pick, mark_badge("Your answer", "circle-x", "red")),
            ),
        )

    # The learner's own order arrives with the page's data; until then nothing is
    # shown, so the file order (which may put the answer first) never flashes by.
    return rx.cond(
        QuizState.order.length() > index,
        rx.vstack(rx.foreach(QuizState.order[index].to(list[int]), row), spacing="2"),
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
        _choices(doc, index),
        _feedback(doc, index),
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
                            quiz_pending(doc.slug),
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
                    on_submit=quiz_write(doc.slug, lambda form: QuizState.check(doc.slug, form)),
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
