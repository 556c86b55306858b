"""All database tables. Topics and layers are synced from content files;
everything else is created by learners."""

from datetime import UTC, datetime

from sqlmodel import Field, SQLModel, UniqueConstraint

from stack_explorer import status as st


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A time read back from the database, with its zone: SQLite returns naive UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Layer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True)
    name: str
    position: int = 0


class Topic(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True)
    title: str
    summary: str = ""
    layer_id: int = Field(foreign_key="layer.id", index=True)
    position: int = 0
    # False once the content file is gone; the row stays so progress on it is kept.
    active: bool = True


class Learner(SQLModel, table=True):
    # Ids are never reused (SQLite would hand a deleted learner's id to the next one),
    # so nothing that still holds an old id can ever reach a new learner.
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    # sha256 of the browser's random token: the token itself is never stored.
    token_hash: str = Field(index=True, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    current_path: str | None = None  # slug of the learning path the learner follows


class Progress(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("learner_id", "topic_id"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    topic_id: int = Field(foreign_key="topic.id", index=True)
    status: str = st.NOT_STARTED
    updated_at: datetime = Field(default_factory=utcnow)
    # The browser that made the last change ("" for imports and merges): a queued
    # write conflicts only with changes made elsewhere since that browser last synced.
    device: str = ""


class ProgressEvent(SQLModel, table=True):
    """Append-only history of status changes (activity feed, progress over time)."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    topic_id: int = Field(foreign_key="topic.id")
    status: str
    at: datetime = Field(default_factory=utcnow, index=True)


class Account(SQLModel, table=True):
    """An optional login that owns one learner, so progress follows the learner across devices."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True)  # stored lower-case
    password_hash: str
    learner_id: int = Field(foreign_key="learner.id", unique=True)
    created_at: datetime = Field(default_factory=utcnow)

    def model_dump(self, **kwargs):
        """Never serialize the password hash."""
        exclude = set(kwargs.pop("exclude", None) or ()) | {"password_hash"}
        return super().model_dump(exclude=exclude, **kwargs)


class AuthSession(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True)
    token_hash: str = Field(index=True, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class Note(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("learner_id", "topic_id"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    topic_id: int = Field(foreign_key="topic.id")
    body: str = ""
    updated_at: datetime = Field(default_factory=utcnow)
    device: str = ""  # as on Progress


class ShareLink(SQLModel, table=True):
    """An opt-in, revocable read-only view of one learner's map."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", unique=True)
    share_id: str = Field(index=True, unique=True)
    created_at: datetime = Field(default_factory=utcnow)


class QuizAttempt(SQLModel, table=True):
    """One submission of a topic's self-check; the best score is the maximum."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    topic_id: int = Field(foreign_key="topic.id")
    score: int
    total: int
    answers: str = ""  # the chosen choice per question, comma-separated indexes
    at: datetime = Field(default_factory=utcnow)


class QuestionReview(SQLModel, table=True):
    """A wrongly answered question, due again when its FSRS card says."""

    __table_args__ = (UniqueConstraint("learner_id", "topic_id", "question_key"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    topic_id: int = Field(foreign_key="topic.id")
    question_key: str  # hash of the prompt, stable when questions are reordered
    stage: int = 0  # right answers in a row
    due_at: datetime = Field(index=True)
    card: str = ""  # the FSRS memory card, as JSON (services/review_schedule.py)


class AppliedWrite(SQLModel, table=True):
    """The id of every write a browser sent that was applied, so a replayed batch
    (its reply was lost) changes nothing. Kept for `services.writes.KEEP_APPLIED`."""

    __table_args__ = (UniqueConstraint("learner_id", "write_id"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    write_id: str
    at: datetime = Field(default_factory=utcnow, index=True)


class ExerciseWork(SQLModel, table=True):
    """A learner's latest code for one exercise, and when it first passed its checks.

    The checks run in the learner's browser, so "solved" is the browser's word: it
    counts only towards that learner's own progress."""

    __table_args__ = (UniqueConstraint("learner_id", "topic_id", "exercise"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True)
    topic_id: int = Field(foreign_key="topic.id")
    exercise: str  # the exercise's slug within its topic
    code: str = ""
    solved_at: datetime | None = None  # once solved, it stays solved
    updated_at: datetime = Field(default_factory=utcnow)  # when `code` was written


class WeeklyGoal(SQLModel, table=True):
    """An optional goal of topics done per week; no row means no goal (off)."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", unique=True)
    topics: int  # topics newly marked Done per week, MIN_GOAL..MAX_GOAL (services/goals.py)
    # The IANA time zone of the browser that set it: weeks and days are counted on the
    # learner's own calendar, even in a tab that has not said where it is yet.
    zone: str = "UTC"
    updated_at: datetime = Field(default_factory=utcnow)
