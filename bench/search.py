"""Search speed: the command palette's server-side search over the whole catalog.

Times `stack_explorer.services.search.search` for a set of queries on the shipped
catalog and on a generated 2,000-topic one, next to a reference in the same run: a
bare case-insensitive substring scan over titles only (the least a search can do).
Target: well under 100 ms per query on the server.

    .venv/bin/python bench/search.py [--repeat 200]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, append_results, md_table
from growth import generated_topic

QUERIES = [
    "fastapi",
    "orm",
    "containers",
    "postgres",
    "async web",
    "css layout",
    "git branch",
    "zzzz no match",
    "a",
    "deploy python app",
]


def measure(repeat: int) -> dict:
    """Run inside a process whose STACK_EXPLORER_CONTENT_DIR is already set."""
    sys.path.insert(0, str(ROOT))
    from stack_explorer.catalog import get_catalog
    from stack_explorer.services import search

    titles = [doc.title.lower() for doc in get_catalog().topics.values()]
    search.search("warm up")  # builds the index once, as the first query in a worker does

    def timed(function) -> list[float]:
        samples = []
        for _ in range(repeat):
            for query in QUERIES:
                started = time.perf_counter()
                function(query)
                samples.append((time.perf_counter() - started) * 1000)
        return samples

    ours = timed(search.search)
    reference = timed(lambda q: [t for t in titles if q.lower() in t])
    summary = {}
    for name, samples in (("search", ours), ("reference", reference)):
        samples.sort()
        summary[name] = {
            "median": statistics.median(samples),
            "p99": samples[int(len(samples) * 0.99) - 1],
            "max": samples[-1],
        }
    summary["topics"] = len(get_catalog().topics)
    return summary


def in_subprocess(content_dir: Path | None, repeat: int) -> dict:
    env = {**os.environ, "REFLEX_TELEMETRY_ENABLED": "false"}
    if content_dir:
        env["STACK_EXPLORER_CONTENT_DIR"] = str(content_dir)
    output = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.repeat)))
        return

    big = Path(tempfile.mkdtemp(prefix="bench-search-")) / "content"
    shutil.copytree(ROOT / "stack_explorer" / "content", big)
    for index in range(2000 - len(list((big / "topics").glob("*.md")))):
        (big / "topics" / f"generated-topic-{index:04d}.md").write_text(generated_topic(index))
    rows = []
    for content_dir in (None, big):
        result = in_subprocess(content_dir, args.repeat)
        for name in ("search", "reference"):
            figures = result[name]
            rows.append(
                [
                    f"{'Stack Explorer search' if name == 'search' else 'title substring scan'}",
                    result["topics"],
                    f"{figures['median']:.3f}",
                    f"{figures['p99']:.3f}",
                    f"{figures['max']:.3f}",
                ]
            )
    shutil.rmtree(big.parent, ignore_errors=True)
    append_results(
        "Search speed",
        f"{len(QUERIES)} queries x {args.repeat} repeats per catalog, in-process, one core.\n\n"
        + md_table(["search", "topics", "median ms", "p99 ms", "max ms"], rows),
    )


if __name__ == "__main__":
    main()
