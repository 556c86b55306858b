"""A weekly goal and a gentle streak, counted on the learner's own calendar.

Optional and off by default: a learner may aim for a number of topics per week
("3 topics this week"). Nothing new is logged for it; both figures come from what
the app already records with a time:

- **This week**: topics marked Done since Monday 00:00 in the learner's time zone
  (from the status history, `ProgressEvent`) that are still Done now.
- **Days practised**: consecutive days, in the learner's time zone, with something
  recorded: a status change, a self-check attempt, an exercise checked. The run ends
  today or yesterday, so it is not broken before the learner has had a chance today.

The time zone is the browser's (an IANA name such as "Europe/Paris"), checked against
the zones Python knows; the one sent with the goal is kept with it.
"""

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, available_timezones

from sqlmodel import Session, delete, select

from stack_explorer import status as st
from stack_explorer.models import (
    ExerciseWork,
    Progress,
    ProgressEvent,
    QuizAttempt,
    Topic,
    WeeklyGoal,
    as_utc,
    utcnow,
)
from stack_explorer.services.errors import InvalidRequest

MIN_GOAL, MAX_GOAL = 1, 7
OFF = 0  # a goal of 0 topics: no goal
STREAK_DAYS = 366  # the longest streak counted: older activity is not read


@dataclass(frozen=True)
class Goal:
    topics: int
    zone: str


@dataclass(frozen=True)
class WeekSummary:
    goal: int  # topics per week; OFF when there is no goal
    done: int  # topics marked Done this week, still Done
    days: int  # days practised in a row, ending today or yesterday


@functools.cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def check_zone(zone: object) -> str:
    """An IANA time zone name this server knows; anything else is refused."""
    if not isinstance(zone, str) or zone not in _known_zones():
        shown = repr(zone)[:40]
        raise InvalidRequest(
            f"{shown} is not a time zone this app knows, so weeks cannot be counted on your "
            "calendar. Set your device's time zone, then try again."
        )
    return zone


def check_goal(topics: object) -> int:
    """A goal of MIN_GOAL..MAX_GOAL topics a week, or OFF."""
    if isinstance(topics, bool) or not isinstance(topics, int):
        raise InvalidRequest("A weekly goal is a whole number of topics.")
    if topics != OFF and not MIN_GOAL <= topics <= MAX_GOAL:
        raise InvalidRequest(
            f"A weekly goal is {MIN_GOAL} to {MAX_GOAL} topics a week (or off); "
            f"{topics} is not one of them."
        )
    return topics


def set_goal(*, session: Session, learner_id: int, topics: object, zone: object) -> int:
    """Set the learner's goal (OFF removes it); return the goal now saved."""
    topics, zone = check_goal(topics), check_zone(zone)
    if topics == OFF:
        session.exec(delete(WeeklyGoal).where(WeeklyGoal.learner_id == learner_id))
    else:
        row = _row(session, learner_id) or WeeklyGoal(learner_id=learner_id, topics=topics)
        row.topics, row.zone, row.updated_at = topics, zone, utcnow()
        session.add(row)
    session.commit()
    return topics


def _row(session: Session, learner_id: int) -> WeeklyGoal | None:
    return session.exec(select(WeeklyGoal).where(WeeklyGoal.learner_id == learner_id)).first()


def goal_of(*, session: Session, learner_id: int) -> Goal | None:
    row = _row(session, learner_id)
    return Goal(row.topics, row.zone) if row else None


def week_start(today: date) -> date:
    """The Monday of the week `today` is in."""
    return today - timedelta(days=today.weekday())


def local_day(moment: datetime, zone: tzinfo) -> date:
    return as_utc(moment).astimezone(zone).date()


def streak(days: set[date], today: date) -> int:
    """Consecutive days in `days` ending today, or yesterday when today has none yet."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def done_this_week(*, session: Session, learner_id: int, zone: tzinfo, now: datetime) -> int:
    """Topics marked Done since this week's Monday (the learner's), and still Done."""
    monday = week_start(now.astimezone(zone).date())
    since = now - timedelta(days=8)  # a superset; each time is then read in the zone
    rows = session.exec(
        select(ProgressEvent.topic_id, ProgressEvent.at)
        .join(Topic, Topic.id == ProgressEvent.topic_id)
        .join(
            Progress,
            (Progress.topic_id == ProgressEvent.topic_id)
            & (Progress.learner_id == ProgressEvent.learner_id),
        )
        .where(
            ProgressEvent.learner_id == learner_id,
            ProgressEvent.status == st.DONE,
            ProgressEvent.at >= since,
            Progress.status == st.DONE,
            Topic.active,
        )
    ).all()
    return len({topic_id for topic_id, at in rows if local_day(at, zone) >= monday})


def practice_days(*, session: Session, learner_id: int, zone: tzinfo, now: datetime) -> set[date]:
    """The learner's days (in `zone`) with a recorded action, over the last STREAK_DAYS."""
    since = now - timedelta(days=STREAK_DAYS + 1)
    times = [
        *session.exec(
            select(ProgressEvent.at).where(
                ProgressEvent.learner_id == learner_id, ProgressEvent.at >= since
            )
        ).all(),
        *session.exec(
            select(QuizAttempt.at).where(
                QuizAttempt.learner_id == learner_id, QuizAttempt.at >= since
            )
        ).all(),
    ]
    for checked, solved in session.exec(
        select(ExerciseWork.updated_at, ExerciseWork.solved_at).where(
            ExerciseWork.learner_id == learner_id, ExerciseWork.updated_at >= since
        )
    ).all():
        times += [checked, solved] if solved else [checked]
    return {local_day(at, zone) for at in times}


def week_summary(
    *, session: Session, learner_id: int, zone: str | None = None, now: datetime | None = None
) -> WeekSummary:
    """The goal, this week's count and the streak; in `zone` (the browser's) when it is
    given, else in the zone kept with the goal."""
    goal = goal_of(session=session, learner_id=learner_id)
    if goal is None:
        return WeekSummary(OFF, 0, 0)
    # A zone kept with the goal that this server's time zone data lacks: UTC.
    kept = goal.zone if goal.zone in _known_zones() else "UTC"
    tz = ZoneInfo(check_zone(zone) if zone else kept)
    now = as_utc(now or utcnow())
    days = practice_days(session=session, learner_id=learner_id, zone=tz, now=now)
    return WeekSummary(
        goal.topics,
        done_this_week(session=session, learner_id=learner_id, zone=tz, now=now),
        streak(days, now.astimezone(tz).date()),
    )


def merge_goal(*, session: Session, source_id: int, target_id: int) -> None:
    """At login: the account's goal stays when it has one; otherwise the browser's comes
    with it. The caller commits."""
    incoming = _row(session, source_id)
    if incoming is not None and _row(session, target_id) is None:
        incoming.learner_id = target_id
        session.add(incoming)


def import_goal(
    *, session: Session, learner_id: int, topics: int, zone: str, updated_at: datetime
) -> bool:
    """An imported goal, under the login rule: a goal already here stays. True when it
    was taken. The caller commits."""
    if _row(session, learner_id) is not None:
        return False
    session.add(
        WeeklyGoal(
            learner_id=learner_id,
            topics=check_goal(topics),
            zone=check_zone(zone),
            updated_at=updated_at,
        )
    )
    return True
