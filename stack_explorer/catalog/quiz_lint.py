"""Warnings about self-check questions whose right answer can be guessed without reading."""

import statistics

from stack_explorer.catalog.schema import Catalog

# The right answer may be at most this much longer than the median wrong answer.
LENGTH_RATIO = 1.3


def giveaways(catalog: Catalog) -> list[str]:
    """One line per question whose right answer stands out by its length."""
    warnings = []
    for doc in catalog.topics.values():
        for number, question in enumerate(doc.meta.questions, start=1):
            right = next(len(c.text) for c in question.choices if c.correct)
            wrong = statistics.median(len(c.text) for c in question.choices if not c.correct)
            if right > LENGTH_RATIO * wrong:
                warnings.append(
                    f"{doc.path}: questions.{number}: the right answer is {right / wrong:.1f}x as "
                    "long as the others, so it can be guessed by length"
                )
    return warnings
