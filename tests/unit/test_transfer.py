"""Export, import, notes and share links."""

import json

import pytest

from stack_explorer.services import learners, notes, progress, sharing, transfer
from stack_explorer.services.progress import InvalidRequest


@pytest.fixture()
def learner_id(session) -> int:
    return learners.create_learner(session=session)[0].id


def test_export_then_import_into_another_learner(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="django", status="done")
    notes.save_note(session=session, learner_id=learner_id, slug="django", body="# ORM\nmodels!")
    data = transfer.export_learner(session=session, learner_id=learner_id)
    document = json.loads(data)
    assert document["format"] == "stack-explorer-export" and document["version"] == 1
    other = learners.create_learner(session=session)[0].id
    progress.set_status(session=session, learner_id=other, slug="django", status="learning")
    assert transfer.import_into(session=session, learner_id=other, data=data.encode()) == (1, 1)
    assert progress.statuses(session=session, learner_id=other) == {"django": "done"}
    assert notes.note_for(session=session, learner_id=other, slug="django") == "# ORM\nmodels!"
    assert transfer.import_into(session=session, learner_id=other, data=data.encode()) == (0, 0)


HOSTILE = [
    (b"\xff\xfe not utf8", "not valid JSON"),
    (b"{", "not valid JSON"),
    (b"[1, 2]", "Not a Stack Explorer export"),
    (b'{"format": "other", "version": 1, "exported_at": "2026-01-01T00:00:00Z"}', "format"),
    (
        b'{"format": "stack-explorer-export", "version": 2, "exported_at": "2026-01-01T00:00:00Z"}',
        "version",
    ),
    (
        json.dumps(
            {
                "format": "stack-explorer-export",
                "version": 1,
                "exported_at": "2026-01-01T00:00:00Z",
                "progress": [
                    {"topic": "django", "status": "mastered", "updated_at": "2026-01-01T00:00:00Z"}
                ],
            }
        ).encode(),
        "status",
    ),
    (
        json.dumps(
            {
                "format": "stack-explorer-export",
                "version": 1,
                "exported_at": "2026-01-01T00:00:00Z",
                "progress": [
                    {
                        "topic": "django",
                        "status": "done",
                        "updated_at": "2026-01-01T00:00:00Z",
                        "learner_id": 1,
                    }
                ],
            }
        ).encode(),
        "learner_id",
    ),
    (
        json.dumps(
            {
                "format": "stack-explorer-export",
                "version": 1,
                "exported_at": "2026-01-01T00:00:00Z",
                "notes": [
                    {"topic": "django", "body": "x" * 20_001, "updated_at": "2026-01-01T00:00:00Z"}
                ],
            }
        ).encode(),
        "note on Django would be 20,001 characters",
    ),
    (
        json.dumps(
            {
                "format": "stack-explorer-export",
                "version": 1,
                "exported_at": "2026-01-01T00:00:00Z",
                "progress": [
                    {"topic": "cobol", "status": "done", "updated_at": "2026-01-01T00:00:00Z"}
                ],
            }
        ).encode(),
        "unknown topics: cobol",
    ),
    (b"[" * 100_000, "not valid JSON"),
    (b" " * (transfer.MAX_IMPORT_BYTES + 1), "too large"),
]


@pytest.mark.parametrize(("data", "message"), HOSTILE)
def test_bad_files_are_refused_and_change_nothing(session, learner_id, data, message):
    progress.set_status(session=session, learner_id=learner_id, slug="git", status="learning")
    with pytest.raises(transfer.TransferError, match=message):
        transfer.import_into(session=session, learner_id=learner_id, data=data)
    assert progress.statuses(session=session, learner_id=learner_id) == {"git": "learning"}
    assert notes.list_notes(session=session, learner_id=learner_id) == []


def test_note_limit_and_types(session, learner_id):
    with pytest.raises(InvalidRequest, match="20,000 characters"):
        notes.save_note(session=session, learner_id=learner_id, slug="git", body="x" * 20_001)
    with pytest.raises(InvalidRequest, match="must be text"):
        notes.save_note(session=session, learner_id=learner_id, slug="git", body={"x": 1})
    with pytest.raises(InvalidRequest, match="Unknown topic"):
        notes.save_note(session=session, learner_id=learner_id, slug="nope", body="hi")
    notes.save_note(session=session, learner_id=learner_id, slug="git", body="x" * 20_000)
    assert notes.list_notes(session=session, learner_id=learner_id)[0]["slug"] == "git"


def test_share_link_shows_statuses_until_revoked(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="git", status="done")
    share_id = sharing.create_share(session=session, learner_id=learner_id)
    assert len(share_id) >= 20
    assert sharing.shared_statuses(session=session, share_id=share_id) == {"git": "done"}
    altered = share_id[:-1] + ("B" if share_id.endswith("A") else "A")
    assert sharing.shared_statuses(session=session, share_id=altered) is None
    assert sharing.shared_statuses(session=session, share_id=None) is None
    sharing.revoke_share(session=session, learner_id=learner_id)
    assert sharing.shared_statuses(session=session, share_id=share_id) is None
