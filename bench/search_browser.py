"""Search palette in the browser: keystroke -> results on screen, in Chromium, production build.

Stack Explorer is measured with the real catalog and with 2,000 topics (generated topics
added by growth.py's generator). In the open palette, queries are typed one key at a
time; each keystroke is timed in the page from the keydown event's timestamp until the
listbox shows the titles that the query must show (computed beforehand by running the
palette's own ranking in Node on the index the build wrote), and until the next
animation frame after that (the frame that paints them). Keystrokes that do not change
the results are counted too (their results are on screen as soon as the key is handled);
the table also gives the figures for keystrokes that change them.

Yardstick, in the same run: the bare Reflex app's /echo page, where a keystroke's text is
echoed through the websocket (an event to a state var and back), or through client
state only (a ClientStateVar).

    .venv/bin/python bench/search_browser.py [--repeat 5] [--sizes real,2000]
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from growth import grow
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from stack_explorer.components.topic_combobox import INDEX_MODULE, RANKING_JS

QUERIES = [
    "docker",
    "fastapi",
    "orm",
    "containers",
    "postgres",
    "async web",
    "css layout",
    "git branch",
    "deploy python app",
    "zzzz",
]
SAMPLE_TIMEOUT_MS = 10_000

# Arm a measurement of the next keystroke in `inputSelector`: resolves with
# [ms until the DOM shows what `shows()` must equal, ms until the next frame after that].
ARM = """
([inputSelector, shownScript, expected, timeoutMs]) => {
  const shown = new Function(shownScript);
  const same = () => JSON.stringify(shown()) === JSON.stringify(expected);
  window.__sample = new Promise((resolve, reject) => {
    const input = document.querySelector(inputSelector);
    let observer = null;
    const timer = setTimeout(() => {  // armed now: a key that never arrives fails too
      observer?.disconnect();
      reject(new Error(`expected ${JSON.stringify(expected)}, shown ${JSON.stringify(shown())}`));
    }, timeoutMs);
    input.addEventListener("keydown", (event) => {
      const start = event.timeStamp;  // the same clock as performance.now()
      let finished = false;
      observer = new MutationObserver(() => same() && done());
      function done() {
        if (finished) return;
        finished = true;
        const dom = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve([dom - start, performance.now() - start]));
      }
      observer.observe(document.body, {
        subtree: true, childList: true, characterData: true, attributes: true,
      });
      setTimeout(() => same() && done(), 0);  // the keystroke changed nothing on screen
    }, { once: true, capture: true });
  });
}
"""
PALETTE_INPUT = ".topic-search-input"  # other comboboxes (selects) may come first
PALETTE_SHOWN = (
    "return [...document.querySelectorAll('#search-results:not([hidden]) .search-result-title')]"
    ".map((el) => el.textContent);"
)


def expected_titles(app_dir: Path, prefixes: list[str]) -> list[list[str]]:
    """What the palette must show for each prefix: its ranking, run in Node on the index."""
    index = (app_dir / ".web" / INDEX_MODULE).read_text().removeprefix("export default ")
    script = (
        RANKING_JS
        + "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        + "const topics = prepareTopics(input.entries);"
        + "console.log(JSON.stringify(input.prefixes.map("
        + "(q) => rankTopics(topics, q).map((t) => t.title))));"
    )
    payload = '{"entries": ' + index.rstrip().rstrip(";") + ', "prefixes": ' + json.dumps(prefixes)
    done = subprocess.run(
        [str(common.VENV_BIN / "node"), "-e", script],
        input=payload + "}",
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def timed_keystroke(page: Page, key: str, input_selector: str, shown: str, expected) -> list:
    page.evaluate(ARM, [input_selector, shown, expected, SAMPLE_TIMEOUT_MS])
    page.keyboard.press(key)
    return page.evaluate("window.__sample")


def measure_palette(server: common.Server, app_dir: Path, repeat: int) -> dict[str, list]:
    prefixes = sorted({q[:n] for q in QUERIES for n in range(1, len(q) + 1)})
    expected = dict(zip(prefixes, expected_titles(app_dir, prefixes), strict=True))
    samples: dict[str, list] = {"all": [], "changed": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=common.CHROMIUM, args=common.CHROMIUM_FLAGS
        )
        page = browser.new_page()
        page.goto(server.url + "/topics/fastapi")
        page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")
        for round_ in range(repeat + 1):  # the first round warms up
            common.log(f"palette: round {round_} of {repeat}")
            for query in QUERIES:
                page.keyboard.press("Control+k")
                page.wait_for_function("document.activeElement?.matches('" + PALETTE_INPUT + "')")
                page.wait_for_timeout(100)  # the index module loads once, at the first open
                before: list[str] = []
                for n in range(1, len(query) + 1):
                    after = expected[query[:n]]
                    key = query[n - 1] if query[n - 1] != " " else "Space"
                    try:
                        sample = timed_keystroke(page, key, PALETTE_INPUT, PALETTE_SHOWN, after)
                    except PlaywrightError as error:
                        if round_:
                            raise
                        # Warm-up: the first open may type before the index has arrived.
                        common.log(f"warm-up keystroke not counted: {error.message[:120]}")
                        continue
                    if round_:
                        samples["all"].append(sample)
                        if after != before:
                            samples["changed"].append(sample)
                    before = after
                page.keyboard.press("Escape")
                page.get_by_role("dialog").wait_for(state="hidden")
        browser.close()
    return samples


def measure_echo(server: common.Server, repeat: int) -> dict[str, list]:
    samples: dict[str, list] = {"socket": [], "client": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=common.CHROMIUM, args=common.CHROMIUM_FLAGS
        )
        page = browser.new_page()
        page.goto(server.url + "/echo")
        page.get_by_role("heading", name="Echo").wait_for()
        page.wait_for_timeout(1500)  # connected and hydrated
        for round_ in range(repeat + 1):
            common.log(f"echo: round {round_} of {repeat}")
            for way in ("socket", "client"):
                for query in QUERIES:
                    field = page.locator(f"#{way}-input")
                    field.fill("")
                    field.focus()
                    page.wait_for_timeout(100)
                    for n in range(1, len(query) + 1):
                        key = query[n - 1] if query[n - 1] != " " else "Space"
                        shown = f"return document.getElementById('{way}-echo').textContent;"
                        sample = timed_keystroke(page, key, f"#{way}-input", shown, query[:n])
                        if round_:
                            samples[way].append(sample)
        browser.close()
    return samples


def row(name: str, topics: object, samples: list) -> list[str]:
    dom = [s[0] for s in samples]
    frame = [s[1] for s in samples]
    cells = [
        name,
        str(topics),
        str(len(samples)),
        common.ms(statistics.median(dom)),
        common.ms(common.percentile(dom, 95)),
        common.ms(statistics.median(frame)),
        common.ms(common.percentile(frame, 95)),
        common.ms(max(frame)),
    ]
    common.log(" | ".join(cells))  # on screen at once, in case a later size fails
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds over the queries")
    parser.add_argument("--sizes", default="real,2000", help="real and/or topic counts")
    args = parser.parse_args()

    rows = []
    bare_dir = common.copy_bare_app(common.make_workdir("search-bare"))
    env = common.app_env(bare_dir, REFLEX_DB_URL=f"sqlite:///{bare_dir}/bare.db")
    server = common.Server("bare app", bare_dir, env)
    server.start()
    try:
        echo = measure_echo(server, args.repeat)
    finally:
        server.stop()
    rows.append(row("bare app: echo through the websocket", "-", echo["socket"]))
    rows.append(row("bare app: echo through client state", "-", echo["client"]))

    for size in args.sizes.split(","):
        work = common.make_workdir(f"search-{size}")
        app_dir = common.copy_stack_explorer(work)
        if size != "real":
            grow(app_dir, int(size))
        topics = len(list((app_dir / "stack_explorer" / "content" / "topics").glob("*.md")))
        env = common.app_env(app_dir, REFLEX_DB_URL=f"sqlite:///{work}/search.db")
        common.prepare_database(app_dir, env)
        server = common.Server(f"Stack Explorer, {topics} topics", app_dir, env)
        server.start(timeout=3600)
        try:
            palette = measure_palette(server, app_dir, args.repeat)
        finally:
            server.stop()
        common.log(f"{topics} topics: {len(palette['all'])} keystrokes measured")
        rows.append(row("Stack Explorer palette, every keystroke", topics, palette["all"]))
        rows.append(row("Stack Explorer palette, results changed", topics, palette["changed"]))

    table = common.md_table(
        [
            "what",
            "topics",
            "keystrokes",
            "DOM shows it, median ms",
            "p95 ms",
            "next frame, median ms",
            "p95 ms",
            "max ms",
        ],
        rows,
    )
    common.append_results(
        "Search palette in the browser",
        f"Keystroke (keydown timestamp) -> the listbox shows the query's results, in "
        f"Chromium on the production build; {len(QUERIES)} queries typed key by key, "
        f"{args.repeat} rounds after one warm-up round. Target: median <= 50 ms with the "
        "real catalog, <= 100 ms with 2,000 topics.\n\n" + table,
    )


if __name__ == "__main__":
    main()
