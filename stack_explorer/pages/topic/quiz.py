"""The self-check on a topic page: multiple-choice questions, explanations, best score."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import TopicDoc, get_catalog
from stack_explorer.components.offline import quiz_pending, quiz_write
from stack_explorer.handlers import checked
from stack_explorer.learner_context import learner
from stack_explorer.services import quiz
from stack_explorer.services.progress import InvalidRequest


class QuizState(rx.State):
    slug: str = ""
    chosen: list[int] = []  # the submitted answers (file indexes), empty until checked
    order: list[list[int]] = []  # per question, the file indexes in the order shown
    best: int = -1  # best score so far, -1 when never taken
    error: str = ""

    @checked
    async def load(self, slug: str):
        async with learner(self) as me:
            try:
                best = quiz.best_score(session=me.session, learner_id=me.id, slug=slug)
            except InvalidRequest as error:
                return rx.toast.error(str(error))
        self.order = quiz.choice_orders(me.id, get_catalog().topics[slug])
        self.slug, self.chosen, self.error = slug, [], ""
        self.best = -1 if best is None else best

    @checked
    async def check(self, slug: str, form_data: dict):
        async with learner(self) as me:
            try:
                self.chosen = quiz.submit(
                    session=me.session, learner_id=me.id, slug=slug, answers=form_data
                )
                self.best = quiz.best_score(session=me.session, learner_id=me.id, slug=slug)
            except InvalidRequest as error:
                self.error = str(error)
                return
        self.error = ""

    @checked
    def retry(self):
        self.chosen = []

    @rx.var
    def score(self) -> int:
        doc = get_catalog().topics.get(self.slug)
        if not doc or not self.chosen:
            return 0
        return sum(doc.meta.questions[i].choices[c].correct for i, c in enumerate(self.chosen))


def _feedback(doc: TopicDoc, index: int) -> rx.Component:
    """After checking: the explanation of the chosen answer, marked right or wrong."""
    question = doc.meta.questions[index]
    cases = [
        (
            choice_index,
            rx.callout(
                ("Right. " if choice.correct else "Not quite. ") + choice.explanation,
                icon="circle-check" if choice.correct else "circle-x",
                color_scheme="green" if choice.correct else "red",
                size="1",
            ),
        )
        for choice_index, choice in enumerate(question.choices)
    ]
    return rx.cond(
        QuizState.chosen.length() > index,
        rx.match(QuizState.chosen[index], *cases, rx.fragment()),
    )


def _question(doc: TopicDoc, index: int) -> rx.Component:
    question = doc.meta.questions[index]
    legend_id = f"q{index}-prompt"
    texts = rx.Var.create([choice.text for choice in question.choices])
    # The learner's own order arrives with the page's data; until then nothing is
    # shown, so the file order (which may put the answer first) never flashes by.
    shown = rx.cond(
        QuizState.order.length() > index,
        rx.foreach(
            QuizState.order[index].to(list[int]),
            lambda file_index: rx.el.label(
                rx.radio_group.item(value=file_index.to_string()),
                rx.text(texts[file_index], size="2"),
                class_name="quiz-choice",
            ),
        ),
        rx.text("Loading the choices…", size="2", color_scheme="gray"),
    )
    return rx.el.fieldset(
        rx.el.legend(f"{index + 1}. {question.prompt}", id=legend_id, class_name="quiz-prompt"),
        rx.radio_group.root(
            rx.vstack(shown, spacing="2"),
            name=str(index),
            required=True,
            aria_labelledby=legend_id,
            disabled=QuizState.chosen.length() > 0,
        ),
        _feedback(doc, index),
        class_name="quiz-question",
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
                        rx.cond(
                            QuizState.error != "",
                            rx.callout(QuizState.error, color_scheme="red", role="alert", size="1"),
                        ),
                        rx.cond(
                            QuizState.chosen.length() > 0,
                            rx.hstack(
                                rx.text(
                                    "You scored ",
                                    QuizState.score.to_string(),
                                    f" of {total}.",
                                    weight="bold",
                                    role="status",
                                ),
                                rx.button(
                                    "Try again",
                                    type="button",
                                    on_click=QuizState.retry,
                                    variant="soft",
                                ),
                                rx.link("Review queue", href=routes.REVIEW, size="2"),
                                align="center",
                                wrap="wrap",
                            ),
                            rx.button("Check answers", type="submit"),
                        ),
                        spacing="4",
                        width="100%",
                    ),
                    on_submit=quiz_write(doc.slug, lambda form: QuizState.check(doc.slug, form)),
                    reset_on_submit=False,
                    key=QuizState.chosen.length().to_string(),
                ),
                spacing="3",
                width="100%",
            ),
            aria_label="Check yourself",
        ),
        width="100%",
    )
