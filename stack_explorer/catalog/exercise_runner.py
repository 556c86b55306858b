"""Child process of `exercise_check`: runs each case's code against its checks with
pytest, in this one interpreter, and writes one result per case.

    python -m stack_explorer.catalog.exercise_runner CASES.json RESULTS.json

Each case gets a fresh folder and fresh `exercise`/`test_exercise` modules, as a
fresh worker would in the browser.
"""

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

CHECKS_PRELUDE = "from exercise import *  # noqa: F403\n\n"
MODULES = ("exercise", "test_exercise")


def run_case(code: str, checks: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="exercise-") as folder:
        Path(folder, "exercise.py").write_text(code, encoding="utf-8")
        Path(folder, "test_exercise.py").write_text(CHECKS_PRELUDE + checks, encoding="utf-8")
        for name in MODULES:
            sys.modules.pop(name, None)
        output = io.StringIO()
        sys.path.insert(0, folder)
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                exit_code = pytest.main(["-q", "-p", "no:cacheprovider", folder])
        finally:
            os.chdir(cwd)
            sys.path.remove(folder)
    lines = output.getvalue().strip().splitlines()
    return {"passed": exit_code == pytest.ExitCode.OK, "summary": lines[-1] if lines else ""}


def main(cases_file: str, results_file: str) -> None:
    cases = json.loads(Path(cases_file).read_text(encoding="utf-8"))
    results = [run_case(case["code"], case["checks"]) for case in cases]
    Path(results_file).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
