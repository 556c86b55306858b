"""Self-checks: scoring a topic's questions, best scores and the spaced review queue."""

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, tzinfo

from sqlmodel import Session, func, select

from stack_explorer.catalog import TopicDoc, get_catalog
from stack_explorer.models import QuestionReview, QuizAttempt, Topic, as_utc, utcnow
from stack_explorer.services import review_schedule
from stack_explorer.services.progress import InvalidRequest, active_topic


def question_key(prompt: str) -> str:
    return hashlib.sha256(prompt.encode()).hexdigest()[:16]


def choice_order(learner_id: int, prompt: str, count: int) -> list[int]:
    """The order in which a learner sees a question's choices, as file indexes.

    Content files may list the right answer anywhere (often first), so every
    learner gets a shuffle of their own. It is seeded by learner and question,
    so reloads and the review queue show the same order. Answers are always
    stored as file indexes, so scoring never depends on the order shown.
    """
    order = list(range(count))
    seed = hashlib.sha256(f"{learner_id}:{question_key(prompt)}".encode()).digest()
    random.Random(seed).shuffle(order)
    return order


def choice_orders(learner_id: int, doc: TopicDoc) -> list[list[int]]:
    return [choice_order(learner_id, q.prompt, len(q.choices)) for q in doc.meta.questions]


def _doc(slug: object) -> TopicDoc:
    doc = get_catalog().topics.get(slug) if isinstance(slug, str) else None
    if doc is None:
        raise InvalidRequest(f"Unknown topic: {slug!r}")
    return doc


def _choice(doc: TopicDoc, index: int, answer: object) -> int:
    """Validate one answer: a choice index (or its string form) for question `index`."""
    choices = doc.meta.questions[index].choices
    if isinstance(answer, str) and answer.isdigit():
        answer = int(answer)
    if not isinstance(answer, int) or isinstance(answer, bool) or not 0 <= answer < len(choices):
        raise InvalidRequest(f"Question {index + 1}: choose one of the answers.")
    return answer


class Unanswered(InvalidRequest):
    """A self-check sent with questions left open: nothing is recorded."""

    def __init__(self, numbers: list[int]):
        self.numbers = numbers  # 1-based, as the learner sees them
        super().__init__(f"Answer {_questions_phrase(numbers)} first.")


def _questions_phrase(numbers: list[int]) -> str:
    """ "question 2", "questions 2 and 4", "questions 1, 2 and 4"."""
    if len(numbers) == 1:
        return f"question {numbers[0]}"
    listed = ", ".join(map(str, numbers[:-1]))
    return f"questions {listed} and {numbers[-1]}"


def count_phrase(count: int) -> str:
    return f"{count} question" if count == 1 else f"{count} questions"


def _schedule(session: Session, learner_id: int, topic_id: int, key: str, correct: bool) -> None:
    """A wrong answer enters (or resets) the review queue; a right one counts as a
    review only when the question is due (review_schedule.py decides when next)."""
    row = session.exec(
        select(QuestionReview).where(
            QuestionReview.learner_id == learner_id,
            QuestionReview.topic_id == topic_id,
            QuestionReview.question_key == key,
        )
    ).first()
    now = utcnow()
    if row is None and not correct:
        row = QuestionReview(learner_id=learner_id, topic_id=topic_id, question_key=key, due_at=now)
    if row is not None and (not correct or as_utc(row.due_at) <= now):
        review_schedule.review(row, correct, now)
        session.add(row)


def submit(*, session: Session, learner_id: int, slug: str, answers: object) -> list[int]:
    """Score a full self-check: `answers` maps question number (as text) to choice index.

    Returns the chosen indexes. Wrong answers enter the review queue.
    """
    doc = _doc(slug)
    count = len(doc.meta.questions)
    numbers = {str(i) for i in range(count)}
    if not isinstance(answers, dict) or not set(answers) <= numbers:
        raise InvalidRequest("Those answers do not match this self-check.")
    given = {int(key): _choice(doc, int(key), answer) for key, answer in answers.items()}
    if missing := [i + 1 for i in range(count) if i not in given]:
        raise Unanswered(missing)
    chosen = [given[i] for i in range(count)]
    topic = active_topic(session, slug)
    score = 0
    for index, choice in enumerate(chosen):
        question = doc.meta.questions[index]
        correct = question.choices[choice].correct
        score += correct
        _schedule(session, learner_id, topic.id, question_key(question.prompt), correct)
    session.add(
        QuizAttempt(
            learner_id=learner_id,
            topic_id=topic.id,
            score=score,
            total=count,
            answers=",".join(map(str, chosen)),
        )
    )
    session.commit()
    return chosen


def best_score(*, session: Session, learner_id: int, slug: str) -> int | None:
    topic = active_topic(session, slug)
    return session.exec(
        select(func.max(QuizAttempt.score)).where(
            QuizAttempt.learner_id == learner_id, QuizAttempt.topic_id == topic.id
        )
    ).first()


def last_answers(*, session: Session, learner_id: int, slug: str) -> list[int] | None:
    """The choices of the learner's latest attempt, while they still fit the questions
    (an edited self-check starts afresh)."""
    doc, topic = _doc(slug), active_topic(session, slug)
    stored = session.exec(
        select(QuizAttempt.answers)
        .where(QuizAttempt.learner_id == learner_id, QuizAttempt.topic_id == topic.id)
        .order_by(QuizAttempt.id.desc())
        .limit(1)
    ).first()
    answers = (stored or "").split(",")
    if len(answers) != len(doc.meta.questions):
        return None
    try:
        return [_choice(doc, index, answer) for index, answer in enumerate(answers)]
    except InvalidRequest:
        return None


def _question_index(doc: TopicDoc | None, key: str) -> int | None:
    """Where a stored question key sits in the topic today (None once it was removed)."""
    for index, question in enumerate(doc.meta.questions if doc else []):
        if question_key(question.prompt) == key:
            return index
    return None


def due_count(*, session: Session, learner_id: int) -> int:
    """Questions due now that still exist (a removed question is never due)."""
    rows = session.exec(
        select(Topic.slug, QuestionReview.question_key)
        .join(Topic, Topic.id == QuestionReview.topic_id)
        .where(
            QuestionReview.learner_id == learner_id, QuestionReview.due_at <= utcnow(), Topic.active
        )
    ).all()
    topics = get_catalog().topics
    return sum(_question_index(topics.get(slug), key) is not None for slug, key in rows)


def due_reviews(*, session: Session, learner_id: int, limit: int = 50) -> list[dict]:
    """Questions due now: topic slug and title, question number, prompt and choices."""
    rows = session.exec(
        select(Topic.slug, QuestionReview.question_key)
        .join(Topic, Topic.id == QuestionReview.topic_id)
        .where(
            QuestionReview.learner_id == learner_id, QuestionReview.due_at <= utcnow(), Topic.active
        )
        .order_by(QuestionReview.due_at)
        .limit(limit)
    ).all()
    due = []
    for slug, key in rows:
        doc = get_catalog().topics.get(slug)
        index = _question_index(doc, key)
        if index is None:
            continue
        question = doc.meta.questions[index]
        order = choice_order(learner_id, question.prompt, len(question.choices))
        due.append(
            {
                "slug": slug,
                "title": doc.title,
                "index": index,
                "prompt": question.prompt,
                "choices": [{"index": str(i), "text": question.choices[i].text} for i in order],
            }
        )
    return due


def _when(days: int) -> str:
    if days <= 0:
        return "later today"
    return "tomorrow" if days == 1 else f"in {days} days"


def next_due(*, session: Session, learner_id: int, zone: tzinfo = UTC) -> str:
    """When the review queue fills again, e.g. "2 questions due tomorrow"; "" if never.

    Days are counted on the learner's calendar (`zone`), so a question missed late
    in the evening is due "tomorrow", not "in 1 day" at some hour.
    """
    now = utcnow()
    rows = session.exec(
        select(Topic.slug, QuestionReview.question_key, QuestionReview.due_at)
        .join(Topic, Topic.id == QuestionReview.topic_id)
        .where(QuestionReview.learner_id == learner_id, QuestionReview.due_at > now, Topic.active)
    ).all()
    days = [
        as_utc(due_at).astimezone(zone).date()
        for slug, key, due_at in rows
        if _question_index(get_catalog().topics.get(slug), key) is not None
    ]
    if not days:
        return ""
    first = min(days)
    count = days.count(first)
    return f"{count_phrase(count)} due {_when((first - now.astimezone(zone).date()).days)}"


@dataclass(frozen=True)
class Answered:
    """What the review page says about an answered question."""

    correct: bool
    right_answer: str
    explanation: str  # why the chosen answer is right or wrong
    back: str  # when it comes back, e.g. "tomorrow" or "in 6 days"


def answer_review(
    *,
    session: Session,
    learner_id: int,
    slug: str,
    index: object,
    answer: object,
    zone: tzinfo = UTC,
) -> Answered:
    """Answer one due review question: reschedule it and say what was right."""
    doc = _doc(slug)
    if (
        not isinstance(index, int)
        or isinstance(index, bool)
        or not 0 <= index < len(doc.meta.questions)
    ):
        raise InvalidRequest("Unknown question.")
    question = doc.meta.questions[index]
    chosen = question.choices[_choice(doc, index, answer)]
    topic = active_topic(session, slug)
    key = question_key(question.prompt)
    _schedule(session, learner_id, topic.id, key, chosen.correct)
    session.commit()
    due = session.exec(
        select(QuestionReview.due_at).where(
            QuestionReview.learner_id == learner_id,
            QuestionReview.topic_id == topic.id,
            QuestionReview.question_key == key,
        )
    ).one()
    days = (as_utc(due).astimezone(zone).date() - utcnow().astimezone(zone).date()).days
    right = next(choice for choice in question.choices if choice.correct)
    return Answered(chosen.correct, right.text, chosen.explanation, _when(days))
