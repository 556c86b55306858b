"""Runs every exercise's reference solution against its hidden checks in CPython.

The browser runs the same files the same way: the learner's code is the module
`exercise`, and the checks are a pytest module that starts with
`from exercise import *`, so every name the learner defines is in scope.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from stack_explorer.catalog.schema import Catalog, Exercise

CHECKS_PRELUDE = "from exercise import *  # noqa: F403\n\n"
TIMEOUT_SECONDS = 60


def _passes(code: str, exercise: Exercise) -> tuple[bool, str]:
    with tempfile.TemporaryDirectory(prefix="exercise-") as folder:
        Path(folder, "exercise.py").write_text(code, encoding="utf-8")
        Path(folder, "test_exercise.py").write_text(
            CHECKS_PRELUDE + exercise.checks, encoding="utf-8"
        )
        try:
            run = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", folder],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return False, f"timed out after {TIMEOUT_SECONDS} s"
    lines = (run.stdout + run.stderr).strip().splitlines()
    return run.returncode == 0, lines[-1] if lines else ""


def exercise_problems(catalog: Catalog) -> list[str]:
    """One line per exercise whose solution fails its checks or whose starter passes them."""
    problems = []
    for doc in catalog.topics.values():
        for exercise in doc.meta.exercises:
            where = f"{doc.path}: exercises.{exercise.slug}"
            solved, summary = _passes(exercise.solution, exercise)
            if not solved:
                problems.append(f"{where}: the solution fails its checks ({summary})")
            unsolved, _ = _passes(exercise.starter, exercise)
            if unsolved:
                problems.append(f"{where}: the starter code already passes every check")
    return problems
