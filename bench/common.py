"""Helpers shared by the benchmarks: copying the apps, running them, reporting.

Reflex never runs inside the repository: each app is copied into a temporary
directory and served from there, on free ports and its own database.
"""

import contextlib
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]  # the repository
sys.path.insert(0, str(ROOT))  # the shared test kit: tests/kit

from tests.kit.chromium import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402, F401
from tests.kit.server import AppServer, ServerStopped, free_port  # noqa: E402, F401

BENCH = ROOT / "bench"
VENV_BIN = ROOT / ".venv" / "bin"
RESULTS = BENCH / "RESULTS.md"
START_LOAD = os.getloadavg()  # the machine's load when the benchmark started
TOPIC_SLUG = "fastapi"  # a Backend topic: its status moves the "Backend progress" bar


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def make_workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"bench-{prefix}-"))


# Reflex settings a run may set for both apps, to compare them with and without
# (e.g. REFLEX_OPLOCK_ENABLED=false); every other REFLEX_ variable is dropped.
PASSED_ON = ("REFLEX_OPLOCK_ENABLED",)


def app_env(app_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for `reflex` in a copied app: the venv's Node first, no telemetry.

    PYTHONPATH makes Python import the copy, not the repository's editable install.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if (not key.startswith("REFLEX_") or key in PASSED_ON) and key != "GRANIAN_WORKERS"
    }
    env.update(
        {
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(app_dir),
            "REFLEX_USE_NPM": "1",
            "REFLEX_TELEMETRY_ENABLED": "false",
            "REFLEX_CHECK_LATEST_VERSION": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


_source = "not copied"


def copy_stack_explorer(dest: Path) -> Path:
    """Copy the repository's working tree (tracked plus new, unignored files; not bench/),
    or the commit named by BENCH_SOURCE_COMMIT."""
    global _source
    head = subprocess.run(
        ["git", "log", "-1", "--format=%h %s"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    changes = subprocess.run(
        ["git", "status", "--porcelain", "--", ".", ":(exclude)bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.splitlines()
    _source = f"working tree of commit {head}" + (
        f" plus {len(changes)} uncommitted changed/new paths" if changes else " (clean)"
    )
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    app_dir = dest / "stack_explorer_app"
    if commit := os.environ.get("BENCH_SOURCE_COMMIT"):  # an earlier version, to compare
        _source = (
            "commit "
            + subprocess.run(
                ["git", "log", "-1", "--format=%h %s", commit],
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
        )
        app_dir.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", commit], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(app_dir)], input=archive, check=True)
        shutil.rmtree(app_dir / "bench", ignore_errors=True)
        return app_dir
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if name.startswith("bench/") or not source.is_file():
            continue
        target = app_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return app_dir


def copy_bare_app(dest: Path) -> Path:
    """Copy bench/bare_app, with the repository's reflex.lock (same frontend packages)."""
    app_dir = dest / "bare_app"
    shutil.copytree(
        BENCH / "bare_app", app_dir, ignore=shutil.ignore_patterns("__pycache__", ".web")
    )
    shutil.copytree(ROOT / "reflex.lock", app_dir / "reflex.lock")
    return app_dir


def run_in(app_dir: Path, env: dict[str, str], *args: str, timeout: float = 600) -> str:
    result = subprocess.run(
        list(args),
        cwd=app_dir,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed in {app_dir}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return result.stdout


def prepare_database(app_dir: Path, env: dict[str, str]) -> None:
    """Migrate and sync content with the copy's code, as `make run` does."""
    run_in(app_dir, env, str(VENV_BIN / "python"), "-m", "stack_explorer.cli", "db", "migrate")


class Server(AppServer):
    """`reflex run --env prod --single-port` in an app copy, on one free port."""

    def __init__(self, name: str, app_dir: Path, env: dict[str, str]):
        super().__init__("prod", env, app_dir / "reflex-run.log", app_dir=app_dir, name=name)

    @property
    def port(self) -> int:
        return self.frontend_port

    def start(self, timeout: float = 900, frontend: bool = True) -> None:
        log(f"{self.name}: building and starting on {self.url} (log: {self.log_path})")
        started = time.monotonic()
        super().start(timeout, frontend)
        log(f"{self.name}: up after {time.monotonic() - started:.0f} s")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _loadavg(values: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.2f}" for x in values)


def machine_info() -> dict[str, str]:
    cpu_model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "nproc": str(os.cpu_count()),
        "cpu": cpu_model,
        "ram": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "load": _loadavg(os.getloadavg()),
    }


def command_line() -> str:
    """The command as run from the repository root, without this machine's paths, after
    the Reflex settings passed on to both apps."""
    script = Path(sys.argv[0]).resolve()
    with contextlib.suppress(ValueError):
        script = script.relative_to(ROOT)
    settings = [f"{key}={os.environ[key]}" for key in PASSED_ON if key in os.environ]
    return " ".join([*settings, ".venv/bin/python", str(script), *sys.argv[1:]])


def md_table(headers: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def append_results(title: str, body: str) -> None:
    """Append one run's section (machine, date, command, figures) to bench/RESULTS.md."""
    info = machine_info()
    section = "\n".join(
        [
            f"## {title} ({info['date']})",
            "",
            f"- Command: `{command_line()}` (from the repository root)",
            f"- Stack Explorer source: {_source}",
            f"- Machine: {info['nproc']} CPUs, {info['cpu']}, {info['ram']} RAM; "
            f"{info['os']}; Python {info['python']}",
            f"- Load average (1/5/15 min) at the start {_loadavg(START_LOAD)}, at the end "
            f"{info['load']} (other processes on the machine make figures noisier)",
            "",
            body.strip(),
            "",
            "",
        ]
    )
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Benchmark results\n\nAppended by the scripts in bench/ (see bench/README.md); "
            "newest last.\n\n"
        )
    with RESULTS.open("a") as results:
        results.write(section)
    log(f"results appended to {RESULTS}")


def ms(value: float) -> str:
    return f"{value:.1f}"
