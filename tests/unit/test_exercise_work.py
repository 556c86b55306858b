"""Exercise work through the write queue, login merge and export/import: the later code
wins, a solved exercise stays solved, replays change nothing, bad input is refused by name."""

import json
import time

import pytest

from stack_explorer.services import exercises, learners, merge, transfer, writes


@pytest.fixture()
def learner_id(session) -> int:
    return learners.create_learner(session=session)[0].id


def check(item_id: str, exercise: str, code: str, solved: bool, at: float | None = None) -> dict:
    return {
        "id": item_id,
        "kind": "exercise",
        "slug": "flask",
        "exercise": exercise,
        "code": code,
        "solved": solved,
        "at": time.time() * 1000 if at is None else at,
    }


def work(session, learner_id) -> dict[str, tuple[str, bool]]:
    found = exercises.work_for(session=session, learner_id=learner_id, slug="flask")
    return {slug: (w.code, w.solved) for slug, w in found.items()}


def apply(session, learner_id, *items) -> writes.Outcome:
    return writes.apply_batch(session=session, learner_id=learner_id, items=list(items))


def test_a_pass_is_kept_and_later_code_replaces_earlier(session, learner_id):
    now = time.time() * 1000
    apply(session, learner_id, check("a", "book-404-json", "first try", False, now - 3000))
    assert work(session, learner_id) == {"book-404-json": ("first try", False)}
    apply(session, learner_id, check("b", "book-404-json", "passing", True, now - 2000))
    apply(session, learner_id, check("c", "book-404-json", "broke it again", False, now - 1000))
    assert work(session, learner_id) == {"book-404-json": ("broke it again", True)}
    # A write made earlier but arriving late (offline) does not replace newer code.
    outcome = apply(session, learner_id, check("d", "book-404-json", "stale", False, now - 5000))
    assert outcome.settled == ["d"]
    assert work(session, learner_id) == {"book-404-json": ("broke it again", True)}
    assert exercises.solved_count(session=session, learner_id=learner_id) == 1


def test_a_replayed_batch_changes_nothing(session, learner_id):
    now = time.time() * 1000
    first = check("x", "book-404-json", "old", False, now - 2000)
    apply(session, learner_id, first)
    apply(session, learner_id, check("y", "book-404-json", "new", True, now - 1000))
    outcome = apply(session, learner_id, first)  # its reply was lost: sent again
    assert outcome.settled == ["x"] and not outcome.exercise_work
    assert work(session, learner_id) == {"book-404-json": ("new", True)}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (check("u", "no-such-exercise", "x", True), "Unknown exercise: 'no-such-exercise'"),
        (check("l", "book-404-json", "x" * 20_001, True), "up to 20,000 characters"),
        (check("n", "book-404-json", "print('\x00')", True), "invisible control character"),
        ({**check("s", "book-404-json", "x", True), "solved": "yes"}, "was damaged"),
    ],
)
def test_bad_work_is_refused_by_name_and_the_rest_apply(session, learner_id, item, message):
    good = check("g", "app-factory-blueprint", "fine", True)
    outcome = apply(session, learner_id, item, good)
    assert outcome.settled == [item["id"], "g"]
    assert message in " ".join(outcome.messages)
    assert work(session, learner_id) == {"app-factory-blueprint": ("fine", True)}


def test_login_merge_keeps_the_newer_code_and_every_solve(session, learner_id):
    account_side = learners.create_learner(session=session)[0].id
    now = time.time() * 1000
    apply(session, account_side, check("1", "book-404-json", "account code", True, now - 9000))
    apply(session, learner_id, check("2", "book-404-json", "browser code", False, now - 1000))
    apply(session, learner_id, check("3", "safe-pagination-args", "solved here", True, now))
    merge.merge_learners(session=session, source_id=learner_id, target_id=account_side)
    session.commit()
    assert work(session, account_side) == {
        "book-404-json": ("browser code", True),
        "safe-pagination-args": ("solved here", True),
    }


def test_export_then_import_carries_code_and_solves(session, learner_id):
    apply(session, learner_id, check("1", "book-404-json", "solution", True))
    data = transfer.export_learner(session=session, learner_id=learner_id)
    entry = json.loads(data)["exercises"][0]
    assert (entry["topic"], entry["exercise"], entry["code"]) == (
        "flask",
        "book-404-json",
        "solution",
    )
    assert entry["solved_at"].endswith("Z") or "+00:00" in entry["solved_at"]
    other = learners.create_learner(session=session)[0].id
    result = transfer.import_into(session=session, learner_id=other, data=data.encode())
    assert result.summary() == "Imported 1 exercise."
    assert work(session, other) == {"book-404-json": ("solution", True)}
    again = transfer.import_into(session=session, learner_id=other, data=data.encode())
    assert again.summary() == "Nothing new to import. 1 entry was already up to date here."


def test_an_import_with_overlong_code_is_refused_by_entry(session, learner_id):
    document = {
        "format": "stack-explorer-export",
        "version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "exercises": [
            {
                "topic": "flask",
                "exercise": "book-404-json",
                "code": "x" * 20_001,
                "updated_at": "2026-01-01T00:00:00Z",
            }
        ],
    }
    with pytest.raises(
        transfer.TransferError,
        match="Exercise entry 1 \\(topic 'flask'\\): the code is longer than 20,000 characters",
    ):
        transfer.import_into(
            session=session, learner_id=learner_id, data=json.dumps(document).encode()
        )
