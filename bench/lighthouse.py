"""Lighthouse scores and JavaScript weight of the production builds, plus a no-JS check.

Lighthouse (npm package, installed into a cache directory under /tmp, run with the
venv's Node and CHROME_PATH=/usr/bin/chromium, default mobile settings) audits
Stack Explorer's `/`, `/topics/fastapi`, `/topics/python` (code cells and exercises),
a path and the stack builder, and the bare app's `/`. Each page is
audited several times; the table shows the median of each figure. Then each page
is fetched with urllib (no JavaScript) to check that its text is in the
prerendered HTML.

    .venv/bin/python bench/lighthouse.py [--quick] [--runs N]
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

CACHE = Path(os.environ.get("BENCH_LIGHTHOUSE_CACHE", "/tmp/bench-lighthouse-cache"))
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def install_lighthouse() -> tuple[Path, str]:
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        common.log(f"installing lighthouse into {CACHE}")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [str(common.VENV_BIN / "npm"), "install", "--no-audit", "--no-fund", "lighthouse"],
            cwd=CACHE,
            env=common.app_env(CACHE),
            check=True,
            stdin=subprocess.DEVNULL,
        )
    package = json.loads((cli.parents[1] / "package.json").read_text())
    return cli, package["version"]


def audit(cli: Path, url: str, out: Path) -> dict:
    """One Lighthouse run; the figures we report."""
    chrome_flags = " ".join(["--headless=new", *common.CHROMIUM_FLAGS])
    subprocess.run(
        [
            str(common.VENV_BIN / "node"),
            str(cli),
            url,
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={chrome_flags}",
            "--quiet",
        ],
        env={**common.app_env(CACHE), "CHROME_PATH": common.CHROMIUM},
        check=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    report = json.loads(out.read_text())
    audits = report["audits"]
    summary = {i["resourceType"]: i for i in audits["resource-summary"]["details"]["items"]}
    requests = audits["network-requests"]["details"]["items"]
    scripts = [r for r in requests if r.get("resourceType") == "Script"]
    script_bytes = sum(r.get("transferSize", 0) for r in scripts)
    figures = {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}
    figures.update(
        {
            "js_kib": summary["script"]["transferSize"] / 1024,
            "js_kib_requests": script_bytes / 1024,
            "js_files": summary["script"]["requestCount"],
            "total_kib": summary["total"]["transferSize"] / 1024,
            "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
            "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
        }
    )
    failed = [
        audits[ref["id"]]["title"]
        for name in CATEGORIES[1:]
        for ref in report["categories"][name]["auditRefs"]
        if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") not in (None, 1)
    ]
    figures["failed"] = failed
    figures["final_url"] = report.get("finalDisplayedUrl", url)
    figures["redirects"] = audits["redirects"].get("displayValue") or ""
    return figures


def text_in_html(url: str, text: str) -> tuple[bool, bool]:
    """Is `text` in the raw HTML, and in its markup outside <script> elements?"""
    with urllib.request.urlopen(url, timeout=30) as response:
        html = response.read().decode("utf-8", errors="replace")
    markup = re.sub(r"<script\b.*?</script>", "", html, flags=re.S | re.I)
    return text in html, text in markup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one Lighthouse run per page")
    parser.add_argument("--runs", type=int, help="Lighthouse runs per page (default 3)")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 3)

    cli, version = install_lighthouse()
    workdir = common.make_workdir("lighthouse")
    common.log(f"work directory {workdir}; lighthouse {version}")
    se_dir = common.copy_stack_explorer(workdir)
    bare_dir = common.copy_bare_app(workdir)
    se_env = common.app_env(se_dir, REFLEX_DB_URL=f"sqlite:///{workdir}/stack_explorer.db")
    common.prepare_database(se_dir, se_env)

    se_server = common.Server("stack-explorer", se_dir, se_env)
    bare_server = common.Server("bare", bare_dir, common.app_env(bare_dir))
    rows, html_rows, failures, redirects = [], [], [], []
    with se_server, bare_server:
        pages = [
            ("Stack Explorer", f"{se_server.url}/", "FastAPI"),
            ("Stack Explorer", f"{se_server.url}/topics/{common.TOPIC_SLUG}", "Starlette"),
            # Runnable cells and exercises: the Python runtime must add nothing here.
            ("Stack Explorer", f"{se_server.url}/topics/python", "Python"),
            ("Stack Explorer", f"{se_server.url}/paths/django-full-stack", "Django"),
            ("Stack Explorer", f"{se_server.url}/stack-builder", "Stack builder"),
            ("Bare app", f"{bare_server.url}/", "Increment"),
        ]
        for app, url, probe in pages:
            path = urlsplit(url).path
            results = []
            for run in range(runs):
                common.log(f"lighthouse {app} {path} (run {run + 1}/{runs})")
                results.append(audit(cli, url, workdir / f"lh-{len(rows)}-{run}.json"))

            def med(key: str, fmt: str = "{:.0f}", results=results) -> str:
                return fmt.format(statistics.median(r[key] for r in results))

            rows.append(
                [
                    app,
                    f"`{path}`",
                    med("performance"),
                    med("accessibility"),
                    med("best-practices"),
                    med("seo"),
                    f"{med('js_kib', '{:.1f}')} ({med('js_files')} files)",
                    med("total_kib", "{:.1f}"),
                    med("fcp_s", "{:.2f}"),
                    med("lcp_s", "{:.2f}"),
                    med("tbt_ms"),
                    med("cls", "{:.3f}"),
                ]
            )
            common.log(f"  {rows[-1]}")
            failed = sorted({title for r in results for title in r["failed"]})
            if failed:
                failures.append(f"- {app} `{path}`: " + "; ".join(t.rstrip(".") for t in failed))
            if results[0]["final_url"] != url:
                final_path = urlsplit(results[0]["final_url"]).path
                redirects.append(
                    f"- {app} `{path}` was redirected to `{final_path}` "
                    f"(audit redirects: {results[0]['redirects'] or 'no estimate'})"
                )
            in_html, in_markup = text_in_html(url, probe)
            html_rows.append(
                [
                    app,
                    f"`{path}`",
                    f'"{probe}"',
                    "yes" if in_html else "no",
                    "yes" if in_markup else "no",
                ]
            )

    body = "\n".join(
        [
            f"Lighthouse {version} (default mobile emulation and simulated throttling), "
            "headless Chromium /usr/bin/chromium, production builds "
            f"(`reflex run --env prod --single-port`); median of {runs} run(s) per page. "
            "Scores out of 100; JS = transfer size of scripts (audit resource-summary), "
            "total = all transferred bytes.",
            "",
            common.md_table(
                [
                    "app",
                    "page",
                    "perf",
                    "a11y",
                    "best-pr.",
                    "SEO",
                    "JS KiB",
                    "total KiB",
                    "FCP s",
                    "LCP s",
                    "TBT ms",
                    "CLS",
                ],
                rows,
            ),
            "",
            "Audits below a full score in accessibility, best practices and SEO:",
            "",
            *(failures or ["- none"]),
            "",
            *(["Redirects:", "", *redirects, ""] if redirects else []),
            "Text in the prerendered HTML, fetched with urllib (no JavaScript):",
            "",
            common.md_table(["app", "page", "text", "in raw HTML", "outside <script>"], html_rows),
        ]
    )
    common.append_results("Lighthouse (bench/lighthouse.py)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
