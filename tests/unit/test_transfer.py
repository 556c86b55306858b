"""Export, import, notes and share links."""

import json

import pytest

from stack_explorer.services import learners, notes, progress, sharing, transfer
from stack_explorer.services.errors import InvalidRequest
from stack_explorer.wording import counted, file_size, joined


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
    result = transfer.import_into(session=session, learner_id=other, data=data.encode())
    assert (result.statuses, result.notes, result.unchanged) == (1, 1, 0)
    assert result.summary() == "Imported 1 status and 1 note."
    assert progress.statuses(session=session, learner_id=other) == {"django": "done"}
    assert notes.note_for(session=session, learner_id=other, slug="django") == "# ORM\nmodels!"
    again = transfer.import_into(session=session, learner_id=other, data=data.encode())
    assert (again.statuses, again.notes) == (0, 0)
    assert again.summary() == "Nothing new to import. 2 entries were already up to date here."


HOSTILE = [
    (b"\xff\xfe not utf8", "not valid JSON"),
    (b"{", "not valid JSON"),
    (b"[1, 2]", "The file does not hold an export: it must be a JSON object"),
    (
        b'{"format": "other", "version": 1, "exported_at": "2026-01-01T00:00:00Z"}',
        "This file is not a Stack Explorer export \\(its format is 'other'\\)",
    ),
    (
        b'{"format": "stack-explorer-export", "version": 2, "exported_at": "2026-01-01T00:00:00Z"}',
        "This export is version 2; this app reads version 1.",
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
        "Status entry 1 \\(topic 'django'\\): status must be one of Not started, Learning, Done, "
        "Skipped \\(the file says 'mastered'\\)",
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
        "Status entry 1 \\(topic 'django'\\): 'learner_id' is not part of a Stack Explorer export",
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
        "Status entry 1 \\(topic 'cobol'\\): there is no topic 'cobol' here",
    ),
    (b"[" * 100_000, "not valid JSON"),
    (
        b" " * (transfer.MAX_IMPORT_BYTES + 1),
        "The file is 2,000,001 bytes; the largest file this app imports is 2,000,000 bytes",
    ),
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
    (listed,) = notes.list_notes(session=session, learner_id=learner_id)
    assert listed["slug"] == "git" and listed["whole"].count("x") == 20_000  # for "Show all"
    notes.save_note(session=session, learner_id=learner_id, slug="git", body="# Short")
    (listed,) = notes.list_notes(session=session, learner_id=learner_id)
    assert listed["whole"] == "" and listed["excerpt"] == "<h3>Short</h3>\n"


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


def _export(progress_entries: list[dict], note_entries: list[dict] | None = None) -> bytes:
    document = {"format": "stack-explorer-export", "version": 1}
    document["exported_at"] = "2026-01-10T12:00:00Z"
    return json.dumps(
        {**document, "progress": progress_entries, "notes": note_entries or []}
    ).encode()


def _entry(topic: str, status: str, at: str) -> dict:
    return {"topic": topic, "status": status, "updated_at": at}


def test_the_real_file_size_is_reported_not_the_bytes_read(session, learner_id):
    with pytest.raises(transfer.TransferError) as refused:
        transfer.import_into(session=session, learner_id=learner_id, data=b"{}", size=5_432_100)
    assert str(refused.value) == (
        "The file is 5.4 MB; the largest file this app imports is 2 MB. "
        "Choose a file made with Export my data."
    )


def test_import_keeps_the_dates_of_the_file_and_export_returns_them(session, learner_id):
    data = _export(
        [
            _entry("git", "done", "2025-11-02T09:30:00Z"),
            _entry("flask", "Learning", "2025-12-24T18:00:00Z"),
        ],
        [{"topic": "git", "body": "rebase -i", "updated_at": "2025-11-03T10:00:00Z"}],
    )
    result = transfer.import_into(session=session, learner_id=learner_id, data=data)
    assert result.summary() == "Imported 2 statuses and 1 note."
    history = progress.history(session=session, learner_id=learner_id)
    assert [(slug, value, at.isoformat()) for slug, _, value, at in history] == [
        ("git", "done", "2025-11-02T09:30:00+00:00"),
        ("flask", "learning", "2025-12-24T18:00:00+00:00"),
    ]
    assert progress.completion_timeline(history) == [
        {"day": "2025-11-02", "completed": 1},
        {"day": "2025-12-24", "completed": 1},
    ]
    exported = json.loads(transfer.export_learner(session=session, learner_id=learner_id))
    assert {r["topic"]: r["updated_at"] for r in exported["progress"]} == {
        "git": "2025-11-02T09:30:00Z",
        "flask": "2025-12-24T18:00:00Z",
    }
    assert exported["notes"][0]["updated_at"] == "2025-11-03T10:00:00Z"


def test_when_the_row_here_wins_its_date_stays(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="git", status="done")
    before = progress.history(session=session, learner_id=learner_id)
    data = _export([_entry("git", "learning", "2025-11-02T09:30:00Z")])
    result = transfer.import_into(session=session, learner_id=learner_id, data=data)
    assert result.summary() == "Nothing new to import. 1 entry was already up to date here."
    assert progress.history(session=session, learner_id=learner_id) == before


def test_an_older_status_that_wins_is_logged_after_the_change_it_overrides(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="git", status="learning")
    transfer.import_into(
        session=session,
        learner_id=learner_id,
        data=_export([_entry("git", "done", "2025-11-02T09:30:00Z")]),
    )
    history = progress.history(session=session, learner_id=learner_id)
    assert [value for _, _, value, _ in history] == ["learning", "done"]  # ends on the merge
    assert progress.completion_timeline(history)[-1]["completed"] == 1


def test_a_date_in_the_future_becomes_now_and_is_reported(session, learner_id):
    data = _export([_entry("git", "done", "2999-01-01T00:00:00Z")])
    result = transfer.import_into(session=session, learner_id=learner_id, data=data)
    assert result.summary() == (
        "Imported 1 status. 1 date in the future became the time of the import: "
        "Status entry 1 (topic 'git')."
    )
    ((_, _, _, at),) = progress.history(session=session, learner_id=learner_id)
    assert at.year < 2999


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"topic": "flask", "status": "done"},
            "Status entry 2 (topic 'flask'): the date (updated_at) is missing.",
        ),
        (
            _entry("flask", "done", "last tuesday"),
            "Status entry 2 (topic 'flask'): the date 'last tuesday' is not a date and time "
            "with a zone, like 2026-01-31T09:30:00Z.",
        ),
        (
            _entry("flask", "done", "2025-11-02T09:30:00"),
            "Status entry 2 (topic 'flask'): the date '2025-11-02T09:30:00' is not a date",
        ),
        (
            _entry("Flask", "done", "2025-11-02T09:30:00Z"),
            "Status entry 2 (topic 'Flask'): 'Flask' is not a topic name",
        ),
        ("flask", "Status entry 2: it must be an object with named fields."),
    ],
)
def test_a_malformed_entry_is_named_and_nothing_is_imported(session, learner_id, entry, message):
    data = _export([_entry("git", "done", "2025-11-02T09:30:00Z"), entry])
    with pytest.raises(transfer.TransferError) as refused:
        transfer.import_into(session=session, learner_id=learner_id, data=data)
    assert str(refused.value).startswith(message)
    assert progress.statuses(session=session, learner_id=learner_id) == {}


def test_counts_read_as_words():
    assert [counted(n, "status", "statuses") for n in (0, 1, 12)] == [
        "0 statuses",
        "1 status",
        "12 statuses",
    ]
    assert counted(1, "note") == "1 note" and counted(1_200, "note") == "1,200 notes"
    assert [file_size(n) for n in (1, 999, 1_500, 2_000_000, 2_450_000)] == [
        "1 byte",
        "999 bytes",
        "1.5 kB",
        "2 MB",
        "2.5 MB",
    ]
    assert [joined(p) for p in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]
