"""The Python side of Run and Check (`stack_explorer/runtime/runner.py`), in CPython:
the browser imports the same file."""

import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

from stack_explorer.runtime import runner
from stack_explorer.runtime.runner import OUTPUT_LIMIT, run_cell

GRADE = (
    "import json, sys\n"
    "from stack_explorer.runtime.runner import check_exercise\n"
    "print(json.dumps([check_exercise(code, sys.argv[-1]) for code in sys.argv[1:-1]]))"
)


def check_exercise(*codes_then_checks: str) -> dict | list[dict]:
    """Grade in a child process, as in the browser: pytest does not nest in pytest."""
    run = subprocess.run(
        [sys.executable, "-c", GRADE, *codes_then_checks],
        capture_output=True,
        text=True,
        check=True,
    )
    results = json.loads(run.stdout.strip().splitlines()[-1])
    return results[0] if len(results) == 1 else results


CHECKS = """
def test_doubles_four():
    assert double(4) == 8, f"double(4) should be 8, got {double(4)}"


def test_doubles_zero():
    assert double(0) == 0
"""


def test_a_cell_shows_its_output_and_the_last_expressions_value():
    ran = run_cell("total = 40\nprint('adding')\ntotal + 2")
    assert ran == {"stdout": "adding\n", "stderr": "", "result": "42", "error": None}
    assert run_cell("print('only output')")["result"] is None


def test_a_traceback_names_only_the_learners_lines():
    ran = run_cell("def share(total, people):\n    return total / people\n\nshare(1, 0)")
    assert ran["error"].splitlines() == [
        "Traceback (most recent call last):",
        "  line 4, in <module>",
        "    share(1, 0)",
        "  line 2, in share",
        "    return total / people",
        "ZeroDivisionError: division by zero",
    ]
    assert run_cell("print('x'")["error"].startswith("SyntaxError on line 1:")


def test_output_is_capped_and_says_so():
    ran = run_cell("print('x' * (3 * 10_000))")
    assert len(ran["stdout"]) < OUTPUT_LIMIT + 100
    assert ran["stdout"].endswith(f"output cut at {OUTPUT_LIMIT:,} characters")


def test_exit_is_shown_not_fatal():
    assert "SystemExit" in run_cell("raise SystemExit(3)")["error"]


def test_checks_are_named_in_words_with_the_failing_message():
    graded = check_exercise("def double(n):\n    return n\n", CHECKS)
    assert graded["passed"] is False
    assert graded["checks"] == [
        {"name": "Doubles four", "passed": False, "message": "double(4) should be 8, got 4"},
        {"name": "Doubles zero", "passed": True, "message": ""},
    ]
    assert check_exercise("def double(n):\n    return 2 * n\n", CHECKS)["passed"] is True


def test_code_that_cannot_load_explains_why_and_passes_nothing():
    broken = check_exercise("def double(n)\n    return n\n", CHECKS)
    assert broken == {"passed": False, "checks": [], "error": "SyntaxError on line 1: expected ':'"}
    raising = check_exercise("import not_a_module\n", CHECKS)
    assert raising["passed"] is False
    assert raising["error"] == "ModuleNotFoundError: No module named 'not_a_module'"


def test_each_check_sees_only_this_learners_code():
    wrong, right = check_exercise(
        "def double(n):\n    return n\n", "def double(n):\n    return 2 * n\n", CHECKS
    )
    assert wrong["passed"] is False and right["passed"] is True


def test_every_function_the_cells_call_is_exported_by_the_page_script():
    """cells.py names code_runner.js's functions as strings: a missing export would only
    show when the frontend is built."""
    runtime = Path(__file__).parents[2] / "stack_explorer" / "runtime"
    called = set(re.findall(r'_call\(\s*"(\w+)"', (runtime / "cells.py").read_text()))
    exported = set(
        re.findall(
            r"^export (?:async )?function (\w+)", (runtime / "code_runner.js").read_text(), re.M
        )
    )
    assert called and called <= exported, f"not exported: {sorted(called - exported)}"


def test_imports_tell_the_page_they_are_under_way_at_a_bounded_rate():
    calls = []
    progress = runner.ImportProgress(lambda: calls.append(1), every_s=3600)
    sys.meta_path.insert(0, progress)
    try:
        for _ in range(2):  # the second import falls within the interval
            sys.modules.pop("colorsys", None)
            importlib.import_module("colorsys")
    finally:
        sys.meta_path.remove(progress)
    assert calls == [1]
    assert progress.find_spec("anything") is None  # it never finds a module itself
