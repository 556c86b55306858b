"""The writes the browser's queue sends, as the server accepts them, and how each is
named to the learner when it is not applied (stack_explorer/services/writes.py applies them).

Everything here is untrusted input: strict types, no conversion, unknown kinds refused.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog

ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
Device = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{0,40}$")]
Slug = Annotated[str, StringConstraints(max_length=100)]
Status = Literal[st.NOT_STARTED, st.LEARNING, st.DONE, st.SKIPPED]
Millis = Annotated[float, Field(ge=0)]


class _Item(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)
    id: ItemId
    at: Millis = 0  # when the learner made it, by the browser's clock


class TopicItem(_Item):
    slug: Slug
    seen: Millis = 0
    device: Device = ""


class StatusWrite(TopicItem):
    kind: Literal["status"]
    status: Status


class NoteWrite(TopicItem):
    kind: Literal["note"]
    body: str  # its length and characters are checked by the notes service


class QuizWrite(_Item):
    kind: Literal["quiz"]
    slug: Slug
    answers: Annotated[dict[str, str | int], Field(max_length=100)]


class ExerciseWrite(_Item):
    kind: Literal["exercise"]
    slug: Slug
    exercise: Slug
    code: str  # its length and characters are checked by the exercises service
    solved: bool


class LayerWrite(_Item):
    kind: Literal["layer"]
    layer: Slug
    status: Literal[st.DONE, st.NOT_STARTED]


class PathWrite(_Item):
    kind: Literal["path"]
    path: Slug  # "" stops following


class GoalWrite(_Item):
    kind: Literal["goal"]
    topics: int  # its range is checked by the goals service, with a message; 0 is off
    zone: Annotated[str, StringConstraints(max_length=64)]  # the browser's IANA time zone


Write = StatusWrite | NoteWrite | QuizWrite | ExerciseWrite | LayerWrite | PathWrite | GoalWrite
WRITE = TypeAdapter(Annotated[Write, Field(discriminator="kind")])
WRITE_ID = TypeAdapter(ItemId)


def title(slug: str) -> str:
    doc = get_catalog().topics.get(slug)
    return doc.title if doc else "an unknown topic"


def describe(item: Write) -> str:
    """The write, in the learner's words, for a message that it was not applied."""
    if isinstance(item, StatusWrite):
        return f"your status for {title(item.slug)}"
    if isinstance(item, NoteWrite):
        return f"your note on {title(item.slug)}"
    if isinstance(item, QuizWrite):
        return f"your answers to the {title(item.slug)} self-check"
    if isinstance(item, ExerciseWrite):
        return f"your code for an exercise on {title(item.slug)}"
    if isinstance(item, LayerWrite):
        return "your change to a whole layer"
    if isinstance(item, GoalWrite):
        return "your weekly goal"
    return "your choice of learning path"
