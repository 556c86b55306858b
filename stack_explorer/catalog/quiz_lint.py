"""Warnings about self-check questions a learner could answer without knowing the topic,
or would meet twice: `content check` prints them, and `--strict` (make check) fails on them.

- **Length:** the right answer is much longer than the wrong ones.
- **Shape:** only the right answer has a "diagnosis; fix" or "label: detail" shape.
- **Near-duplicates:** two topics ask the same scenario (the review queue would show it
  twice); measured as the share of content words their prompts and right answers share.
"""

import itertools
import re
import statistics

from stack_explorer.catalog.schema import Catalog, Question

# The right answer may be at most this much longer than the median wrong answer.
LENGTH_RATIO = 1.3
# Two questions sharing this share of their content words ask the same thing.
DUPLICATE_OVERLAP = 0.25
_SHAPE = re.compile(r";|:\s")
_WORD = re.compile(r"[a-z0-9_.+-]{3,}")
_COMMON = frozenset(
    "the and are was were its this that with for from your you their they when what which "
    "why how does did not can will into after before than then there out all one".split()
)


def _length(where: str, question: Question) -> str | None:
    right = next(len(c.text) for c in question.choices if c.correct)
    wrong = statistics.median(len(c.text) for c in question.choices if not c.correct)
    if right > LENGTH_RATIO * wrong:
        return (
            f"{where}: the right answer is {right / wrong:.1f}x as long as the others, "
            "so it can be guessed by length"
        )
    return None


def _shape(where: str, question: Question) -> str | None:
    right = next(c.text for c in question.choices if c.correct)
    if _SHAPE.search(right) and not any(
        _SHAPE.search(c.text) for c in question.choices if not c.correct
    ):
        return (
            f"{where}: only the right answer has a ';' or ': ' shape, so it can be guessed "
            "by its punctuation; give the other choices the same shape, or none"
        )
    return None


def _words(question: Question) -> frozenset[str]:
    right = next(c.text for c in question.choices if c.correct)
    text = f"{question.prompt} {right}".lower()
    return frozenset(w for w in _WORD.findall(text) if w not in _COMMON)


def near_duplicates(catalog: Catalog) -> list[str]:
    asked = [
        (doc, number, _words(question))
        for doc in catalog.topics.values()
        for number, question in enumerate(doc.meta.questions, start=1)
    ]
    warnings = []
    for (doc, number, words), (other, other_number, other_words) in itertools.combinations(
        asked, 2
    ):
        if doc.slug == other.slug or not words or not other_words:
            continue
        overlap = len(words & other_words) / len(words | other_words)
        if overlap >= DUPLICATE_OVERLAP:
            warnings.append(
                f"{other.path}: questions.{other_number}: asks the same scenario as "
                f"{doc.slug} question {number} ({overlap:.0%} of their words shared); "
                "ask about this topic's own part instead"
            )
    return warnings


def giveaways(catalog: Catalog) -> list[str]:
    """One line per question that can be guessed, or that another topic already asks."""
    warnings = []
    for doc in catalog.topics.values():
        for number, question in enumerate(doc.meta.questions, start=1):
            where = f"{doc.path}: questions.{number}"
            warnings += filter(None, (_length(where, question), _shape(where, question)))
    return warnings + near_duplicates(catalog)
