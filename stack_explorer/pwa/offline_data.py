"""Data a page opened offline needs and cannot ask the server for, written into the
production build beside the pages (and precached with them).

- `offline/quiz-choices.json`: every self-check's choice texts, in file order, without
  which choice is right or why. Online, the choices come from the server in the
  learner's own order; offline, the page shuffles these itself (components/offline).
"""

import json
from pathlib import Path

from stack_explorer.catalog import get_catalog

QUIZ_CHOICES = "offline/quiz-choices.json"


def quiz_choices() -> dict[str, list[list[str]]]:
    return {
        slug: [[choice.text for choice in question.choices] for question in doc.meta.questions]
        for slug, doc in get_catalog().topics.items()
        if doc.meta.questions
    }


def write_offline_data(static_dir: Path) -> None:
    target = static_dir / QUIZ_CHOICES
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(quiz_choices(), ensure_ascii=False), encoding="utf-8")
