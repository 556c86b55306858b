"""The learner's work on a topic's exercises: which are solved, and their latest code.

A Check runs in the browser (runtime/code_runner.js); its result reaches the server
as a queued "exercise" write (services/writes.py), which lands here and in the
learner's other tabs. The editors take the saved code when it is newer than the
draft this browser kept.
"""

import reflex as rx

from stack_explorer.catalog.schema import Exercise
from stack_explorer.learner.context import on_detach
from stack_explorer.runtime.cells import ExerciseProgress, exercises_section
from stack_explorer.services import exercises


class ExerciseState(rx.State):
    slug: str = ""
    solved: list[str] = []  # exercise slugs
    code: dict[str, str] = {}  # exercise slug -> the learner's saved code
    code_at: dict[str, float] = {}  # exercise slug -> when it was written (ms)
    # Bumped when saved code arrives from the server, to remount the editors with it.
    revision: int = 0


def show_loaded(state: ExerciseState, slug: str, found: dict[str, exercises.Work]) -> None:
    state.slug = slug
    state.solved = sorted(name for name, work in found.items() if work.solved)
    state.code = {name: work.code for name, work in found.items()}
    state.code_at = {name: work.updated_ms for name, work in found.items()}
    state.revision += 1


def show_work(state: ExerciseState, slug: str, found: dict[str, exercises.Work]) -> None:
    """The server recorded a check on `slug`: show it if this tab is on that topic."""
    if state.slug == slug:
        show_loaded(state, slug, found)


def _clear(state: ExerciseState) -> None:
    show_loaded(state, "", {})


on_detach(ExerciseState, _clear)


def practise(slug: str, items: list[Exercise]) -> rx.Component:
    """The topic's exercises, with what this learner has solved."""
    loaded = ExerciseState.slug == slug
    return exercises_section(
        items,
        ExerciseProgress(
            topic=slug,
            solved=lambda exercise: loaded & ExerciseState.solved.contains(exercise),
            summary=rx.cond(
                loaded, ExerciseState.solved.length().to_string() + f" of {len(items)} solved", ""
            ),
            saved_code=lambda exercise: ExerciseState.code.get(exercise, "").to(str),
            saved_at=lambda exercise: ExerciseState.code_at.get(exercise, 0).to(float),
            revision=ExerciseState.revision,
        ),
    )
