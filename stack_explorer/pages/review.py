"""`/review`: questions answered wrongly come back, spaced by FSRS; each answer is
explained, with the right answer and a link to the topic."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.choices import choice_row
from stack_explorer.components.layout import page
from stack_explorer.components.offline import pending_phase
from stack_explorer.components.offline.snapshots import offline_callout
from stack_explorer.components.sections import page_header
from stack_explorer.handlers import checked
from stack_explorer.learner.context import learner
from stack_explorer.learner.progress import LearnerProgress, show_due_reviews
from stack_explorer.services import quiz
from stack_explorer.services.errors import InvalidRequest

# The learner's time zone name, read in the browser: "due tomorrow" is their tomorrow.
_BROWSER_ZONE = "Intl.DateTimeFormat().resolvedOptions().timeZone"


class ReviewState(rx.State):
    due: list[dict] = []
    result: str = ""  # "" or a problem with the last answer
    # The question just answered: right, prompt, right answer, explanation, when it
    # comes back, and its topic (slug, title).
    answered: dict[str, str] = {}
    upcoming: str = ""  # when questions come back, e.g. "2 questions due tomorrow"
    loaded: bool = False  # until then nothing is said to be due or not
    _zone: str = "UTC"

    @checked
    async def load(self):
        async with learner(self) as me:
            self.due = quiz.due_reviews(session=me.session, learner_id=me.id)
            self.upcoming = quiz.next_due(
                session=me.session, learner_id=me.id, zone=ZoneInfo(self._zone)
            )
            due_now = quiz.due_count(session=me.session, learner_id=me.id)
        show_due_reviews(await self.get_state(LearnerProgress), due_now)
        self.result, self.answered, self.loaded = "", {}, True
        return rx.call_script(_BROWSER_ZONE, callback=ReviewState.set_zone)

    @checked
    async def set_zone(self, zone: str):
        try:
            if len(zone) > 64:  # the longest IANA name is about 30 characters
                raise ValueError(zone)
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            return rx.toast.error("Unknown time zone; dates are shown in UTC.")
        self._zone = zone
        async with learner(self) as me:
            self.upcoming = quiz.next_due(session=me.session, learner_id=me.id, zone=tz)

    @checked
    async def answer(self, form_data: dict):
        if not self.due:
            return
        item = self.due[0]
        async with learner(self) as me:
            try:
                answered = quiz.answer_review(
                    session=me.session,
                    learner_id=me.id,
                    slug=item["slug"],
                    index=item["index"],
                    answer=form_data.get("answer"),
                    zone=ZoneInfo(self._zone),
                )
            except InvalidRequest:
                self.result = "Choose one of the answers."
                return
            self.due = quiz.due_reviews(session=me.session, learner_id=me.id)
            self.upcoming = quiz.next_due(
                session=me.session, learner_id=me.id, zone=ZoneInfo(self._zone)
            )
            due_now = quiz.due_count(session=me.session, learner_id=me.id)
        show_due_reviews(await self.get_state(LearnerProgress), due_now)
        self.result = ""
        self.answered = {
            "verdict": "Right." if answered.correct else "Not quite.",
            "prompt": item["prompt"],
            "right_answer": answered.right_answer,
            "explanation": answered.explanation,
            "back": f"It comes back {answered.back}.",
            "slug": item["slug"],
            "title": item["title"],
        }


def _feedback() -> rx.Component:
    """The question just answered, explained as on its topic page."""
    answered = ReviewState.answered
    return rx.card(
        rx.vstack(
            rx.text(answered["verdict"], " ", answered["back"], weight="bold"),
            rx.text(answered["prompt"], size="2", color_scheme="gray"),
            rx.text("The answer: ", rx.el.strong(answered["right_answer"]), size="2"),
            rx.text(answered["explanation"], size="2"),
            rx.link(
                "Read ",
                answered["title"],
                " again",
                href=rx.Var.create("/topics/") + answered["slug"],
                size="2",
            ),
            spacing="2",
            width="100%",
        ),
        role="status",
        id="review-feedback",
        width="100%",
    )


def _current() -> rx.Component:
    item = ReviewState.due[0]
    return rx.card(
        rx.form(
            rx.vstack(
                rx.text(
                    "From ",
                    rx.link(item["title"].to(str), href=routes.topic(item["slug"].to(str))),
                    size="2",
                    color_scheme="gray",
                ),
                rx.el.fieldset(
                    rx.el.legend(
                        item["prompt"].to(str), id="review-prompt", class_name="quiz-prompt"
                    ),
                    rx.vstack(
                        rx.foreach(
                            item["choices"].to(list[dict[str, str]]),
                            lambda choice: choice_row(
                                name="answer", value=choice["index"], text=choice["text"]
                            ),
                        ),
                        spacing="2",
                    ),
                    custom_attrs={"role": "radiogroup"},
                    aria_labelledby="review-prompt",
                    class_name="quiz-question",
                ),
                rx.button("Answer", type="submit"),
                spacing="3",
                width="100%",
            ),
            on_submit=ReviewState.answer,
            key=ReviewState.due.length().to_string(),
        ),
        width="100%",
    )


def review() -> rx.Component:
    return page(
        rx.vstack(
            page_header("Review"),
            rx.text(
                "Questions you answered wrongly come back the next day, then further apart "
                "each time you get them right.",
                color_scheme="gray",
            ),
            rx.cond(
                ReviewState.result != "",
                rx.callout(ReviewState.result, role="status", width="100%"),
            ),
            rx.cond(ReviewState.answered.length() > 0, _feedback()),
            rx.cond(
                ReviewState.due.length() > 0,
                rx.vstack(
                    rx.text(
                        rx.cond(
                            ReviewState.due.length() == 1,
                            "1 question due now.",
                            ReviewState.due.length().to_string() + " questions due now.",
                        ),
                        weight="bold",
                    ),
                    _current(),
                    width="100%",
                ),
                rx.cond(ReviewState.loaded, _nothing_due(), _not_loaded()),
            ),
            spacing="4",
            max_width="40rem",
            width="100%",
        )
    )


def _not_loaded() -> rx.Component:
    return rx.cond(
        pending_phase() == "offline",
        offline_callout(
            "You are offline: your review questions come from the server, so they show "
            "when you are back online.",
            "review-offline",
        ),
        rx.text("Loading your review…", color_scheme="gray"),
    )


def _nothing_due() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.cond(
                ReviewState.upcoming != "",
                rx.fragment(
                    rx.text(ReviewState.upcoming, ".", weight="bold"),
                    rx.text(
                        "Nothing is due right now. Missed questions come back here on their day."
                    ),
                ),
                rx.text(
                    "Nothing is due. Take a topic's self-check; anything you miss returns here."
                ),
            ),
            rx.link("Go to the map", href=routes.HOME),
            spacing="2",
        ),
        width="100%",
    )


PAGES = [
    routes.Page(
        routes.REVIEW,
        "Review | Stack Explorer",
        "Self-check questions you missed, back when they are worth recalling.",
        review,
        on_load=ReviewState.load,
    )
]
