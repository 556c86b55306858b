"""When a missed self-check question comes back: the FSRS algorithm (the maintained
`fsrs` package), one memory card per learner and question.

A wrong answer (in a self-check or in review) rates the card "Again"; a right answer
to a question that is due rates it "Good", and the next interval grows with what
FSRS estimates the learner remembers. There are no same-day learning steps: a missed
question comes back on a later day, when recalling it is worth something.
"""

from datetime import datetime

from fsrs import Card, Rating, Scheduler

from stack_explorer.models import QuestionReview, as_utc

SCHEDULER = Scheduler(
    learning_steps=(),
    relearning_steps=(),
    maximum_interval=365,
    enable_fuzzing=False,  # the same answers give the same dates (and testable ones)
)


def _card(row: QuestionReview) -> Card:
    """The row's card. The row's due date is the truth: when it was moved (an old row
    from before cards, or a support fix), the card's dates move with it."""
    due = as_utc(row.due_at)
    if not row.card:
        card = Card()
        card.due = due
        return card
    card = Card.from_json(row.card)
    shift = due - card.due
    card.due = due
    if card.last_review is not None:
        card.last_review += shift
    return card


def review(row: QuestionReview, correct: bool, now: datetime) -> None:
    """Rate the row's card and set when the question is due again."""
    card, _log = SCHEDULER.review_card(
        _card(row), Rating.Good if correct else Rating.Again, review_datetime=now
    )
    row.card, row.due_at = card.to_json(), card.due
    row.stage = row.stage + 1 if correct else 0  # right answers in a row
