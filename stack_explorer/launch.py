"""`stack-explorer run`, which `make run` starts: serve the last production build at
once when nothing it was built from has changed, otherwise build and serve.

Building the frontend takes most of a start (a minute or more on a small machine);
a restart with the same code, content and port needs none of it. What a build was
made from is recorded beside it, and only after it served: a build that failed or
was stopped half-way is never reused.
"""

import hashlib
import importlib.metadata
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from stack_explorer.reflex_internals import (
    built_for_port,
    frontend_build_dir,
    serve_build,
    web_dir,
)

# Everything the compiled frontend is made from. assets/external holds links that
# Reflex makes while compiling, to files under stack_explorer/.
SOURCES = ("stack_explorer", "assets", "rxconfig.py", "pyproject.toml")
GENERATED = ("__pycache__", "assets/external")
RECORD = "stack-explorer-built-from.txt"


def _source_files(root: Path) -> list[Path]:
    files = []
    for source in SOURCES:
        path = root / source
        candidates = path.rglob("*") if path.is_dir() else [path]
        for file in candidates:
            relative = file.relative_to(root).as_posix()
            if file.is_file() and not any(part in relative for part in GENERATED):
                files.append(file)
    return sorted(files)


def fingerprint(root: Path, port: int) -> str:
    """Changes when a source file changes (by size or modification time), or the port
    or the Reflex version does. Reading sizes and times keeps it quick."""
    digest = hashlib.sha256(f"{port}\n{importlib.metadata.version('reflex')}\n".encode())
    for file in _source_files(root):
        stat = file.stat()
        digest.update(f"{file.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _build_time() -> int | None:
    index = frontend_build_dir() / "index.html"
    return index.stat().st_mtime_ns if index.exists() else None


def _record(root: Path, port: int) -> str:
    # The build's own time is part of it: any other build here (the tests build for
    # other ports) makes the record stale.
    return f"{fingerprint(root, port)} {_build_time()}"


def is_current(root: Path, port: int) -> bool:
    record = web_dir() / RECORD
    return (
        built_for_port() == port
        and record.exists()
        and record.read_text().strip() == _record(root, port)
    )


def _wait_until_served(process: subprocess.Popen, port: int) -> bool:
    while process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2):
                return True
        except OSError:
            time.sleep(1)
    return False


def _build_and_serve(root: Path, port: int) -> int:
    print(f"==> building the frontend for port {port} (about a minute; the first time, two more)")
    before = fingerprint(root, port)
    command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--loglevel", "warning"]
    command += ["--single-port", "--frontend-port", str(port), "--backend-port", str(port)]
    process = subprocess.Popen(command, cwd=root)
    try:
        if _wait_until_served(process, port):
            print(f"==> Stack Explorer is ready at http://localhost:{port}", flush=True)
            if fingerprint(root, port) == before:  # nothing was edited while it built
                (web_dir() / RECORD).write_text(_record(root, port) + "\n")
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


def run(port: int, root: Path | None = None) -> int:
    root = root or Path.cwd()
    if not is_current(root, port):
        return _build_and_serve(root, port)
    print(f"==> nothing changed since the last build: serving it on http://localhost:{port}")
    serve_build(port)
    return 0
