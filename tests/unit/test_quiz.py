"""Self-check grading messages and when the review queue fills again."""

from datetime import UTC, datetime, time, timedelta, timezone

import pytest
from sqlmodel import select

from stack_explorer.catalog import get_catalog
from stack_explorer.models import QuestionReview, QuizAttempt, utcnow
from stack_explorer.services import learners, quiz
from stack_explorer.services.errors import InvalidRequest
from tests.unit.test_guided import right_and_wrong

GIT = get_catalog().topics["git"].meta.questions


@pytest.fixture()
def learner_id(session) -> int:
    return learners.create_learner(session=session)[0].id


@pytest.mark.parametrize(
    ("left_open", "message"),
    [
        ({"1"}, "Answer question 2 first."),
        ({"1", "2"}, "Answer questions 2 and 3 first."),
        ({"0", "1", "2"}, "Answer questions 1, 2 and 3 first."),
    ],
)
def test_unanswered_questions_are_named_and_nothing_is_recorded(
    session, learner_id, left_open, message
):
    assert len(GIT) >= 3
    right, _ = right_and_wrong("git")
    answers = {key: value for key, value in right.items() if key not in left_open}
    with pytest.raises(quiz.Unanswered) as refused:
        quiz.submit(session=session, learner_id=learner_id, slug="git", answers=answers)
    assert str(refused.value) == message
    assert refused.value.numbers == sorted(int(key) + 1 for key in left_open)
    assert session.exec(select(QuizAttempt)).all() == []
    assert session.exec(select(QuestionReview)).all() == []


@pytest.mark.parametrize(
    "answers",
    [{"7": 0}, {"0": 0, "x": 1}, {"0": "9"}, {"0": [0]}],
)
def test_a_question_or_choice_that_does_not_exist_is_not_a_missing_answer(
    session, learner_id, answers
):
    with pytest.raises(InvalidRequest) as refused:
        quiz.submit(session=session, learner_id=learner_id, slug="git", answers=answers)
    assert not isinstance(refused.value, quiz.Unanswered)


def test_the_last_attempt_is_kept_while_it_fits_the_questions(session, learner_id):
    assert quiz.last_answers(session=session, learner_id=learner_id, slug="git") is None
    right, wrong = right_and_wrong("git")
    quiz.submit(session=session, learner_id=learner_id, slug="git", answers=right)
    quiz.submit(session=session, learner_id=learner_id, slug="git", answers=wrong)
    last = quiz.last_answers(session=session, learner_id=learner_id, slug="git")
    assert last == [int(wrong[str(i)]) for i in range(len(GIT))]

    # The self-check was edited since: a question fewer, or a choice gone.
    attempt = session.exec(select(QuizAttempt).order_by(QuizAttempt.id.desc())).first()
    for stored in (attempt.answers.rsplit(",", 1)[0], "9," + attempt.answers.split(",", 1)[1]):
        attempt.answers = stored
        session.add(attempt)
        session.commit()
        assert quiz.last_answers(session=session, learner_id=learner_id, slug="git") is None


def _miss(session, learner_id, slug: str, *numbers: str) -> None:
    right, wrong = right_and_wrong(slug)
    answers = {**right, **{n: wrong[n] for n in numbers}}
    quiz.submit(session=session, learner_id=learner_id, slug=slug, answers=answers)


def _due_in(session, delta: timedelta) -> None:
    for row in session.exec(select(QuestionReview)).all():
        row.due_at = utcnow() + delta
        session.add(row)
    session.commit()


def test_next_due_counts_the_questions_of_the_next_day(session, learner_id):
    assert quiz.next_due(session=session, learner_id=learner_id) == ""
    _miss(session, learner_id, "git", "0", "1")
    assert quiz.next_due(session=session, learner_id=learner_id) == "2 questions due tomorrow"
    _due_in(session, timedelta(days=3))
    assert quiz.next_due(session=session, learner_id=learner_id) == "2 questions due in 3 days"
    _miss(session, learner_id, "docker", "0")  # a day sooner than the two from git
    assert quiz.next_due(session=session, learner_id=learner_id) == "1 question due tomorrow"


def _zone_where_it_is(clock: time) -> timezone:
    """A fixed-offset zone whose local time right now is about `clock`."""
    now = datetime.now(UTC)
    offset = timedelta(hours=clock.hour, minutes=clock.minute) - timedelta(
        hours=now.hour, minutes=now.minute
    )
    return timezone(offset)


def test_days_are_counted_on_the_learners_calendar(session, learner_id):
    _miss(session, learner_id, "git", "0")
    _due_in(session, timedelta(hours=2))
    early, late = _zone_where_it_is(time(1, 0)), _zone_where_it_is(time(23, 0))
    assert quiz.next_due(session=session, learner_id=learner_id, zone=early) == (
        "1 question due later today"
    )
    assert quiz.next_due(session=session, learner_id=learner_id, zone=late) == (
        "1 question due tomorrow"
    )


def test_questions_due_now_are_not_upcoming(session, learner_id):
    _miss(session, learner_id, "git", "0")
    _due_in(session, -timedelta(minutes=1))
    assert quiz.next_due(session=session, learner_id=learner_id) == ""
    assert len(quiz.due_reviews(session=session, learner_id=learner_id)) == 1
