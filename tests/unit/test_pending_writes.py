"""Writes kept offline and applied in a batch: the merge rule, and hostile batches."""

import time

import pytest
from sqlmodel import select

from stack_explorer import status as st
from stack_explorer.models import Note, Progress, ProgressEvent, QuizAttempt
from stack_explorer.services import learners, notes, pending_writes, progress
from stack_explorer.services.merge import NOTE_SEPARATOR
from tests.unit.test_guided import right_and_wrong


@pytest.fixture()
def learner_id(session) -> int:
    return learners.create_learner(session=session)[0].id


def now_ms() -> int:
    return int(time.time() * 1000)


def status(item_id: str, slug: str, value: str, base: str = st.NOT_STARTED, **extra) -> dict:
    item = {"id": item_id, "kind": "status", "slug": slug, "status": value, "base": base}
    return {**item, "at": now_ms(), **extra}


def note(item_id: str, slug: str, body: str, base: str = "") -> dict:
    return {"id": item_id, "kind": "note", "slug": slug, "body": body, "base": base, "at": now_ms()}


def apply(session, learner_id, *items):
    return pending_writes.apply_batch(session=session, learner_id=learner_id, items=list(items))


def statuses(session, learner_id):
    return progress.statuses(session=session, learner_id=learner_id)


def test_unchanged_topics_take_the_offline_change_as_a_click(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="flask", status=st.DONE)
    outcome = apply(
        session,
        learner_id,
        status("a1", "django", st.LEARNING),
        status("a2", "flask", st.LEARNING, base=st.DONE),  # lowering is fine: no conflict
        note("a3", "django", "Offline *note*"),
    )
    assert outcome.settled == ["a1", "a2", "a3"] and outcome.messages == []
    assert statuses(session, learner_id) == {"django": st.LEARNING, "flask": st.LEARNING}
    assert outcome.statuses_changed and outcome.notes == {"django": "Offline *note*"}
    assert len(session.exec(select(ProgressEvent)).all()) == 3  # logged like clicks


def test_a_status_changed_elsewhere_meanwhile_follows_the_merge_rule(session, learner_id):
    # Another device moved django to done and flask to learning while this one was offline.
    progress.set_status(session=session, learner_id=learner_id, slug="django", status=st.DONE)
    progress.set_status(session=session, learner_id=learner_id, slug="flask", status=st.LEARNING)
    outcome = apply(
        session,
        learner_id,
        status("b1", "django", st.LEARNING),  # less advanced than done: done stays
        status("b2", "flask", st.DONE),  # more advanced than learning: done wins
    )
    assert statuses(session, learner_id) == {"django": st.DONE, "flask": st.DONE}
    assert outcome.settled == ["b1", "b2"]
    assert outcome.messages == [
        "Django was changed elsewhere while you were offline; it stays Done."
    ]


def test_equal_rank_conflicts_go_to_the_later_change(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="git", status=st.SKIPPED)
    earlier = now_ms() - 3_600_000
    apply(session, learner_id, status("c1", "git", st.SKIPPED, base=st.LEARNING, at=earlier))
    assert statuses(session, learner_id) == {"git": st.SKIPPED}
    future = now_ms() + 10**12  # clamped to now: a client cannot win every tie forever
    outcome = apply(session, learner_id, status("c2", "git", st.DONE, base=st.LEARNING, at=future))
    assert statuses(session, learner_id) == {"git": st.DONE} and outcome.messages == []
    row = session.exec(select(Progress)).one()
    assert row.updated_at.year < 2100


def test_notes_edited_on_both_sides_are_joined_never_dropped(session, learner_id):
    notes.save_note(session=session, learner_id=learner_id, slug="git", body="Online version")
    outcome = apply(session, learner_id, note("d1", "git", "Offline version", base=""))
    saved = notes.note_for(session=session, learner_id=learner_id, slug="git")
    assert saved == "Online version" + NOTE_SEPARATOR + "Offline version"
    assert outcome.notes == {"git": saved}
    assert outcome.messages == [
        "Your note on Git was also edited elsewhere; both versions are kept."
    ]
    # Sent again (the answer was lost on the way back): nothing doubles.
    apply(session, learner_id, note("d1", "git", "Offline version", base=""))
    assert notes.note_for(session=session, learner_id=learner_id, slug="git") == saved


def test_a_join_over_the_note_limit_is_refused_with_a_message(session, learner_id):
    long = "x" * (notes.MAX_NOTE_CHARS - 10)
    notes.save_note(session=session, learner_id=learner_id, slug="git", body=long)
    outcome = apply(
        session,
        learner_id,
        note("e1", "git", "y" * 100, base="old"),
        status("e2", "git", st.DONE),
    )
    assert outcome.settled == ["e1", "e2"]
    assert outcome.messages[0].startswith("Not applied: your note on Git, written while offline.")
    assert notes.note_for(session=session, learner_id=learner_id, slug="git") == long
    assert statuses(session, learner_id) == {"git": st.DONE}  # the next item still applied


def test_offline_quiz_answers_are_scored_and_kept(session, learner_id):
    right, _ = right_and_wrong("git")
    answers = {k: str(v) for k, v in right.items()}
    item = {"id": "f1", "kind": "quiz", "slug": "git", "answers": answers, "at": now_ms()}
    outcome = apply(session, learner_id, item, {**item, "id": "f2", "answers": {"0": "0"}})
    assert outcome.settled == ["f1", "f2"]
    assert outcome.quizzes["git"] == ([right[str(i)] for i in range(len(right))], len(right))
    assert outcome.messages == [
        "Not applied: your answers to the Git self-check, given while offline. "
        "Answer questions 2, 3 and 4 first."
    ]
    assert len(session.exec(select(QuizAttempt)).all()) == 1


HOSTILE = [
    {"kind": "status", "slug": "git", "status": "done", "base": "not-started"},  # no id
    {"id": "<script>", "kind": "status", "slug": "git", "status": "done", "base": "done"},
    {"id": "h1", "kind": "status", "slug": "git", "status": "mastered", "base": "not-started"},
    {"id": "h2", "kind": "status", "slug": ["git"], "status": "done", "base": "not-started"},
    {"id": "h3", "kind": "status", "slug": "nope", "status": "done", "base": "not-started"},
    {"id": "h4", "kind": "delete-everything", "slug": "git"},
    {"id": "h5", "kind": "note", "slug": "git", "body": 12, "base": ""},
    {"id": "h6", "kind": "note", "slug": "git", "body": "x" * 20_001, "base": ""},
    {"id": "h7", "kind": "quiz", "slug": "git", "answers": "all right"},
    {"id": "h8", "kind": "status", "slug": "git", "status": "done", "base": "x", "at": "soon"},
    "not a dict",
    None,
]


def test_hostile_items_are_refused_one_by_one_and_change_nothing(session, learner_id):
    outcome = apply(session, learner_id, *HOSTILE, status("ok", "django", st.DONE))
    assert outcome.settled == ["h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "ok"]
    assert len(outcome.messages) == len(HOSTILE)
    assert all("Traceback" not in m and "<script>" not in m for m in outcome.messages)
    assert statuses(session, learner_id) == {"django": st.DONE}
    assert session.exec(select(Note)).all() == [] and session.exec(select(QuizAttempt)).all() == []


def test_a_batch_larger_than_the_limit_leaves_the_rest_for_later(session, learner_id):
    slugs = ["git", "github", "gitlab", "bitbucket", "docker", "aws", "azure", "gcp", "heroku"]
    items = [status(f"i{n}", slugs[n % len(slugs)], st.LEARNING) for n in range(50)]
    outcome = apply(session, learner_id, *items)
    assert outcome.settled == [f"i{n}" for n in range(pending_writes.MAX_BATCH)]
