"""Python in the learner's browser (Pyodide in a Web Worker), in a real Chromium against
the production build: run a cell, a traceback at the learner's line, an endless loop
stopped, an exercise checked wrong then right, and code that tries to leave the worker."""

import contextlib
import http.server
import json
import re
import threading

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from stack_explorer.catalog import get_catalog
from tests.e2e.conftest import embedded_only
from tests.e2e.test_offline_reading import paths_of, precached

pytestmark = embedded_only  # the same static build in both modes: one run is enough

CATALOG = get_catalog()
EXAMPLE_TOPIC = CATALOG.topics["python"]
EXERCISE_TOPIC = CATALOG.topics["functions-and-decorators"]
EXERCISE = EXERCISE_TOPIC.meta.exercises[0]
EXERCISES = len(EXERCISE_TOPIC.meta.exercises)
CELL = f"exercise-{EXERCISE.slug}"
# The first Run downloads and starts the runtime: allow for a slow machine.
STARTUP_MS = 60_000


@pytest.fixture(autouse=True)
def nothing_refused_by_the_policy(page: Page):
    """The app's Content-Security-Policy allows everything the runtime needs."""
    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    yield
    assert not refused


def hydrated(page: Page) -> None:
    """React owns the editors now: text typed earlier would be mixed with the starter."""
    page.wait_for_function(
        "[...document.querySelectorAll('textarea.cell-editor')]"
        ".every((el) => Object.keys(el).some((key) => key.startsWith('__reactProps')))"
    )


def example_cell(page: Page, url: str) -> tuple[Locator, Locator]:
    page.goto(f"{url}/topics/{EXAMPLE_TOPIC.slug}")
    hydrated(page)
    cell = page.locator("[data-cell=example]")
    output = page.get_by_role("status", name=f"{EXAMPLE_TOPIC.title} example output")
    return cell, output


def code_editor(cell: Locator) -> Locator:
    """The cell's code editor, as a learner reaches it: a click loads CodeMirror."""
    cell.get_by_role("textbox").first.click()
    editor = cell.locator(".cm-content")
    expect(editor).to_be_visible()
    return editor


def write_code(cell: Locator, code: str) -> None:
    code_editor(cell).fill(code)


def code_of(cell: Locator) -> Locator:
    """What the cell holds (the box Run and Check read), for value assertions."""
    return cell.locator("textarea")


def run(page: Page, cell: Locator, code: str) -> None:
    write_code(cell, code)
    cell.locator(".cm-content").press("Control+Enter")


@pytest.fixture
def cell(app_server, page: Page):
    example, output = example_cell(page, app_server.url)
    # Nothing of the runtime loads before the first Run.
    loaded = page.evaluate("performance.getEntriesByType('resource').map(r => r.name)")
    assert not [name for name in loaded if "/pyodide/" in name]
    return example, output


def test_a_cell_runs_and_a_traceback_points_at_the_learners_line(page: Page, cell):
    example, output = cell
    page.get_by_role("button", name="Run", exact=True).click()
    expect(output).not_to_contain_text("Starting Python", timeout=STARTUP_MS)
    expect(output).not_to_be_empty()

    run(
        page,
        example,
        'def share(total, people):\n    return total / people\n\nprint("split")\nshare(10, 0)',
    )
    expect(output).to_contain_text("split")
    expect(output).to_contain_text("line 2, in share")
    expect(output).to_contain_text("return total / people")
    expect(output).to_contain_text("ZeroDivisionError: division by zero")
    expect(output).not_to_contain_text("stack_explorer_runner")  # the runner's frames are trimmed

    run(page, example, "sorted({3, 1, 2})")  # the last expression's value is shown
    expect(output).to_have_text("[1, 2, 3]")

    page.get_by_role("button", name="Reset").click()
    expect(code_of(example)).to_have_value(EXAMPLE_TOPIC.meta.example.code)
    expect(example.locator(".cm-content")).to_contain_text(EXAMPLE_TOPIC.meta.example.code[:20])


def test_the_code_editor_loads_when_a_cell_is_reached(page: Page, cell):
    example, output = cell
    expect(example.locator(".cm-editor")).to_have_count(0)  # a page only read never loads it
    editor = code_editor(example)
    expect(editor).to_have_attribute("aria-label", f"{EXAMPLE_TOPIC.title} example code, editable")
    expect(editor.locator(".tk-k").first).to_be_visible()  # Python, highlighted
    editor.press("Control+a")
    editor.press("Delete")
    page.keyboard.type("for n in range(3):")
    page.keyboard.press("Enter")  # the body is indented for the learner
    page.keyboard.type("print(n * n)")
    expect(code_of(example)).to_have_value("for n in range(3):\n    print(n * n)")
    editor.press("Control+Enter")
    expect(output).to_have_text("0\n1\n4", timeout=STARTUP_MS)
    page.reload()  # the draft is kept as typed in the editor
    expect(code_of(example)).to_have_value("for n in range(3):\n    print(n * n)")


def test_asyncio_runs_in_a_cell(page: Page, cell):
    """The async exercises rely on it: asyncio.run, timeouts and gather in the browser."""
    example, output = cell
    code = (
        "import asyncio\n"
        "async def slow():\n"
        "    await asyncio.sleep(10)\n"
        "async def main():\n"
        "    try:\n"
        "        async with asyncio.timeout(0.05):\n"
        "            await slow()\n"
        "    except TimeoutError:\n"
        "        pass\n"
        "    return await asyncio.gather(asyncio.sleep(0, 'a'), asyncio.sleep(0.01, 'b'))\n"
        "print(asyncio.run(main()))"
    )
    run(page, example, code)
    expect(output).to_have_text("['a', 'b']", timeout=STARTUP_MS)


DJANGO_QUERY = """import django
from django.conf import settings
settings.configure(
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
)
django.setup()
from django.db import connection, models

class Note(models.Model):
    text = models.CharField(max_length=50)

    class Meta:
        app_label = "cell"

with connection.schema_editor() as editor:
    editor.create_model(Note)
Note.objects.create(text="hello")
print(Note.objects.count(), Note.objects.get().text)"""


def test_django_queries_a_database_in_a_cell(page: Page, cell):
    """The ORM exercises rely on it: the browser's always-running event loop must not
    make Django refuse plain queries."""
    example, output = cell
    run(page, example, DJANGO_QUERY)
    expect(output).to_have_text("1 hello", timeout=STARTUP_MS)


def test_an_endless_loop_is_stopped_and_the_next_run_works(page: Page, cell):
    example, output = cell
    run(page, example, "print('warm')")
    expect(output).to_have_text("warm", timeout=STARTUP_MS)
    run(page, example, "while True:\n    pass")
    expect(output).to_contain_text("Stopped after 5 s", timeout=15_000)
    run(page, example, "print('again')")
    expect(output).to_have_text("again", timeout=STARTUP_MS)
    # Memory that runs out: stopped, or Python's own MemoryError, and then a fresh run.
    run(page, example, "kept = []\nwhile True:\n    kept.append(bytearray(10**8))")
    expect(output).to_contain_text(re.compile("Stopped after 5 s|MemoryError"), timeout=30_000)
    run(page, example, "print('and again')")
    expect(output).to_have_text("and again", timeout=STARTUP_MS)


@contextlib.contextmanager
def another_site():
    """A local site on another port that lets any page read it (CORS *)."""

    class Open(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(b"reached")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Open)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def test_the_page_may_connect_only_to_its_own_site(app_server, browser):
    """Not the `page` fixture: this refusal is the point, not a failure."""
    page = browser.new_context().new_page()
    response = page.goto(f"{app_server.url}/topics/{EXAMPLE_TOPIC.slug}")
    assert "connect-src 'self'" in response.headers["content-security-policy"]
    with another_site() as elsewhere:
        outcome = page.evaluate(f"fetch('{elsewhere}').then(() => 'reached', () => 'refused')")
    assert outcome == "refused"
    page.context.close()


def test_learner_code_cannot_reach_the_network_or_the_pages_storage(page: Page, cell):
    example, output = cell
    names = ["fetch", "XMLHttpRequest", "WebSocket", "indexedDB", "caches", "localStorage"]
    run(
        page,
        example,
        "import js\n"
        f"for name in {names!r}:\n"
        "    print(name, 'reachable' if getattr(js, name, None) is not None else 'blocked')",
    )
    for name in names:
        expect(output).to_contain_text(f"{name} blocked", timeout=STARTUP_MS)

    run(page, example, "import urllib.request\nurllib.request.urlopen('http://example.com')")
    expect(output).to_contain_text("Error", timeout=STARTUP_MS)


def test_a_topic_page_downloads_no_other_topics_code(app_server, page: Page):
    """Code cells and exercises are compiled into the page that shows them: a page
    never downloads every topic's code (it once did, 76 KB gzipped on every page)."""
    scripts: list[str] = []
    page.on("response", lambda r: scripts.append(r.text()) if r.url.endswith(".js") else None)
    example_cell(page, app_server.url)
    page.wait_for_load_state("networkidle")
    elsewhere = CATALOG.topics["accessibility"].meta.exercises[0].starter.splitlines()[0]
    assert not [text for text in scripts if elsewhere in text]
    own = EXAMPLE_TOPIC.meta.exercises[0].starter.splitlines()[0]
    assert [text for text in scripts if own in text] or own in page.content()


def page_path(page: Page) -> str:
    return page.evaluate("window.location.pathname")


def exercise_parts(page: Page) -> tuple[Locator, Locator, Locator]:
    hydrated(page)
    exercise = page.get_by_role("article", name=EXERCISE.title)
    results = exercise.get_by_role("status", name=f"Checks for {EXERCISE.title}")
    return exercise, results, code_of(exercise)


def test_an_exercise_is_checked_wrong_then_right(app_server, page: Page, context: BrowserContext):
    other_tab = context.new_page()  # the learner's second tab on the same topic
    other_tab.goto(f"{app_server.url}/topics/{EXERCISE_TOPIC.slug}")
    expect(other_tab.locator("#exercises-solved")).to_have_text(f"0 of {EXERCISES} solved")
    page.goto(f"{app_server.url}/topics/{EXERCISE_TOPIC.slug}")
    exercise, results, editor = exercise_parts(page)
    exercise.get_by_role("button", name="Check").click()
    expect(results).to_contain_text("checks pass", timeout=STARTUP_MS)
    expect(results).not_to_contain_text("Solved")
    expect(results.locator(".check-failed").first).to_be_visible()

    write_code(exercise, EXERCISE.solution)
    exercise.get_by_role("button", name="Check").click()
    expect(results).to_contain_text("Solved:")
    expect(results.locator(".check-failed")).to_have_count(0)
    # Recorded as the learner's progress.
    expect(page.locator("#exercises-solved")).to_have_text(f"1 of {EXERCISES} solved")
    expect(exercise.get_by_text("Solved", exact=True)).to_be_visible()
    expect(other_tab.locator("#exercises-solved")).to_have_text(f"1 of {EXERCISES} solved")
    other_tab.close()

    # The learner's code survives a reload; Start over forgets it.
    page.reload()
    exercise, results, editor = exercise_parts(page)
    expect(editor).to_have_value(EXERCISE.solution)
    exercise.get_by_role("button", name="Start over").click()
    expect(editor).to_have_value(EXERCISE.starter)
    page.reload()
    exercise, results, editor = exercise_parts(page)
    expect(editor).to_have_value(EXERCISE.starter)

    # The code of the last check is kept on the server too: a browser without the draft
    # (another device of this learner) gets it back, and the exercise stays solved.
    page.evaluate(f"localStorage.removeItem('stack_explorer_code:{page_path(page)}:{CELL}')")
    page.reload()
    exercise, results, editor = exercise_parts(page)
    expect(editor).to_have_value(EXERCISE.solution)
    expect(page.locator("#exercises-solved")).to_have_text(f"1 of {EXERCISES} solved")
    page.goto(f"{app_server.url}/me/progress")
    expect(page.locator("#exercises-solved-total")).to_have_text(
        re.compile(r"^1 of \d+ exercises solved$")
    )


def test_code_runs_offline_once_the_runtime_was_used(
    app_server, page: Page, context: BrowserContext
):
    page.goto(f"{app_server.url}/topics/{EXERCISE_TOPIC.slug}")
    # A first visit precaches pages and scripts, never the runtime.
    assert not [path for path in paths_of(precached(page)["urls"]) if "/pyodide/" in path]
    exercise, results, _ = exercise_parts(page)
    # Nothing was run: the learner asks for Python to be kept for offline use.
    page.get_by_role("button", name="Keep Python for offline use").click()
    expect(page.locator("#python-offline")).to_contain_text("Ready", timeout=STARTUP_MS)

    context.set_offline(True)
    try:
        page.reload()
        exercise, results, _ = exercise_parts(page)
        write_code(exercise, EXERCISE.solution)
        exercise.get_by_role("button", name="Check").click()
        expect(results).to_contain_text("Solved:", timeout=STARTUP_MS)
        expect(page.locator("#exercises-solved")).to_have_text("")  # not recorded yet
    finally:
        context.set_offline(False)
    # The check waited in the write queue and is recorded on reconnect.
    expect(page.locator("#exercises-solved")).to_have_text(
        f"1 of {EXERCISES} solved", timeout=30_000
    )


SNAPSHOT = """async (replace) => {
  const cache = await caches.open("stack-explorer-python-snapshot");
  const key = new URL("/pyodide/interpreter.snapshot", location.href).href;
  if (replace) await cache.put(key, new Response(replace));
  const saved = await cache.match(key);
  if (!saved) return null;
  const digest = await crypto.subtle.digest("SHA-256", await saved.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}"""


def snapshot_digest(page: Page, replace: str | None = None) -> str | None:
    return page.evaluate(SNAPSHOT, replace)


def test_a_later_start_restores_the_interpreter_this_browser_saved(
    app_server, page: Page, context: BrowserContext
):
    """The first start keeps an image of the interpreter; a new page starts from it, so
    it has the same string hashes (a fresh start draws a random seed). An image the
    runtime refuses is made again, and Python still starts."""

    def start(tab: Page, code: str = "print(hash('stack'))", shown=re.compile(r"^-?\d+\s*$")):
        example, output = example_cell(tab, app_server.url)
        run(tab, example, code)
        expect(output).to_have_text(shown, timeout=STARTUP_MS)
        return output.inner_text().strip()

    def saved_image(tab: Page, other_than: str | None = None) -> str:
        tab.wait_for_function(
            f"({SNAPSHOT})(null).then((d) => d !== null && d !== {json.dumps(other_than)})",
            timeout=30_000,
        )
        return snapshot_digest(tab)

    first = start(page)
    image = saved_image(page)
    assert start(context.new_page()) == first
    packages = "import json, markupsafe\nprint(json.dumps([markupsafe.escape('<b>')]))"
    start(context.new_page(), packages, '["&lt;b&gt;"]')

    broken = snapshot_digest(page, replace="not an interpreter image")
    fresh = start(context.new_page())
    assert fresh != first
    assert saved_image(page, other_than=broken) != image
    assert start(context.new_page()) == fresh
