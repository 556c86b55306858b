"""Every table that refers to a learner is handled by merge and deletion, and both keep
the merge rule for data that only some tables have (self-checks, reviews, notes)."""

from datetime import timedelta

import pytest
from sqlmodel import SQLModel, select

from stack_explorer.models import (
    Learner,
    Note,
    QuestionReview,
    QuizAttempt,
    Topic,
    utcnow,
)
from stack_explorer.services import learners, merge, notes, quiz, transfer
from stack_explorer.services.notes import MAX_NOTE_CHARS


def tables_referring_to_learners() -> set[str]:
    return {
        table.name
        for table in SQLModel.metadata.tables.values()
        if any(fk.column.table.name == Learner.__tablename__ for fk in table.foreign_keys)
    }


def test_merge_and_deletion_know_every_table_that_refers_to_a_learner():
    handled = {model.__tablename__ for model in merge.MERGE_STEPS}
    assert tables_referring_to_learners() == handled


def test_a_new_learner_table_would_be_noticed():
    """The metadata walk really finds foreign keys (a table added here is caught)."""
    assert {"progress", "note", "quizattempt", "questionreview"} <= tables_referring_to_learners()


def _two_learners(session):
    source, _ = learners.create_learner(session=session)
    target, _ = learners.create_learner(session=session)
    return source.id, target.id


def test_merge_claims_self_checks_and_reviews(session):
    source, target = _two_learners(session)
    git = get_topic(session, "git")
    wrong = {str(i): wrong_choice(git_doc(), i) for i in range(len(git_doc().meta.questions))}
    quiz.submit(session=session, learner_id=source, slug="git", answers=wrong)
    merge.merge_learners(session=session, source_id=source, target_id=target)
    session.commit()
    assert session.get(Learner, source) is None
    assert session.exec(select(QuizAttempt).where(QuizAttempt.learner_id == target)).all()
    reviews = session.exec(select(QuestionReview).where(QuestionReview.topic_id == git.id)).all()
    assert reviews and {r.learner_id for r in reviews} == {target}


def test_a_review_due_on_either_side_stays_due_at_the_earlier_date(session):
    source, target = _two_learners(session)
    git = get_topic(session, "git")
    now = utcnow()
    for learner_id, due in ((source, now + timedelta(days=1)), (target, now + timedelta(days=7))):
        session.add(
            QuestionReview(
                learner_id=learner_id, topic_id=git.id, question_key="k", stage=0, due_at=due
            )
        )
    session.commit()
    merge.merge_learners(session=session, source_id=source, target_id=target)
    session.commit()
    (row,) = session.exec(select(QuestionReview)).all()
    assert row.learner_id == target and row.due_at < now + timedelta(days=2)


def test_a_merge_that_would_overflow_a_note_is_refused_whole(session):
    source, target = _two_learners(session)
    half = "x" * (MAX_NOTE_CHARS // 2 + 10)
    notes.save_note(session=session, learner_id=source, slug="git", body=half)
    notes.save_note(session=session, learner_id=target, slug="git", body=half.replace("x", "y"))
    with pytest.raises(merge.MergeError, match=r"Git would be .* over the 20,000 limit"):
        merge.merge_learners(session=session, source_id=source, target_id=target)
    session.rollback()
    assert session.get(Learner, source) is not None
    for learner_id in (source, target):
        assert len(notes.note_for(session=session, learner_id=learner_id, slug="git")) == len(half)


def test_import_that_would_overflow_a_note_changes_nothing_and_export_still_works(session):
    learner_id, _ = learners.create_learner_token(session=session)
    notes.save_note(session=session, learner_id=learner_id, slug="git", body="a" * 15_000)
    exported = transfer.export_learner(session=session, learner_id=learner_id)
    other, _ = learners.create_learner_token(session=session)
    notes.save_note(session=session, learner_id=other, slug="git", body="b" * 15_000)
    with pytest.raises(transfer.TransferError, match="over the 20,000 limit"):
        transfer.import_into(session=session, learner_id=other, data=exported.encode())
    assert notes.note_for(session=session, learner_id=other, slug="git") == "b" * 15_000
    # A note stored over the limit (as older versions could) still exports.
    row = session.exec(select(Note).where(Note.learner_id == other)).one()
    row.body = "c" * (MAX_NOTE_CHARS + 5)
    session.add(row)
    session.commit()
    assert "c" * MAX_NOTE_CHARS in transfer.export_learner(session=session, learner_id=other)


def test_deleting_a_learner_leaves_no_row_behind(session):
    source, target = _two_learners(session)
    notes.save_note(session=session, learner_id=source, slug="git", body="mine")
    quiz.submit(
        session=session,
        learner_id=source,
        slug="git",
        answers={str(i): 0 for i in range(len(git_doc().meta.questions))},
    )
    merge.delete_learner(session=session, learner_id=source)
    session.commit()
    for name in tables_referring_to_learners():
        table = SQLModel.metadata.tables[name]
        assert not session.exec(select(table).where(table.c.learner_id == source)).all(), name
    assert session.get(Learner, target) is not None


def get_topic(session, slug: str) -> Topic:
    return session.exec(select(Topic).where(Topic.slug == slug)).one()


def git_doc():
    from stack_explorer.catalog import get_catalog

    return get_catalog().topics["git"]


def wrong_choice(doc, index: int) -> int:
    return next(i for i, c in enumerate(doc.meta.questions[index].choices) if not c.correct)
