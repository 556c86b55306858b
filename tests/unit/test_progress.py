"""The progress and learner services, against a real SQLite database."""

import pytest

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.learner.progress import completed_by_layer
from stack_explorer.models import Learner, ProgressEvent
from stack_explorer.services import learners, progress


@pytest.fixture()
def learner_id(session) -> int:
    learner, _ = learners.create_learner(session=session)
    return learner.id


def test_token_is_random_and_only_its_hash_is_stored(session):
    first, token = learners.create_learner(session=session)
    _, other = learners.create_learner(session=session)
    assert token != other and len(token) >= 40
    assert first.token_hash == learners.hash_token(token) and token not in first.token_hash
    assert learners.find_learner(session=session, token=token).id == first.id
    assert learners.find_learner(session=session, token=token + "x") is None


def test_forged_tokens_find_nobody_and_new_tokens_find_their_learner(session):
    assert learners.find_learner(session=session, token="forged-" * 5) is None
    learner_id, token = learners.create_learner_token(session=session)
    assert learners.find_learner(session=session, token=token).id == learner_id


def test_set_status_saves_and_logs(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="django", status=st.LEARNING)
    progress.set_status(session=session, learner_id=learner_id, slug="django", status=st.DONE)
    progress.set_status(session=session, learner_id=learner_id, slug="django", status=st.DONE)
    assert progress.statuses(session=session, learner_id=learner_id) == {"django": st.DONE}
    assert len(session.exec(ProgressEvent.__table__.select()).all()) == 2


@pytest.mark.parametrize("status", ["finished", "", None, 3, ["done"], {"s": "done"}])
def test_bad_status_is_refused(session, learner_id, status):
    with pytest.raises(progress.InvalidRequest, match="Unknown status"):
        progress.set_status(session=session, learner_id=learner_id, slug="django", status=status)


@pytest.mark.parametrize("slug", ["cobol", "", None, 7, "../django"])
def test_unknown_topic_is_refused(session, learner_id, slug):
    with pytest.raises(progress.InvalidRequest, match="Unknown topic"):
        progress.set_status(session=session, learner_id=learner_id, slug=slug, status=st.DONE)


def test_completed_counts_done_and_skipped_per_layer(session, learner_id):
    for slug, status in [("django", st.DONE), ("flask", st.SKIPPED), ("git", st.LEARNING)]:
        progress.set_status(session=session, learner_id=learner_id, slug=slug, status=status)
    assert completed_by_layer(progress.statuses(session=session, learner_id=learner_id)) == {
        "backend": 2
    }


def test_layer_done_and_reset(session, learner_id):
    total = get_catalog().layer_totals()["database"]
    changed = progress.set_layer_status(
        session=session, learner_id=learner_id, layer_slug="database", status=st.DONE
    )
    assert changed == total
    assert completed_by_layer(progress.statuses(session=session, learner_id=learner_id)) == {
        "database": total
    }
    progress.set_layer_status(
        session=session, learner_id=learner_id, layer_slug="database", status=st.NOT_STARTED
    )
    assert completed_by_layer(progress.statuses(session=session, learner_id=learner_id)) == {}


def test_unknown_layer_is_refused(session, learner_id):
    with pytest.raises(progress.InvalidRequest, match="Unknown layer"):
        progress.set_layer_status(
            session=session, learner_id=learner_id, layer_slug="middleware", status=st.DONE
        )


def test_learners_do_not_see_each_other(session, learner_id):
    other, _ = learners.create_learner(session=session)
    progress.set_status(session=session, learner_id=learner_id, slug="git", status=st.DONE)
    assert progress.statuses(session=session, learner_id=other.id) == {}
    assert session.get(Learner, other.id) is not None
