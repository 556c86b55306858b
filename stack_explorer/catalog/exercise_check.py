"""Runs every exercise's reference solution against its hidden checks in CPython, and
every example offered with Run, which must run without an error.

The browser runs the same files the same way: the learner's code is the module
`exercise`, and the checks are a pytest module that starts with
`from exercise import *`, so every name the learner defines is in scope.

All runs share one child process (`exercise_runner`): starting pytest once per run
cost about a second each, minutes for the whole catalog.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from stack_explorer.catalog.schema import Catalog

TIMEOUT_SECONDS = 300

# (code, checks) -> result, so that checking the catalog again in one process (the
# unit tests do, on edited copies) reruns only what changed.
_results: dict[tuple[str, str | None], dict] = {}


def _run_all(cases: list[dict]) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="exercises-") as folder:
        given, results = Path(folder, "cases.json"), Path(folder, "results.json")
        given.write_text(json.dumps(cases), encoding="utf-8")
        try:
            run = subprocess.run(
                [sys.executable, "-m", "stack_explorer.catalog.exercise_runner", given, results],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                # No pytest plugins from this environment: the browser has none.
                env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
            )
        except subprocess.TimeoutExpired:
            return [{"passed": False, "summary": f"timed out after {TIMEOUT_SECONDS} s"}] * len(
                cases
            )
        if not results.exists():  # the runner itself died: blame every case, show why
            tail = (run.stderr.strip().splitlines() or ["no output"])[-1]
            return [{"passed": False, "summary": tail}] * len(cases)
        return json.loads(results.read_text(encoding="utf-8"))


def _runnable_examples(catalog: Catalog) -> list[tuple[str, str]]:
    return [
        (f"{doc.path}: example", doc.meta.example.code)
        for doc in catalog.topics.values()
        if doc.meta.example
        and doc.meta.example.language == "python"
        and not doc.meta.example.cannot_run
    ]


def _run(keys: list[tuple[str, str | None]]) -> list[dict]:
    new = sorted({key for key in keys if key not in _results}, key=repr)
    if new:
        cases = [{"code": code, "checks": checks} for code, checks in new]
        _results.update(zip(new, _run_all(cases), strict=True))
    return [_results[key] for key in keys]


def exercise_problems(catalog: Catalog) -> list[str]:
    """One line per exercise whose solution fails its checks or whose starter passes
    them, and per runnable example that raises."""
    exercises = [
        (f"{doc.path}: exercises.{exercise.slug}", exercise)
        for doc in catalog.topics.values()
        for exercise in doc.meta.exercises
    ]
    examples = _runnable_examples(catalog)
    keys = [
        (code, exercise.checks)
        for _, exercise in exercises
        for code in (exercise.solution, exercise.starter)
    ] + [(code, None) for _, code in examples]
    results = _run(keys) if keys else []
    problems = []
    for index, (where, _) in enumerate(exercises):
        solution, starter = results[2 * index], results[2 * index + 1]
        if not solution["passed"]:
            problems.append(f"{where}: the solution fails its checks ({solution['summary']})")
        if starter["passed"]:
            problems.append(f"{where}: the starter code already passes every check")
    for (where, _), ran in zip(examples, results[2 * len(exercises) :], strict=True):
        if not ran["passed"]:
            last = ran["summary"].splitlines()[-1]
            problems.append(
                f"{where}: offered with Run but raises {last}; fix it, or say why it "
                "cannot run in a browser in example.cannot_run"
            )
    return problems
