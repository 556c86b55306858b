"""Paths, comparisons, stack notes, self-checks and the review queue."""

from datetime import timedelta

import pytest
import yaml
from sqlmodel import select

from stack_explorer.catalog import get_catalog
from stack_explorer.models import QuestionReview, QuizAttempt, utcnow
from stack_explorer.services import learners, paths, quiz
from stack_explorer.services.errors import InvalidRequest
from tests.unit.test_loader import problems_of


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_shipped_guided_content():
    catalog = get_catalog()
    assert len(catalog.paths) >= 5
    assert {
        "python-web-frameworks",
        "sql-and-document-databases",
        "cloud-platforms",
        "frontend-frameworks",
    } <= set(catalog.comparisons)
    assert catalog.stacks and set(catalog.stacks.options) == {
        layer.slug for layer in catalog.layers
    }
    assert all(len(doc.meta.questions) >= 3 for doc in catalog.topics.values())


def test_path_with_prerequisite_after_its_topic_is_refused(content_dir):
    path = content_dir / "paths" / "fastapi-react.yaml"
    edit_yaml(path, lambda d: d.update(topics=["fastapi", "python", "http", "type-hints"]))
    assert any(
        p[0] == str(path) and p[1] == "topics" and "must come before" in p[2]
        for p in problems_of(content_dir)
    )


def test_path_with_unknown_topic_is_refused(content_dir):
    path = content_dir / "paths" / "ship-it.yaml"
    edit_yaml(path, lambda d: d["topics"].append("cobol"))
    assert (str(path), "topics", "unknown topic 'cobol'") in problems_of(content_dir)


def test_comparison_needs_a_value_per_topic(content_dir):
    path = content_dir / "comparisons" / "cloud-platforms.yaml"
    edit_yaml(path, lambda d: d["criteria"][0]["values"].pop("heroku"))
    assert (str(path), "criteria.0.values", "needs exactly one value per topic") in problems_of(
        content_dir
    )


def test_comparison_missing_field_is_named(content_dir):
    path = content_dir / "comparisons" / "cloud-platforms.yaml"
    edit_yaml(path, lambda d: d.pop("choose"))
    assert any(p[0] == str(path) and p[1] == "choose" for p in problems_of(content_dir))


def test_pairing_within_one_layer_is_refused(content_dir):
    path = content_dir / "stacks.yaml"
    edit_yaml(
        path,
        lambda d: d["pairings"].append(
            {
                "parts": ["django", "flask"],
                "fit": "unusual",
                "note": "Two backends.",
                "glue": "none",
            }
        ),
    )
    assert any(p[0] == str(path) and "different layers" in p[2] for p in problems_of(content_dir))


def test_path_lacking_a_prerequisite_is_refused(content_dir):
    path = content_dir / "paths" / "fastapi-react.yaml"
    edit_yaml(path, lambda d: d["topics"].remove("http"))
    assert any(
        p[:2] == (str(path), "topics") and "needs 'http' first, but the path lacks it" in p[2]
        for p in problems_of(content_dir)
    )


@pytest.fixture()
def learner_id(session) -> int:
    return learners.create_learner(session=session)[0].id


def right_and_wrong(slug):
    questions = get_catalog().topics[slug].meta.questions
    right = {
        str(i): next(j for j, c in enumerate(q.choices) if c.correct)
        for i, q in enumerate(questions)
    }
    wrong = {
        str(i): next(j for j, c in enumerate(q.choices) if not c.correct)
        for i, q in enumerate(questions)
    }
    return right, wrong


def test_self_check_scores_keeps_the_best_and_queues_mistakes(session, learner_id):
    right, wrong = right_and_wrong("git")
    assert quiz.best_score(session=session, learner_id=learner_id, slug="git") is None
    quiz.submit(
        session=session, learner_id=learner_id, slug="git", answers={**right, "0": wrong["0"]}
    )
    quiz.submit(session=session, learner_id=learner_id, slug="git", answers=wrong)
    assert quiz.best_score(session=session, learner_id=learner_id, slug="git") == len(right) - 1
    attempts = session.exec(select(QuizAttempt)).all()
    assert [a.answers for a in attempts] == [
        ",".join(str({**right, "0": wrong["0"]}[str(i)]) for i in range(len(right))),
        ",".join(str(wrong[str(i)]) for i in range(len(right))),
    ]
    assert quiz.due_reviews(session=session, learner_id=learner_id) == []  # due in a day
    reviews = session.exec(select(QuestionReview)).all()
    assert len(reviews) == len(right)
    assert all(timedelta(hours=23) < r.due_at - utcnow() <= timedelta(days=1) for r in reviews)


def _age_reviews(session):
    for row in session.exec(select(QuestionReview)).all():
        row.due_at = utcnow() - timedelta(seconds=1)
        session.add(row)
    session.commit()


def _due_in_days(session) -> float:
    return (session.exec(select(QuestionReview)).one().due_at - utcnow()).total_seconds() / 86400


def test_review_intervals_grow_with_each_right_answer_and_reset_on_a_miss(session, learner_id):
    right, wrong = right_and_wrong("docker")
    quiz.submit(
        session=session, learner_id=learner_id, slug="docker", answers={**right, "1": wrong["1"]}
    )
    assert 0.99 < _due_in_days(session) <= 1  # missed: back tomorrow
    intervals = []
    for _ in range(3):
        _age_reviews(session)  # the day it is due comes
        (item,) = quiz.due_reviews(session=session, learner_id=learner_id)
        assert item["slug"] == "docker" and item["index"] == 1
        answered = quiz.answer_review(
            session=session, learner_id=learner_id, slug="docker", index=1, answer=right["1"]
        )
        assert answered.correct and answered.back.startswith("in ")
        intervals.append(_due_in_days(session))
    assert 1 < intervals[0] < intervals[1] < intervals[2]  # spaced further each time
    _age_reviews(session)
    missed = quiz.answer_review(
        session=session, learner_id=learner_id, slug="docker", index=1, answer=wrong["1"]
    )
    assert not missed.correct and missed.back in ("tomorrow", "in 2 days")
    assert missed.right_answer == next(
        c.text for c in get_catalog().topics["docker"].meta.questions[1].choices if c.correct
    )
    assert _due_in_days(session) < intervals[-1]  # a lapse: back sooner than it was


def test_a_right_answer_before_it_is_due_changes_nothing(session, learner_id):
    right, wrong = right_and_wrong("docker")
    quiz.submit(
        session=session, learner_id=learner_id, slug="docker", answers={**right, "1": wrong["1"]}
    )
    before = session.exec(select(QuestionReview)).one().due_at
    quiz.submit(session=session, learner_id=learner_id, slug="docker", answers=right)
    session.expire_all()
    assert session.exec(select(QuestionReview)).one().due_at == before


@pytest.mark.parametrize(
    "answers",
    [
        None,
        "0,1,2",
        {"0": 0},
        {"0": 0, "1": 0, "2": 99},
        {"0": -1, "1": 0, "2": 0},
        {"0": True, "1": 0, "2": 0},
        {str(i): 0 for i in range(len(get_catalog().topics["git"].meta.questions) + 1)},
    ],
)
def test_bad_answers_are_refused(session, learner_id, answers):
    with pytest.raises(InvalidRequest):
        quiz.submit(session=session, learner_id=learner_id, slug="git", answers=answers)


def test_unknown_topic_in_quiz_is_refused(session, learner_id):
    with pytest.raises(InvalidRequest, match="Unknown topic"):
        quiz.submit(session=session, learner_id=learner_id, slug="cobol", answers={})


def test_next_up_follows_the_path_then_the_map():
    path = get_catalog().paths["fastapi-react"]
    assert paths.next_up({}, "fastapi-react") == path.topics[0]
    done = {slug: "done" for slug in path.topics}
    assert paths.next_up(done, "fastapi-react") not in path.topics
    assert paths.next_up({}, "") == "html"


def test_next_up_says_why_it_was_chosen():
    catalog = get_catalog()
    path = catalog.paths["fastapi-react"]
    on_path = paths.next_up_reason(path.topics[0], "fastapi-react")
    assert f"on your path, {path.title}" in on_path
    html = paths.next_up_reason("html")
    assert html.startswith("The first Frontend topic") and "needs no other topic" in html
    flask = catalog.topics["flask"]
    builds_on = [catalog.topics[p].title for p in flask.meta.prerequisites]
    assert builds_on and all(title in paths.next_up_reason("flask") for title in builds_on)


def test_learning_topics_come_in_map_order():
    statuses = {"sql": "learning", "html": "learning", "git": "done", "flask": "learning"}
    order = [d.slug for layer in get_catalog().layers for d in get_catalog().topics_in(layer.slug)]
    assert paths.learning_now(statuses) == sorted(["sql", "html", "flask"], key=order.index)


def test_following_an_unknown_path_is_refused(session, learner_id):
    with pytest.raises(InvalidRequest, match="Unknown learning path"):
        paths.follow_path(session=session, learner_id=learner_id, path_slug="nope")
    paths.follow_path(session=session, learner_id=learner_id, path_slug="ship-it")
    assert paths.current_path(session=session, learner_id=learner_id) == "ship-it"


def test_choices_are_shuffled_per_learner_and_stable():
    from stack_explorer.catalog import get_catalog
    from stack_explorer.services.quiz import choice_orders

    docs = list(get_catalog().topics.values())
    first = [order for doc in docs for order in choice_orders(1, doc)]
    assert first == [order for doc in docs for order in choice_orders(1, doc)]  # stable
    assert first != [order for doc in docs for order in choice_orders(2, doc)]  # per learner
    assert all(sorted(order) == list(range(len(order))) for order in first)
    # "Always the first choice shown" no longer finds the right answer.
    right_first = sum(
        doc.meta.questions[q].choices[order[0]].correct
        for doc in docs
        for q, order in enumerate(choice_orders(7, doc))
    )
    total = sum(len(doc.meta.questions) for doc in docs)
    assert right_first < total / 2
