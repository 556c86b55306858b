"""The content schema: what a topic file's front matter may hold."""

import functools
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ResourceType = Literal["official", "docs", "article", "video", "course", "book", "tool"]
# Tutorials, talks and books from outside the project, beside its own documentation.
INDEPENDENT_RESOURCES = frozenset({"article", "video", "course", "book"})
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Resource(Strict):
    type: ResourceType
    title: Text
    url: str

    @field_validator("url")
    @classmethod
    def _is_web_link(cls, url: str) -> str:
        if not URL_PATTERN.match(url):
            raise ValueError(f"malformed link {url!r}: expected an http(s) URL")
        return url


class Example(Strict):
    language: Text = "text"
    code: Text
    # A Python example that cannot run in the learner's browser (it needs a server
    # process, the network, Docker...) says why in one line instead of offering Run.
    cannot_run: Text | None = None


class Exercise(Strict):
    """A task solved in the browser and graded by hidden pytest checks.

    `checks` is a pytest module run beside the learner's code: every name the
    learner's code defines is in scope. `content check` runs `solution` against
    `checks` in CPython (all must pass) and `starter` (at least one must fail).
    """

    slug: Slug
    title: Text
    task: Text
    starter: Text
    solution: Text
    checks: Text
    hints: list[Text] = Field(default=[], max_length=4)


class Choice(Strict):
    text: Text
    correct: bool = False
    explanation: Text


class Question(Strict):
    prompt: Text
    choices: list[Choice] = Field(min_length=2, max_length=6)

    @field_validator("choices")
    @classmethod
    def _one_correct(cls, choices: list[Choice]) -> list[Choice]:
        if sum(choice.correct for choice in choices) != 1:
            raise ValueError("exactly one choice must have correct: true")
        return choices


class TopicMeta(Strict):
    slug: Slug
    title: Text
    layer: Slug
    order: int = Field(ge=0)
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=160)]
    aliases: list[Text] = []
    key_concepts: list[Text] = Field(default=[], max_length=12)
    prerequisites: list[Slug] = []
    related: list[Slug] = []
    resources: list[Resource] = Field(min_length=2)
    example: Example | None = None
    questions: list[Question] = []
    exercises: list[Exercise] = Field(default=[], max_length=6)
    # Why the topic is on no learning path (every other topic is on at least one).
    off_path: Text | None = None
    # Former slugs of this topic: sync renames the old row so progress follows.
    renamed_from: list[Slug] = []

    @field_validator("resources")
    @classmethod
    def _official_first(cls, resources: list[Resource]) -> list[Resource]:
        if resources and resources[0].type != "official":
            raise ValueError("the first resource must be of type official")
        if not any(r.type in INDEPENDENT_RESOURCES for r in resources):
            raise ValueError(
                "add at least one independent resource (an article, video, course or book)"
            )
        return resources

    @field_validator("exercises")
    @classmethod
    def _unique_exercises(cls, exercises: list[Exercise]) -> list[Exercise]:
        slugs = [exercise.slug for exercise in exercises]
        if len(slugs) != len(set(slugs)):
            raise ValueError("each exercise needs its own slug")
        return exercises


class LayerMeta(Strict):
    slug: Slug
    name: Text
    order: int
    tagline: Text
    description: Text
    icon: Text = "layers"


@dataclass(frozen=True)
class TopicDoc:
    """A validated topic: front matter plus the Markdown body."""

    meta: TopicMeta
    body: str
    path: str

    @property
    def slug(self) -> str:
        return self.meta.slug

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def layer(self) -> str:
        return self.meta.layer

    @functools.cached_property  # counted once: every identity check sums it per path
    def reading_minutes(self) -> int:
        """At 200 words a minute, code counted as words too (it is read more slowly)."""
        text = self.body + (self.meta.example.code if self.meta.example else "")
        return max(1, round(len(re.findall(r"\w+", text)) / WORDS_PER_MINUTE))

    @property
    def practice_minutes(self) -> int:
        return PRACTICE_MINUTES * len(self.meta.exercises)


WORDS_PER_MINUTE = 200
PRACTICE_MINUTES = 10  # per exercise: read the task, write, check, fix


def time_to_learn(docs: list[TopicDoc]) -> str:
    """ "25 min read, 30 min practice", or in hours once past an hour."""

    def span(minutes: int) -> str:
        return f"{minutes} min" if minutes < 60 else f"{minutes / 60:.1f} h".replace(".0 h", " h")

    reading = sum(doc.reading_minutes for doc in docs)
    practice = sum(doc.practice_minutes for doc in docs)
    return f"{span(reading)} read" + (f", {span(practice)} practice" if practice else "")


LayerDoc = LayerMeta


class PathMeta(Strict):
    """A curated learning path: an ordered list of topics with an introduction."""

    slug: Slug
    title: Text
    order: int = 0
    summary: Text
    intro: Text
    topics: list[Slug] = Field(min_length=2)


class Criterion(Strict):
    name: Text
    values: dict[Slug, Text]


class ComparisonMeta(Strict):
    """A side-by-side table of alternatives within one layer."""

    slug: Slug
    title: Text
    layer: Slug
    summary: Text
    intro: Text
    topics: list[Slug] = Field(min_length=2)
    criteria: list[Criterion] = Field(min_length=1)
    choose: dict[Slug, Text]


class Pairing(Strict):
    parts: tuple[Slug, Slug]
    fit: Literal["common", "workable", "unusual"]
    note: Text
    glue: Text


class StackMeta(Strict):
    """What the stack builder offers per layer, and notes on how choices fit together."""

    options: dict[Slug, list[Slug]]
    hops: dict[str, Text] = {}
    pairings: list[Pairing] = []

    def pairing(self, first: str, second: str) -> Pairing | None:
        wanted = {first, second}
        return next((p for p in self.pairings if set(p.parts) == wanted), None)


@dataclass(frozen=True)
class Catalog:
    """Layers in display order, topics by slug (each layer's topics in order)."""

    layers: tuple[LayerDoc, ...]
    topics: dict[str, TopicDoc]
    pages: dict[str, str] = field(default_factory=dict)
    paths: dict[str, PathMeta] = field(default_factory=dict)
    comparisons: dict[str, ComparisonMeta] = field(default_factory=dict)
    stacks: StackMeta | None = None

    def layer(self, slug: str) -> LayerDoc:
        return next(layer for layer in self.layers if layer.slug == slug)

    @functools.cached_property  # a catalog does not change once loaded
    def _by_layer(self) -> dict[str, tuple[TopicDoc, ...]]:
        ordered = sorted(self.topics.values(), key=lambda t: (t.meta.order, t.title))
        return {
            layer.slug: tuple(t for t in ordered if t.layer == layer.slug) for layer in self.layers
        }

    def topics_in(self, layer_slug: str) -> list[TopicDoc]:
        return list(self._by_layer.get(layer_slug, ()))

    def neighbours(self, slug: str) -> tuple[TopicDoc | None, TopicDoc | None]:
        """Previous and next topic within the same layer."""
        siblings = self.topics_in(self.topics[slug].layer)
        index = next(i for i, t in enumerate(siblings) if t.slug == slug)
        previous = siblings[index - 1] if index > 0 else None
        following = siblings[index + 1] if index + 1 < len(siblings) else None
        return previous, following

    def layer_totals(self) -> dict[str, int]:
        return {layer: len(topics) for layer, topics in self._by_layer.items()}
