"""Child process of `exercise_check`: runs each case with the browser's own runner
(`stack_explorer.runtime.runner`: a runnable example as a cell, else an exercise
against its checks) and writes one result per case.

    python -m stack_explorer.catalog.exercise_runner CASES.json RESULTS.json
"""

import json
import sys
from pathlib import Path

from stack_explorer.runtime.runner import check_exercise, run_cell


def main(cases_file: str, results_file: str) -> None:
    cases = json.loads(Path(cases_file).read_text(encoding="utf-8"))
    results = []
    for case in cases:
        if case["checks"] is None:
            ran = run_cell(case["code"])
            results.append({"passed": not ran["error"], "summary": ran["error"] or ""})
            continue
        graded = check_exercise(case["code"], case["checks"])
        failing = [c for c in graded["checks"] if not c["passed"]]
        summary = graded["error"] or (
            f"{failing[0]['name']}: {failing[0]['message']}" if failing else ""
        )
        results.append({"passed": graded["passed"], "summary": summary})
    Path(results_file).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
