"""Child process of `exercise_check`: runs each case with the browser's own runner
(`stack_explorer.runtime.runner`: a runnable example as a cell, else an exercise
against its checks) and writes one result per case.

    python -m stack_explorer.catalog.exercise_runner CASES.json RESULTS.json

Only what the browser has can be imported: the standard library and the packages in
`runtime/browser-packages.txt`. Anything else installed here (Reflex, pydantic, redis)
raises ModuleNotFoundError, as it would for the learner.
"""

import importlib.abc
import importlib.metadata
import json
import re
import sys
from pathlib import Path

from stack_explorer.runtime.runner import check_exercise, run_cell

LOCK = Path(__file__).parents[1] / "runtime" / "browser-packages.txt"


def _browser_distributions() -> set[str]:
    names = re.findall(r"^([A-Za-z0-9_.-]+)==", LOCK.read_text(), re.MULTILINE)
    return {name.lower().replace("_", "-") for name in names}


def _not_in_browser() -> set[str]:
    """Top-level modules installed here whose distribution the browser lacks."""
    browser = _browser_distributions()
    blocked = set()
    for module, distributions in importlib.metadata.packages_distributions().items():
        if not any(d.lower().replace("_", "-") in browser for d in distributions):
            blocked.add(module)
    return blocked - {"stack_explorer"}


class _BrowserOnly(importlib.abc.MetaPathFinder):
    def __init__(self, blocked: set[str]) -> None:
        self.blocked = blocked

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in self.blocked:
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return None


def _browser_only() -> None:
    blocked = _not_in_browser()
    for loaded in [m for m in sys.modules if m.partition(".")[0] in blocked]:
        del sys.modules[loaded]
    sys.meta_path.insert(0, _BrowserOnly(blocked))


def main(cases_file: str, results_file: str) -> None:
    cases = json.loads(Path(cases_file).read_text(encoding="utf-8"))
    _browser_only()
    results = []
    for case in cases:
        if case["checks"] is None:
            ran = run_cell(case["code"])
            results.append({"passed": not ran["error"], "summary": ran["error"] or ""})
            continue
        graded = check_exercise(case["code"], case["checks"])
        failing = [c for c in graded["checks"] if not c["passed"]]
        first_failure = f"{failing[0]['name']}: {failing[0]['message']}" if failing else ""
        results.append({"passed": graded["passed"], "summary": graded["error"] or first_failure})
    Path(results_file).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
