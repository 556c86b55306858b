"""Runs a learner's code cell, or grades an exercise, and returns plain data.

This file is shipped into the browser (as the module `stack_explorer_runner` inside
assets/pyodide/site-packages.zip) and imported by `content check` in CPython, so an
exercise is graded the same way in both places.
"""

import ast
import contextlib
import io
import linecache
import os
import sys
import tempfile
import time
import traceback

OUTPUT_LIMIT = 10_000
CELL_FILE = "<cell>"
CHECKS_PRELUDE = "from exercise import *  # noqa: F403\n\n"
MODULES = ("exercise", "test_exercise")


class CappedOutput(io.StringIO):
    """Keeps the first OUTPUT_LIMIT characters; an endless print loop can't eat memory."""

    def __init__(self) -> None:
        super().__init__()
        self.cut = False

    def write(self, text: str) -> int:
        room = OUTPUT_LIMIT - self.tell()
        if room <= 0:
            self.cut = True
            return len(text)
        if len(text) > room:
            self.cut = True
        return super().write(text[:room])

    def text(self) -> str:
        shown = self.getvalue()
        return shown + f"\n… output cut at {OUTPUT_LIMIT:,} characters" if self.cut else shown


def _learner_traceback(error: BaseException, filename: str) -> str:
    """The traceback from the learner's own lines only: the runner's frames say nothing."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    for frame in frames:
        lines.append(f"  line {frame.lineno}, in {frame.name}\n")
        if frame.line:
            lines.append(f"    {frame.line}\n")
    if isinstance(error, SyntaxError) and error.filename == filename:
        return f"SyntaxError on line {error.lineno}: {error.msg}"
    lines.extend(traceback.format_exception_only(type(error), error))
    return "".join(lines).rstrip()


class ImportProgress:
    """A meta path finder that finds nothing: it calls `notify` (at most every
    `every_s`) while modules are being imported. The page's runaway limit starts again
    then: a first `import django` takes seconds on a slow device, and a loop that
    imports nothing new is still stopped."""

    def __init__(self, notify, every_s: float = 0.25):
        self.notify, self.every_s, self.last = notify, every_s, float("-inf")

    def find_spec(self, name, path=None, target=None):
        now = time.monotonic()
        if now - self.last >= self.every_s:
            self.last = now
            self.notify()
        return None


def prepare_browser(notify_importing) -> None:
    """Called once by the browser's worker, never in CPython.

    Pyodide's event loop always counts as running, so Django would refuse every
    database query from plain code as "async-unsafe"; the guard protects threads, and
    the browser has none."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    sys.meta_path.insert(0, ImportProgress(notify_importing))


def run_cell(code: str) -> dict:
    """Run `code` as a fresh `__main__`; the last line's value is shown when it is an
    expression (as an interactive prompt does)."""
    out, err = CappedOutput(), CappedOutput()
    namespace = {"__name__": "__main__"}
    # So that tracebacks can quote the learner's lines.
    linecache.cache[CELL_FILE] = (len(code), None, code.splitlines(keepends=True), CELL_FILE)
    result, error = None, None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            tree = ast.parse(code, CELL_FILE)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, CELL_FILE, "exec"), namespace)
            if last is not None:
                value = eval(compile(ast.Expression(last.value), CELL_FILE, "eval"), namespace)
                result = None if value is None else repr(value)[:OUTPUT_LIMIT]
        except BaseException as raised:  # SystemExit and all: shown, never fatal
            error = _learner_traceback(raised, CELL_FILE)
    return {"stdout": out.text(), "stderr": err.text(), "result": result, "error": error}


class _Outcomes:
    """A pytest plugin that keeps each check's name, result and message."""

    def __init__(self) -> None:
        self.checks: list[dict] = []
        self.broken: str | None = None

    def pytest_collectreport(self, report) -> None:
        if report.failed and self.broken is None:  # the learner's module raised on import
            errors = [line for line in str(report.longrepr).splitlines() if line.startswith("E ")]
            self.broken = _plain(errors[-1][1:] if errors else str(report.longrepr))

    def pytest_runtest_logreport(self, report) -> None:
        if report.when == "call" or report.failed:
            name = report.nodeid.split("::")[-1]
            message = ""
            if report.failed:
                crash = getattr(report.longrepr, "reprcrash", None)
                message = _plain(crash.message if crash else str(report.longrepr))
            self.checks.append(
                {"name": _sentence(name), "passed": report.passed, "message": message}
            )


def _sentence(test_name: str) -> str:
    words = test_name.removeprefix("test_").replace("_", " ")
    return words[:1].upper() + words[1:]


def _plain(message: str) -> str:
    """The first lines of a failure, without pytest's rewriting noise."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    first = lines[0] if lines else "failed"
    first = first.strip().removeprefix("AssertionError: ")
    return first[:500]


def check_exercise(code: str, checks: str) -> dict:
    """Run the hidden `checks` (a pytest module) against the learner's `code`."""
    import pytest

    try:
        compile(code, "exercise.py", "exec")
    except SyntaxError as error:
        return {
            "passed": False,
            "checks": [],
            "error": f"SyntaxError on line {error.lineno}: {error.msg}",
        }
    outcomes = _Outcomes()
    output = CappedOutput()
    with tempfile.TemporaryDirectory(prefix="exercise-") as folder:
        with open(os.path.join(folder, "exercise.py"), "w", encoding="utf-8") as file:
            file.write(code)
        with open(os.path.join(folder, "test_exercise.py"), "w", encoding="utf-8") as file:
            file.write(CHECKS_PRELUDE + checks)
        for name in MODULES:
            sys.modules.pop(name, None)
        sys.path.insert(0, folder)
        cwd = os.getcwd()
        os.chdir(folder)
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                pytest.main(["-q", "-p", "no:cacheprovider", folder], plugins=[outcomes])
        finally:
            os.chdir(cwd)
            sys.path.remove(folder)
    checks_ran = outcomes.checks
    passed = bool(checks_ran) and outcomes.broken is None and all(c["passed"] for c in checks_ran)
    return {"passed": passed, "checks": checks_ran, "error": outcomes.broken}
