"""The weekly goal and the days practised: counted on the learner's calendar, validated,
carried by export, import and login."""

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select, update

from stack_explorer.learner.goal import days_practised, this_week
from stack_explorer.models import ExerciseWork, ProgressEvent, QuizAttempt, WeeklyGoal
from stack_explorer.services import goals, learners, merge, progress, transfer, writes
from stack_explorer.services.errors import InvalidRequest

# Wednesday 14 January 2026, noon UTC; Monday the 12th starts the week.
NOW = datetime(2026, 1, 14, 12, 0, tzinfo=UTC)
PARIS, NEW_YORK = "Europe/Paris", "America/New_York"  # UTC+1 and UTC-5 in January


@pytest.fixture()
def learner_id(session) -> int:
    return learners.create_learner(session=session)[0].id


def mark(session, learner_id: int, slug: str, status: str, at: datetime) -> None:
    """A status change as if the learner made it at `at`."""
    progress.set_status(session=session, learner_id=learner_id, slug=slug, status=status)
    latest = session.exec(
        select(ProgressEvent)
        .where(ProgressEvent.learner_id == learner_id)
        .order_by(ProgressEvent.id.desc())
    ).first()
    session.exec(update(ProgressEvent).where(ProgressEvent.id == latest.id).values(at=at))
    session.commit()


def summary(session, learner_id: int, zone: str) -> goals.WeekSummary:
    return goals.week_summary(session=session, learner_id=learner_id, zone=zone, now=NOW)


def test_the_week_starts_on_monday_on_the_learners_own_calendar(session, learner_id):
    goals.set_goal(session=session, learner_id=learner_id, topics=3, zone=PARIS)
    # Sunday 23:30 in Paris is 22:30 UTC: last week there.
    mark(session, learner_id, "git", "done", datetime(2026, 1, 11, 22, 30, tzinfo=UTC))
    # Sunday 23:30 UTC is already Monday 00:30 in Paris: this week there, last week in UTC.
    mark(session, learner_id, "docker", "done", datetime(2026, 1, 11, 23, 30, tzinfo=UTC))
    # Monday 03:00 UTC is still Sunday 22:00 in New York.
    mark(session, learner_id, "flask", "done", datetime(2026, 1, 12, 3, 0, tzinfo=UTC))
    assert summary(session, learner_id, PARIS).done == 2  # docker, flask
    assert summary(session, learner_id, "UTC").done == 1  # flask
    assert summary(session, learner_id, NEW_YORK).done == 0
    assert summary(session, learner_id, PARIS).goal == 3


def test_the_zone_kept_with_the_goal_counts_until_the_browser_says_its_own(session, learner_id):
    goals.set_goal(session=session, learner_id=learner_id, topics=2, zone=PARIS)
    mark(session, learner_id, "docker", "done", datetime(2026, 1, 11, 23, 30, tzinfo=UTC))
    kept = goals.week_summary(session=session, learner_id=learner_id, now=NOW)
    assert kept.done == summary(session, learner_id, PARIS).done == 1


def test_a_topic_counts_once_and_only_while_it_is_still_done(session, learner_id):
    goals.set_goal(session=session, learner_id=learner_id, topics=3, zone="UTC")
    monday = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
    mark(session, learner_id, "git", "done", monday)
    mark(session, learner_id, "git", "learning", monday + timedelta(hours=1))
    mark(session, learner_id, "git", "done", monday + timedelta(hours=2))
    mark(session, learner_id, "docker", "done", monday)
    mark(session, learner_id, "docker", "not-started", monday + timedelta(hours=1))
    mark(session, learner_id, "flask", "skipped", monday)
    assert summary(session, learner_id, "UTC").done == 1


def test_without_a_goal_nothing_is_counted(session, learner_id):
    mark(session, learner_id, "git", "done", NOW - timedelta(hours=1))
    assert summary(session, learner_id, "UTC") == goals.WeekSummary(goals.OFF, 0, 0)


def test_the_streak_ends_today_or_yesterday_and_a_gap_breaks_it():
    today = date(2026, 1, 14)
    days = {today - timedelta(days=n) for n in (0, 1, 2, 4, 5)}
    assert goals.streak(days, today) == 3
    assert goals.streak(days - {today}, today) == 2  # not broken before today is over
    assert goals.streak({today - timedelta(days=2)}, today) == 0
    assert goals.streak(set(), today) == 0


def test_days_practised_count_statuses_self_checks_and_exercises(session, learner_id):
    goals.set_goal(session=session, learner_id=learner_id, topics=1, zone=PARIS)
    git = progress.active_topic_id(session, "git")
    # Tuesday 23:30 UTC is Wednesday in Paris: today there, yesterday in UTC.
    mark(session, learner_id, "git", "learning", datetime(2026, 1, 13, 23, 30, tzinfo=UTC))
    session.add(
        QuizAttempt(learner_id=learner_id, topic_id=git, score=1, total=3, at=NOW - timedelta(1))
    )
    session.add(
        ExerciseWork(
            learner_id=learner_id,
            topic_id=git,
            exercise="x",
            updated_at=NOW - timedelta(days=2),
            solved_at=NOW - timedelta(days=2),
        )
    )
    # A gap on the 10th (Saturday); the 9th does not count any more.
    mark(session, learner_id, "docker", "learning", datetime(2026, 1, 9, 12, tzinfo=UTC))
    session.commit()
    assert summary(session, learner_id, PARIS).days == 3  # 14th, 13th, 12th
    # In UTC the status change falls on the 13th: today (14th) has nothing yet.
    assert summary(session, learner_id, "UTC").days == 2


def test_the_words_are_gentle():
    assert this_week(2, 3) == "2 of 3 topics this week"
    assert this_week(1, 1) == "1 of 1 topic this week · goal reached"
    assert days_practised(0) == "Practise today to start a streak"
    assert days_practised(1) == "1 day practised"
    assert days_practised(4) == "4 days practised in a row"


@pytest.mark.parametrize("topics", [8, -1, 100, "3", 3.0, True, None])
def test_a_goal_out_of_range_or_not_a_number_is_refused_with_a_message(session, learner_id, topics):
    with pytest.raises(InvalidRequest, match="weekly goal"):
        goals.set_goal(session=session, learner_id=learner_id, topics=topics, zone="UTC")
    assert goals.goal_of(session=session, learner_id=learner_id) is None


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../../etc/passwd", "", "+02:00", None, 5])
def test_an_unknown_time_zone_is_refused(session, learner_id, zone):
    with pytest.raises(InvalidRequest, match="time zone"):
        goals.set_goal(session=session, learner_id=learner_id, topics=3, zone=zone)
    assert goals.goal_of(session=session, learner_id=learner_id) is None


def test_a_goal_is_set_changed_and_turned_off(session, learner_id):
    for topics in (goals.MIN_GOAL, goals.MAX_GOAL):
        goals.set_goal(session=session, learner_id=learner_id, topics=topics, zone=NEW_YORK)
        assert goals.goal_of(session=session, learner_id=learner_id) == goals.Goal(topics, NEW_YORK)
    goals.set_goal(session=session, learner_id=learner_id, topics=goals.OFF, zone=NEW_YORK)
    assert goals.goal_of(session=session, learner_id=learner_id) is None


def goal_write(item_id: str, topics, zone: str = PARIS) -> dict:
    return {"id": item_id, "kind": "goal", "topics": topics, "zone": zone}


def test_the_goal_goes_through_the_write_queue_once_and_refusals_are_named(session, learner_id):
    outcome = writes.apply_batch(
        session=session,
        learner_id=learner_id,
        items=[goal_write("g1", 3), goal_write("g2", 9), goal_write("g3", 2, "Nowhere/City")],
    )
    assert outcome.settled == ["g1", "g2", "g3"] and outcome.goal == 3
    assert outcome.messages[0].startswith("Not applied: your weekly goal. A weekly goal is 1 to 7")
    assert "not a time zone this app knows" in outcome.messages[1]
    assert goals.goal_of(session=session, learner_id=learner_id) == goals.Goal(3, PARIS)
    goals.set_goal(session=session, learner_id=learner_id, topics=5, zone=PARIS)
    again = writes.apply_batch(session=session, learner_id=learner_id, items=[goal_write("g1", 3)])
    assert again.settled == ["g1"] and again.goal is None  # a replay changes nothing
    assert goals.goal_of(session=session, learner_id=learner_id).topics == 5


def test_export_and_import_carry_the_goal_and_a_goal_here_stays(session, learner_id):
    goals.set_goal(session=session, learner_id=learner_id, topics=4, zone=NEW_YORK)
    data = transfer.export_learner(session=session, learner_id=learner_id)
    assert json.loads(data)["weekly_goal"]["topics"] == 4
    assert json.loads(data)["weekly_goal"]["zone"] == NEW_YORK
    fresh = learners.create_learner(session=session)[0].id
    result = transfer.import_into(session=session, learner_id=fresh, data=data.encode())
    assert result.summary() == "Imported your weekly goal."
    assert goals.goal_of(session=session, learner_id=fresh) == goals.Goal(4, NEW_YORK)
    other = learners.create_learner(session=session)[0].id
    goals.set_goal(session=session, learner_id=other, topics=2, zone=PARIS)
    kept = transfer.import_into(session=session, learner_id=other, data=data.encode())
    assert kept.summary() == "Nothing new to import. Your weekly goal here stays as it is."
    assert goals.goal_of(session=session, learner_id=other) == goals.Goal(2, PARIS)


def test_an_export_without_a_goal_has_none_and_older_files_still_import(session, learner_id):
    progress.set_status(session=session, learner_id=learner_id, slug="git", status="done")
    document = json.loads(transfer.export_learner(session=session, learner_id=learner_id))
    assert document["weekly_goal"] is None
    del document["weekly_goal"]
    fresh = learners.create_learner(session=session)[0].id
    result = transfer.import_into(
        session=session, learner_id=fresh, data=json.dumps(document).encode()
    )
    assert result.summary() == "Imported 1 status."
    assert goals.goal_of(session=session, learner_id=fresh) is None


@pytest.mark.parametrize(
    ("goal", "message"),
    [
        (
            {"topics": 9, "zone": "UTC", "updated_at": "2026-01-01T00:00:00Z"},
            "The weekly goal: it must be a whole number from 1 to 7 (the file says 9).",
        ),
        (
            {"topics": 3, "zone": "Mars/Olympus", "updated_at": "2026-01-01T00:00:00Z"},
            "The weekly goal: 'Mars/Olympus' is not a time zone this app knows",
        ),
        ({"topics": 3, "zone": "UTC"}, "The weekly goal: the date (updated_at) is missing."),
    ],
)
def test_a_bad_goal_in_a_file_is_named_and_nothing_is_imported(session, learner_id, goal, message):
    document = {"format": "stack-explorer-export", "version": 1}
    document |= {"exported_at": "2026-01-10T12:00:00Z", "weekly_goal": goal}
    document["progress"] = [
        {"topic": "git", "status": "done", "updated_at": "2026-01-01T00:00:00Z"}
    ]
    with pytest.raises(transfer.TransferError) as refused:
        transfer.import_into(
            session=session, learner_id=learner_id, data=json.dumps(document).encode()
        )
    assert str(refused.value).startswith(message)
    assert progress.statuses(session=session, learner_id=learner_id) == {}


def test_at_login_the_accounts_goal_stays_else_the_browsers_comes_along(session):
    browser, account = (learners.create_learner(session=session)[0].id for _ in range(2))
    goals.set_goal(session=session, learner_id=browser, topics=2, zone=PARIS)
    merge.merge_learners(session=session, source_id=browser, target_id=account)
    session.commit()
    assert goals.goal_of(session=session, learner_id=account) == goals.Goal(2, PARIS)

    browser = learners.create_learner(session=session)[0].id
    goals.set_goal(session=session, learner_id=browser, topics=6, zone=NEW_YORK)
    goals.set_goal(session=session, learner_id=account, topics=3, zone=PARIS)
    merge.merge_learners(session=session, source_id=browser, target_id=account)
    session.commit()
    assert goals.goal_of(session=session, learner_id=account) == goals.Goal(3, PARIS)
    assert session.exec(select(WeeklyGoal)).all() == [
        session.exec(select(WeeklyGoal).where(WeeklyGoal.learner_id == account)).one()
    ]


def test_deleting_a_learner_deletes_its_goal(session, learner_id):
    goals.set_goal(session=session, learner_id=learner_id, topics=3, zone="UTC")
    merge.delete_learner(session=session, learner_id=learner_id)
    session.commit()
    assert session.exec(select(WeeklyGoal)).all() == []


def test_the_week_starts_on_monday():
    assert goals.week_start(date(2026, 1, 18)) == date(2026, 1, 12)  # Sunday
    assert goals.week_start(date(2026, 1, 12)) == date(2026, 1, 12)  # Monday
    assert goals.local_day(datetime(2026, 1, 11, 23, 30), ZoneInfo(PARIS)) == date(2026, 1, 12)
