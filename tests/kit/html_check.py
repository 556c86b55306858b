"""Validates the prerendered pages of a production build with the W3C Nu HTML checker.

The checker (npm package `vnu-jar`, pinned in tests/tools/package.json) runs once, in
one JVM, over every distinct page and the app's own stylesheet.
"""

import hashlib
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "tests/tools/node_modules/vnu-jar/build/dist/vnu.jar"
BUILD = ROOT / ".web/build/client"

# The app shell React Router writes for client-side routes (404.html is a copy of it).
# It is not a page: it has no content and gets its title once the client renders a route.
SPA_SHELLS = {"__spa-fallback.html", "404.html"}

# Reflex's styling engine (Emotion) writes each component's <style data-emotion> just
# before the component, anywhere in the body. That is the one accepted error.
EMOTION_STYLE_MESSAGE = "A “style” element in “body” must be the first child of its parent."


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}\n    {self.extract!r}"


def prerendered_pages(build: Path = BUILD) -> list[Path]:
    """Every prerendered page, once: `x.html` and `x/index.html` are the same bytes."""
    seen: set[str] = set()
    pages = []
    for path in sorted(build.rglob("*.html"), key=lambda p: p.relative_to(build).as_posix()):
        if path.relative_to(build).as_posix() in SPA_SHELLS:
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            pages.append(path)
    return pages


def own_stylesheets(build: Path = BUILD) -> list[Path]:
    """The app's stylesheets as served (copied from assets/). Radix Themes' bundle is not
    ours; the checker's CSS grammar predates the CSS Color 4 syntax it uses."""
    return sorted(build.glob("*.css"))


def _is_emotion_style(message: dict) -> bool:
    start, length = message.get("hiliteStart", 0), message.get("hiliteLength", 0)
    highlighted = message.get("extract", "")[start : start + length]
    return message["message"] == EMOTION_STYLE_MESSAGE and highlighted.startswith(
        "<style data-emotion="
    )


def check(files: list[Path]) -> list[Problem]:
    """Run the checker over `files` (HTML, and CSS files ending in .css) in one JVM."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError(
            "Java 17+ is needed for the HTML check (Debian: apt-get install default-jre-headless)"
        )
    if not VNU_JAR.exists():
        raise RuntimeError(
            f"{VNU_JAR.relative_to(ROOT)} is missing: run `make e2e` (npm ci in tests/tools)"
        )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--also-check-css"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        check=False,
    )
    # The checker writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(result.stderr or result.stdout)
    problems = []
    for message in report["messages"]:
        if _is_emotion_style(message):  # --errors-only: everything else counts
            continue
        url = message.get("url", "")
        file = url.removeprefix("file:").replace("/./", "/")
        if file.startswith(str(BUILD)):
            file = file[len(str(BUILD)) + 1 :]
        problems.append(
            Problem(
                file, message.get("lastLine", 0), message["message"], message.get("extract", "")
            )
        )
    return problems
