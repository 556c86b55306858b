"""The export file's format: what `transfer` writes and accepts, checked strictly.

Format (version 1):
    {"format": "stack-explorer-export", "version": 1, "exported_at": "<ISO 8601>",
     "progress": [{"topic": "<slug>", "status": "done|learning|skipped|not-started",
                   "updated_at": "<ISO 8601>"}],
     "notes": [{"topic": "<slug>", "body": "<Markdown>", "updated_at": "<ISO 8601>"}],
     "exercises": [{"topic": "<slug>", "exercise": "<slug>", "code": "<Python>",
                    "solved_at": "<ISO 8601>" | null, "updated_at": "<ISO 8601>"}],
     "weekly_goal": {"topics": 1-7, "zone": "<IANA time zone>", "updated_at": "<ISO 8601>"}}

"exercises" and "weekly_goal" came later within version 1: a file without them imports
as before. "weekly_goal" is left out (or null) when the learner has no goal.
"""

from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from stack_explorer import status as st
from stack_explorer.catalog.schema import SLUG_PATTERN
from stack_explorer.services import goals
from stack_explorer.services.exercises import MAX_CODE_CHARS
from stack_explorer.services.text import storable

FORMAT = "stack-explorer-export"
VERSION = 1
MAX_RECORDS = 5_000

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
_BY_LABEL = {label.lower(): value for value, label in st.LABELS.items()}


def _status_value(value: object) -> object:
    """A hand-edited file may name a status as the app shows it ("Not started")."""
    return _BY_LABEL.get(value.strip().lower(), value) if isinstance(value, str) else value


Status = Annotated[Literal[st.ALL], BeforeValidator(_status_value)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProgressRecord(_Strict):
    topic: Slug
    status: Status
    updated_at: AwareDatetime


class NoteRecord(_Strict):
    # No length limit here, so an export never fails; the merge enforces the note limit.
    topic: Slug
    body: str
    updated_at: AwareDatetime

    @field_validator("body")
    @classmethod
    def _storable(cls, body: str) -> str:
        return storable(body, "A note in this file")


class ExerciseRecord(_Strict):
    topic: Slug
    exercise: Slug
    code: Annotated[str, StringConstraints(max_length=MAX_CODE_CHARS)]
    solved_at: AwareDatetime | None = None
    updated_at: AwareDatetime

    @field_validator("code")
    @classmethod
    def _storable(cls, code: str) -> str:
        return storable(code, "Code in this file")


class GoalRecord(_Strict):
    topics: Annotated[int, Field(ge=goals.MIN_GOAL, le=goals.MAX_GOAL)]
    zone: str
    updated_at: AwareDatetime

    @field_validator("zone")
    @classmethod
    def _known(cls, zone: str) -> str:
        try:
            return goals.check_zone(zone)
        except goals.InvalidRequest as error:
            raise ValueError(str(error)) from None


class ExportFile(_Strict):
    format: Literal["stack-explorer-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    progress: list[ProgressRecord] = Field(default=[], max_length=MAX_RECORDS)
    notes: list[NoteRecord] = Field(default=[], max_length=MAX_RECORDS)
    exercises: list[ExerciseRecord] = Field(default=[], max_length=MAX_RECORDS)
    weekly_goal: GoalRecord | None = None  # none: no goal (or a file from before goals)
