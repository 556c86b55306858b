"""Growth: how Stack Explorer behaves as the catalog grows (50, 500 and 2,000 topics).

For each size, a copy of the app gets generated topics added to the real ones, then:
- start-up: `reflex run --env prod` from launch until it answers (compile + build);
- home render: DOMContentLoaded and hydration (learner token stored) in Chromium;
- bytes per status change: websocket frames received after a click on a status;
- queries per event: SQL statements logged (SQLALCHEMY_ECHO) per status change.
The bare app is measured once in the same run as a reference. The targets: bytes per
status change and queries per event do not grow with the catalog.

    .venv/bin/python bench/growth.py [--quick] [--sizes 50,500,2000] [--clicks 10]
"""

import argparse
import re
import statistics
import time
from pathlib import Path

from common import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    Server,
    app_env,
    append_results,
    copy_bare_app,
    copy_stack_explorer,
    log,
    make_workdir,
    md_table,
    prepare_database,
)
from playwright.sync_api import sync_playwright

from stack_explorer.catalog.loader import SECTIONS

LAYERS = ["frontend", "backend", "database", "version-control", "deployment"]
SQL = re.compile(r"sqlalchemy\.engine\.Engine.*\b(SELECT|INSERT|UPDATE|DELETE)\b")
BODY = " ".join(
    "This generated topic exists to grow the catalog for the benchmark and says nothing "
    "of substance about any real technology in the stack.".split()
    * 12
)


# The sections every topic must have (see the content loader), each with the same text.
SECTIONS_TEXT = "\n".join(f"## {title}\n\n{BODY}\n" for title in SECTIONS)


def generated_topic(index: int) -> str:
    slug = f"generated-topic-{index:04d}"
    questions = "\n".join(
        f"""  - prompt: Generated question {q} of topic {index}?
    choices:
      - text: The right answer
        correct: true
        explanation: It is the right one.
      - text: A wrong answer
        explanation: It is not the right one."""
        for q in range(3)
    )
    return f"""---
slug: {slug}
title: Generated Topic {index:04d}
layer: {LAYERS[index % len(LAYERS)]}
order: {100 + index}
summary: A generated topic used only to measure how the app grows with the catalog.
resources:
  - type: official
    title: Example documentation
    url: https://example.org/docs/{index}
  - type: article
    title: Example article
    url: https://example.org/articles/{index}
questions:
{questions}
---
{SECTIONS_TEXT}
"""


def grow(app_dir: Path, size: int) -> None:
    topics = app_dir / "stack_explorer" / "content" / "topics"
    existing = len(list(topics.glob("*.md")))
    for index in range(max(0, size - existing)):
        (topics / f"generated-topic-{index:04d}.md").write_text(generated_topic(index))


def sql_statements(log_path: Path) -> int:
    return sum(1 for line in log_path.read_text(errors="replace").splitlines() if SQL.search(line))


def measure(server: Server, clicks: int, stack_explorer: bool) -> dict[str, float]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        started = time.perf_counter()
        page.goto(server.url + "/")
        if stack_explorer:
            page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")
        else:
            page.get_by_role("button").first.wait_for()
        hydrated_ms = (time.perf_counter() - started) * 1000
        dcl_ms = page.evaluate(
            "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        )
        html_bytes = len(page.content().encode())

        received: list[int] = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda f: received.append(len(f))))
        if stack_explorer:
            page.goto(server.url + "/topics/fastapi")
            page.get_by_role("radiogroup", name="Status").wait_for()
        else:
            page.reload()
        page.wait_for_timeout(1500)
        bytes_per, queries_per = [], []
        for click in range(clicks):
            received.clear()
            before = sql_statements(server.log_path)
            if stack_explorer:
                label = "Done" if click % 2 == 0 else "Not started"
                page.get_by_role("radio", name=label, exact=True).click()
                page.locator("#status-saved").filter(has_text=f"Saved: {label}").wait_for()
            else:
                page.get_by_role("button").first.click()
            page.wait_for_timeout(400)  # let every frame of the answer arrive
            bytes_per.append(sum(received))
            queries_per.append(sql_statements(server.log_path) - before)
        browser.close()
    return {
        "hydrated_ms": hydrated_ms,
        "dcl_ms": dcl_ms,
        "html_kb": html_bytes / 1024,
        "bytes": statistics.median(bytes_per),
        "queries": statistics.median(queries_per),
    }


def run_one(name: str, app_dir: Path, env: dict, clicks: int, stack_explorer: bool) -> list:
    started = time.perf_counter()
    server = Server(name, app_dir, env)
    server.start(timeout=3600)
    try:
        startup = time.perf_counter() - started
        figures = measure(server, clicks, stack_explorer)
    finally:
        server.stop()
    log(f"{name}: started in {startup:.0f} s, {figures}")
    return [
        name,
        f"{startup:.0f}",
        f"{figures['dcl_ms']:.0f}",
        f"{figures['hydrated_ms']:.0f}",
        f"{figures['html_kb']:.0f}",
        f"{figures['bytes']:.0f}",
        f"{figures['queries']:.0f}",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 50 and 500, 4 clicks")
    parser.add_argument("--sizes", default="50,500,2000")
    parser.add_argument("--clicks", type=int, default=10)
    args = parser.parse_args()
    sizes = [50, 500] if args.quick else [int(s) for s in args.sizes.split(",")]
    clicks = 4 if args.quick else args.clicks

    rows = []
    bare_dir = copy_bare_app(make_workdir("growth-bare"))
    bare_env = app_env(bare_dir, REFLEX_DB_URL=f"sqlite:///{bare_dir}/bare.db")
    rows.append(run_one("bare app", bare_dir, bare_env, clicks, stack_explorer=False))
    for size in sizes:
        work = make_workdir(f"growth-{size}")
        app_dir = copy_stack_explorer(work)
        grow(app_dir, size)
        env = app_env(app_dir, REFLEX_DB_URL=f"sqlite:///{work}/growth.db", SQLALCHEMY_ECHO="true")
        prepare_database(app_dir, env)
        rows.append(run_one(f"Stack Explorer, {size} topics", app_dir, env, clicks, True))

    table = md_table(
        [
            "app",
            "start-up s (compile + build)",
            "home DOMContentLoaded ms",
            "home hydrated ms",
            "home HTML KiB",
            "bytes received per status change (median)",
            "SQL statements per status change (median)",
        ],
        rows,
    )
    append_results(
        "Growth with the catalog size",
        "Generated topics are added to the real ones; one page per topic is compiled.\n\n" + table,
    )


if __name__ == "__main__":
    main()
