"""Following a learning path, and stopping, which never touches progress."""

import pytest

from stack_explorer.services import learners, notes, paths, progress
from stack_explorer.services.errors import InvalidRequest


def test_stop_following_drops_only_the_choice_of_path(session):
    learner_id = learners.create_learner(session=session)[0].id
    assert paths.stop_following(session=session, learner_id=learner_id) == ""
    paths.follow_path(session=session, learner_id=learner_id, path_slug="fastapi-react")
    progress.set_status(session=session, learner_id=learner_id, slug="fastapi", status="done")
    notes.save_note(session=session, learner_id=learner_id, slug="fastapi", body="Depends()")

    assert paths.stop_following(session=session, learner_id=learner_id) == "fastapi-react"
    assert paths.current_path(session=session, learner_id=learner_id) == ""
    assert progress.statuses(session=session, learner_id=learner_id) == {"fastapi": "done"}
    assert notes.note_for(session=session, learner_id=learner_id, slug="fastapi") == "Depends()"
    assert paths.stop_following(session=session, learner_id=learner_id) == ""
    with pytest.raises(InvalidRequest, match="Unknown learning path"):
        paths.follow_path(session=session, learner_id=learner_id, path_slug="nope")
