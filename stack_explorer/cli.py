"""`stack-explorer`: content tools for developers and operators.

stack-explorer content check            validate every content file
stack-explorer content new SLUG --layer L   write a valid topic skeleton
stack-explorer content sync             copy the catalog into the database
stack-explorer content dates            list every date-stamped claim, for a yearly sweep
stack-explorer runtime build            fetch the in-browser Python runtime into assets/pyodide
stack-explorer db migrate               apply the migrations, then sync the content,
                                        one process at a time
"""

import argparse
import re
import sys
from pathlib import Path

from stack_explorer.catalog import CONTENT_DIR, ContentError, load_catalog
from stack_explorer.catalog.exercise_check import exercise_problems
from stack_explorer.catalog.path_lint import unreached_topics
from stack_explorer.catalog.quiz_lint import giveaways
from stack_explorer.catalog.schema import SLUG_PATTERN
from stack_explorer.wording import counted

SKELETON = """\
---
slug: {slug}
title: {title}
layer: {layer}
order: {order}
summary: One line that says what {title} is and why a Python developer cares.
aliases: []
key_concepts:
  - First key idea
  - Second key idea
prerequisites: []
related: []
resources:
  - type: official
    title: {title} documentation
    url: https://example.org/
  - type: article
    title: A good introduction
    url: https://example.org/intro
---
## What it is

Explain {title} in plain words: what problem it solves, where it came from, and the
main ideas a learner needs before anything else. Keep paragraphs short, use bold for
the terms a reader will meet again, and link neighbouring topics like
[Python](/topics/python) the first time they come up.

## Why it matters in a Python stack

Say where {title} sits in a Python web application and when a team would choose it
over the alternatives. Name what it costs as well as what it gives, so that a learner
can tell when it is the wrong tool. One concrete situation from a real project
teaches more than a list of features.

## How it connects

Name the topics it works with, and how data or requests pass between them: what
calls it, what it calls, and what a learner should read before and after it.

## Pitfalls and production

- The mistakes people make with {title}, why each one bites, and what to do instead.
- What changes when it goes live: settings, security, scale and monitoring.
"""


def check(content_dir: Path, strict: bool = False) -> int:
    try:
        catalog = load_catalog(content_dir)
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    broken = exercise_problems(catalog)
    for problem in broken:
        print(f"error: {problem}", file=sys.stderr)
    if broken:
        return 1
    warnings = giveaways(catalog) + unreached_topics(catalog)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if strict and warnings:
        print(
            f"{counted(len(warnings), 'warning')}, and --strict treats them as errors",
            file=sys.stderr,
        )
        return 1
    print(f"content ok: {len(catalog.layers)} layers, {len(catalog.topics)} topics")
    return 0


DATE_STAMP = re.compile(r"[^.\n]*\b(?:as of|since|until) [^.\n]*\b20\d\d\b[^.\n]*", re.IGNORECASE)


def dates(content_dir: Path) -> int:
    """Every sentence that dates a claim ("As of December 2026, ..."), with its file and
    line: facts like these rot together, so they are checked together."""
    for path in sorted(content_dir.rglob("*.md")) + sorted(content_dir.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in DATE_STAMP.finditer(line):
                print(f"{path.relative_to(content_dir)}:{number}: {match.group(0).strip()}")
    return 0


def new(content_dir: Path, slug: str, layer: str, title: str | None) -> int:
    if not re.match(SLUG_PATTERN, slug):
        print(
            f"error: slug {slug!r} must be lower-case kebab-case, like 'rest-apis'", file=sys.stderr
        )
        return 2
    catalog = load_catalog(content_dir)
    if layer not in {item.slug for item in catalog.layers}:
        names = ", ".join(item.slug for item in catalog.layers)
        print(f"error: unknown layer {layer!r}; choose one of: {names}", file=sys.stderr)
        return 2
    path = content_dir / "topics" / f"{slug}.md"
    if path.exists():
        print(f"error: {path} already exists", file=sys.stderr)
        return 2
    order = 1 + max((t.meta.order for t in catalog.topics_in(layer)), default=0)
    title = title or slug.replace("-", " ").title()
    path.write_text(
        SKELETON.format(slug=slug, title=title, layer=layer, order=order), encoding="utf-8"
    )
    print(f"wrote {path}: edit it, then run 'stack-explorer content check'")
    return 0


def sync() -> int:
    import reflex as rx

    from stack_explorer import db  # noqa: F401
    from stack_explorer.catalog.sync import sync_catalog

    catalog = load_catalog()
    with rx.session() as session:
        print(sync_catalog(session=session, catalog=catalog))
    return 0


def migrate() -> int:
    from reflex import model

    from stack_explorer import db

    with db.migration_lock():
        model.migrate()
        return sync()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stack-explorer", description="Stack Explorer tools")
    groups = parser.add_subparsers(dest="group", required=True)
    content = groups.add_parser("content", help="validate, create and sync topic files")
    commands = content.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate every content file")
    new_cmd = commands.add_parser("new", help="write a valid skeleton for a new topic")
    new_cmd.add_argument("slug")
    new_cmd.add_argument("--layer", required=True)
    new_cmd.add_argument("--title")
    check_cmd.add_argument(
        "--strict", action="store_true", help="fail on warnings (answers guessable by length)"
    )
    commands.add_parser("sync", help="copy layers and topics into the database")
    dates_cmd = commands.add_parser("dates", help="list every date-stamped claim")
    database = groups.add_parser("db", help="bring the database up to date")
    database.add_subparsers(dest="command", required=True).add_parser(
        "migrate", help="apply the migrations, then sync the content (one process at a time)"
    )
    runtime = groups.add_parser("runtime", help="the Python that runs in learners' browsers")
    runtime.add_subparsers(dest="command", required=True).add_parser(
        "build", help="fetch the pinned Pyodide and packages into assets/pyodide (once)"
    )
    serve = groups.add_parser(
        "serve", help="serve the production build made earlier, without building again"
    )
    serve.add_argument("--port", type=int, default=3000)
    run = groups.add_parser(
        "run", help="serve the production build, building it first when anything changed"
    )
    run.add_argument("--port", type=int, default=3000)
    for command in (check_cmd, new_cmd, dates_cmd):
        command.add_argument(
            "--content-dir", type=Path, default=CONTENT_DIR, help=argparse.SUPPRESS
        )
    args = parser.parse_args(argv)
    if args.group == "serve":
        from stack_explorer.reflex_internals import serve_build

        serve_build(args.port)
        return 0
    if args.group == "run":
        from stack_explorer.launch import run

        return run(args.port)
    if args.command == "check":
        return check(args.content_dir, args.strict)
    if args.command == "new":
        return new(args.content_dir, args.slug, args.layer, args.title)
    if args.command == "migrate":
        return migrate()
    if args.command == "dates":
        return dates(args.content_dir)
    if args.command == "build":
        from stack_explorer.runtime.build import build

        build()
        return 0
    return sync()


if __name__ == "__main__":
    sys.exit(main())
