"""The write queue's server side: ids make replays harmless, conflicts are decided by
time and device (never by value), and one bad item never blocks the others."""

import time

import pytest
from sqlalchemy import text
from sqlmodel import select

from stack_explorer import status as st
from stack_explorer.models import AppliedWrite, Note, Progress, ProgressEvent, QuizAttempt
from stack_explorer.services import learners, notes, paths, progress, writes
from stack_explorer.services.merge import NOTE_SEPARATOR
from tests.unit.test_guided import right_and_wrong

HERE, ELSEWHERE = "device-here", "device-elsewhere"


@pytest.fixture(params=["sqlite", "postgresql"])
def session(request, session):
    """Every rule here holds on both databases: a click's statements are plain SQL."""
    return session if request.param == "sqlite" else request.getfixturevalue("postgres_session")


@pytest.fixture()
def learner_id(session) -> int:
    return learners.create_learner(session=session)[0].id


def now_ms() -> float:
    return time.time() * 1000


def status(item_id: str, slug: str, value: str, seen: float | None = None, **extra) -> dict:
    """A status set on a page that received the learner's data `seen` (default: just now)."""
    item = {"id": item_id, "kind": "status", "slug": slug, "status": value, "device": HERE}
    return {**item, "seen": now_ms() if seen is None else seen, "at": now_ms(), **extra}


def note(item_id: str, slug: str, body: str, seen: float | None = None, **extra) -> dict:
    item = {"id": item_id, "kind": "note", "slug": slug, "body": body, "device": HERE}
    return {**item, "seen": now_ms() if seen is None else seen, "at": now_ms()}


def quiz_item(item_id: str, slug: str, answers: dict) -> dict:
    return {"id": item_id, "kind": "quiz", "slug": slug, "answers": answers, "at": now_ms()}


def apply(session, learner_id, *items, sent_at=None):
    return writes.apply_batch(
        session=session, learner_id=learner_id, items=list(items), sent_at=sent_at
    )


def statuses(session, learner_id):
    return progress.statuses(session=session, learner_id=learner_id)


def elsewhere(session, learner_id, slug, value):
    progress.set_status(
        session=session, learner_id=learner_id, slug=slug, status=value, device=ELSEWHERE
    )


def test_writes_apply_and_record_their_ids(session, learner_id):
    outcome = apply(
        session,
        learner_id,
        status("a1", "django", st.LEARNING),
        note("a2", "django", "My *note*"),
        {"id": "a3", "kind": "layer", "layer": "version-control", "status": st.DONE},
        {"id": "a4", "kind": "path", "path": "django-full-stack"},
    )
    assert outcome.settled == ["a1", "a2", "a3", "a4"] and outcome.messages == []
    assert statuses(session, learner_id)["django"] == st.LEARNING
    assert statuses(session, learner_id)["git"] == st.DONE
    assert notes.note_for(session=session, learner_id=learner_id, slug="django") == "My *note*"
    assert paths.current_path(session=session, learner_id=learner_id) == "django-full-stack"
    applied = session.exec(select(AppliedWrite.write_id)).all()
    assert sorted(applied) == ["a1", "a2", "a3", "a4"]


def test_a_replayed_batch_changes_nothing(session, learner_id):
    right, _ = right_and_wrong("git")
    batch = [
        status("b1", "git", st.DONE),
        note("b2", "git", "first"),
        quiz_item("b3", "git", {k: str(v) for k, v in right.items()}),
    ]
    apply(session, learner_id, *batch)
    # Meanwhile the learner reset the topic and rewrote the note on this device.
    apply(session, learner_id, status("b4", "git", st.NOT_STARTED), note("b5", "git", "rewritten"))
    outcome = apply(session, learner_id, *batch)  # the first reply was lost: sent again
    assert outcome.settled == ["b1", "b2", "b3"] and outcome.messages == []
    assert statuses(session, learner_id) == {}
    assert notes.note_for(session=session, learner_id=learner_id, slug="git") == "rewritten"
    assert len(session.exec(select(QuizAttempt)).all()) == 1
    assert len(session.exec(select(ProgressEvent)).all()) == 2  # done, then not started


def test_a_later_change_elsewhere_wins_even_when_it_restored_the_old_value(session, learner_id):
    seen = now_ms()
    made = seen + 1
    time.sleep(0.01)
    # Another device moved flask to done and back to learning after this browser synced.
    elsewhere(session, learner_id, "flask", st.DONE)
    elsewhere(session, learner_id, "flask", st.LEARNING)
    outcome = apply(session, learner_id, status("c1", "flask", st.SKIPPED, seen=seen, at=made))
    assert statuses(session, learner_id) == {"flask": st.LEARNING}
    assert outcome.messages == [
        "Flask was changed on another device after this change; it stays Learning."
    ]


def test_a_change_made_after_the_one_elsewhere_wins(session, learner_id):
    seen = now_ms() - 60_000
    elsewhere(session, learner_id, "git", st.DONE)
    outcome = apply(session, learner_id, status("d1", "git", st.NOT_STARTED, seen=seen))
    assert statuses(session, learner_id) == {} and outcome.messages == []
    # A browser whose clock runs a day ahead made a change a minute before the change
    # elsewhere: its offset is taken out, so it is still the earlier one.
    ahead = 86_400_000
    made = now_ms() - 60_000 + ahead
    elsewhere(session, learner_id, "git", st.DONE)
    sent = now_ms() + ahead
    apply(session, learner_id, status("d2", "git", st.SKIPPED, seen=seen, at=made), sent_at=sent)
    assert statuses(session, learner_id) == {"git": st.DONE}
    # Without the send time, a time in the future counts as now, never later.
    apply(session, learner_id, status("d3", "git", st.SKIPPED, seen=seen, at=made))
    assert statuses(session, learner_id) == {"git": st.SKIPPED}


def test_a_browsers_own_earlier_writes_are_never_a_conflict(session, learner_id):
    seen = now_ms() - 60_000  # its reply had not arrived when the second click was made
    apply(session, learner_id, status("e1", "git", st.DONE, seen=seen))
    apply(session, learner_id, status("e2", "git", st.LEARNING, seen=seen, at=now_ms() - 1))
    assert statuses(session, learner_id) == {"git": st.LEARNING}


def test_notes_edited_on_two_devices_are_joined_never_dropped(session, learner_id):
    seen = now_ms() - 60_000
    notes.save_note(
        session=session, learner_id=learner_id, slug="git", body="Other device", device=ELSEWHERE
    )
    outcome = apply(session, learner_id, note("f1", "git", "This device", seen=seen))
    saved = notes.note_for(session=session, learner_id=learner_id, slug="git")
    assert saved == "Other device" + NOTE_SEPARATOR + "This device"
    assert outcome.notes == {"git": saved} and outcome.merged_notes == {"git"}
    assert outcome.messages == [
        "Your note on Git was also edited on another device; both versions are kept."
    ]
    # The next edit from this device replaces the joined text, as typing does.
    apply(session, learner_id, note("f2", "git", "Tidied", seen=seen))
    assert notes.note_for(session=session, learner_id=learner_id, slug="git") == "Tidied"


def test_a_note_written_on_a_page_opened_offline_is_added_never_put_over(session, learner_id):
    notes.save_note(session=session, learner_id=learner_id, slug="git", body="Saved before")
    apply(session, learner_id, note("n1", "git", "Written offline", seen=0))
    saved = notes.note_for(session=session, learner_id=learner_id, slug="git")
    assert saved == "Saved before" + NOTE_SEPARATOR + "Written offline"
    apply(session, learner_id, note("n2", "docker", "First note, offline", seen=0))
    assert notes.note_for(session=session, learner_id=learner_id, slug="docker") == (
        "First note, offline"
    )


def test_a_poison_item_is_refused_by_name_and_the_rest_apply(session, learner_id):
    outcome = apply(
        session,
        learner_id,
        note("g1", "git", "pasted \x00 text"),
        status("g2", "git", st.DONE),
        note("g3", "docker", "fine"),
    )
    assert outcome.settled == ["g1", "g2", "g3"]
    assert outcome.messages == [
        "Not applied: your note on Git. This note contains an invisible control character "
        "that cannot be saved (often from a paste). Remove it and it will save."
    ]
    assert outcome.refused_notes == {"git": outcome.messages[0].split("Git. ")[1]}
    assert statuses(session, learner_id) == {"git": st.DONE}
    assert notes.note_for(session=session, learner_id=learner_id, slug="docker") == "fine"
    assert session.exec(select(Note).where(Note.body.contains("pasted"))).all() == []


def test_an_unavailable_database_leaves_the_rest_unsettled(session, learner_id):
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip(
            "read-only mode by PRAGMA is SQLite's (tests/e2e/test_faults.py stops PostgreSQL)"
        )
    apply(session, learner_id, status("h0", "git", st.LEARNING))
    session.connection().execute(text("PRAGMA query_only = ON"))  # writes now fail
    outcome = apply(session, learner_id, status("h1", "git", st.DONE), note("h2", "git", "x"))
    session.connection().execute(text("PRAGMA query_only = OFF"))
    assert outcome.unavailable and outcome.settled == []
    assert statuses(session, learner_id) == {"git": st.LEARNING}
    outcome = apply(session, learner_id, status("h1", "git", st.DONE), note("h2", "git", "x"))
    assert outcome.settled == ["h1", "h2"] and statuses(session, learner_id) == {"git": st.DONE}


def test_unanswered_questions_are_reported_beside_the_quiz(session, learner_id):
    outcome = apply(session, learner_id, quiz_item("i1", "git", {"0": "0"}))
    assert outcome.settled == ["i1"] and outcome.messages == []
    assert outcome.unanswered["git"].numbers == [2, 3, 4]
    assert session.exec(select(QuizAttempt)).all() == []


HOSTILE = [
    {"kind": "status", "slug": "git", "status": "done"},  # no id
    {"id": "<script>", "kind": "status", "slug": "git", "status": "done"},
    {"id": "j1", "kind": "status", "slug": "git", "status": "mastered"},
    {"id": "j2", "kind": "status", "slug": ["git"], "status": "done"},
    {"id": "j3", "kind": "status", "slug": "nope", "status": "done"},
    {"id": "j4", "kind": "delete-everything", "slug": "git"},
    {"id": "j5", "kind": "note", "slug": "git", "body": 12},
    {"id": "j6", "kind": "note", "slug": "git", "body": "x" * 20_001},
    {"id": "j7", "kind": "quiz", "slug": "git", "answers": "all right"},
    {"id": "j8", "kind": "status", "slug": "git", "status": "done", "at": "soon"},
    {"id": "j9", "kind": "layer", "layer": "backend", "status": st.LEARNING},
    {"id": "j10", "kind": "path", "path": "no-such-path"},
    {"id": "j11", "kind": "status", "slug": "git", "status": "done", "device": "../../x"},
    "not a dict",
    None,
]


def test_hostile_items_are_refused_one_by_one_and_change_nothing(session, learner_id):
    outcome = apply(session, learner_id, *HOSTILE, status("ok", "django", st.DONE))
    assert outcome.settled == [f"j{n}" for n in range(1, 12)] + ["ok"]
    assert len(outcome.messages) == len(HOSTILE)
    assert all("Traceback" not in m and "<script>" not in m for m in outcome.messages)
    assert statuses(session, learner_id) == {"django": st.DONE}
    assert session.exec(select(Note)).all() == [] and session.exec(select(QuizAttempt)).all() == []
    assert paths.current_path(session=session, learner_id=learner_id) == ""


def test_a_batch_larger_than_the_limit_leaves_the_rest_for_later(session, learner_id):
    slugs = ["git", "github", "gitlab", "bitbucket", "docker", "aws", "azure", "gcp", "heroku"]
    items = [status(f"k{n}", slugs[n % len(slugs)], st.LEARNING) for n in range(50)]
    outcome = apply(session, learner_id, *items)
    assert outcome.settled == [f"k{n}" for n in range(writes.MAX_BATCH)]


def test_old_ids_are_forgotten_within_the_hour(session, learner_id, monkeypatch):
    """Forgetting is housekeeping: at most once an hour per learner, not on each click."""
    monkeypatch.setattr(writes, "_next_cleanup", {})
    apply(session, learner_id, status("l1", "git", st.DONE))
    row = session.exec(select(AppliedWrite)).one()
    row.at = row.at - writes.KEEP_APPLIED - writes.KEEP_APPLIED
    session.add(row)
    session.commit()
    apply(session, learner_id, status("l2", "git", st.LEARNING))
    assert len(session.exec(select(AppliedWrite.write_id)).all()) == 2
    later = time.monotonic() + 3601
    monkeypatch.setattr(writes.time, "monotonic", lambda: later)
    apply(session, learner_id, status("l3", "git", st.DONE))
    assert session.exec(select(AppliedWrite.write_id)).all() == ["l2", "l3"]
    assert session.exec(select(Progress)).one().status == st.DONE
