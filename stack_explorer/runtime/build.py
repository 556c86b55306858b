"""`stack-explorer runtime build`: puts the in-browser Python runtime in assets/pyodide/.

The Pyodide release comes from the npm registry and each package from PyPI, both
checked against pinned hashes, and nothing of it is committed. A second run with the
same pins does nothing.
"""

import base64
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
import zipfile
from pathlib import Path

PYODIDE_VERSION = "314.0.8"  # Python 3.14
PYODIDE_TARBALL = f"https://registry.npmjs.org/pyodide/-/pyodide-{PYODIDE_VERSION}.tgz"
PYODIDE_INTEGRITY = (  # the npm registry's dist.integrity for that version
    "sha512-74Wq1kXOC+CCEzAfxuRAO701nAcCMLjf8NrwvWpu8S41dVMXwXmLQ05dYB+F4e46AdnGo0oq7YHSVUpHsoarLQ=="
)
# What the worker loads; the package's consoles, type files and maps are left out.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
HERE = Path(__file__).parent
LOCK = HERE / "browser-packages.txt"
RUNNER = HERE / "runner.py"
LAZY_PACKAGES = HERE / "lazy_packages.py"
TARGET = Path("assets") / "pyodide"
BUNDLE = "site-packages.zip"
STAMP = "build-id.txt"
# Django's translations and admin files are most of its size; exercises need neither.
# Python modules and English in those folders stay: Django imports django.conf.locale
# at start-up and its forms need the "en" translations.
SKIPPED = ("/locale/", "/static/")
KEPT = ("/locale/en/",)


def build_id() -> str:
    digest = hashlib.sha256(PYODIDE_INTEGRITY.encode())
    for source in (LOCK, RUNNER, LAZY_PACKAGES, Path(__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _pyodide(target: Path) -> None:
    with urllib.request.urlopen(PYODIDE_TARBALL, timeout=120) as response:
        data = response.read()
    algorithm, expected = PYODIDE_INTEGRITY.split("-", 1)
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise SystemExit(f"pyodide {PYODIDE_VERSION}: the download does not match its pinned hash")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for name in PYODIDE_FILES:
            member = tar.extractfile(f"package/{name}")
            (target / name).write_bytes(member.read())


def _download(folder: Path) -> None:
    lines = [line for line in LOCK.read_text().splitlines() if line and not line.startswith("#")]
    pure = [line for line in lines if not line.startswith("markupsafe")]
    sources = [line for line in lines if line.startswith("markupsafe")]
    pip = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--require-hashes"]
    for requirements, options in (
        (pure, ["--only-binary=:all:", "--platform=any", "--python-version=3.14"]),
        (sources, ["--no-binary=:all:"]),
    ):
        listed = folder / "requirements.txt"
        listed.write_text("\n".join(requirements) + "\n")
        subprocess.run([*pip, *options, "-d", str(folder), "-r", str(listed)], check=True)


def _bundle(folder: Path, bundle: Path) -> None:
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as out:
        for wheel in sorted(folder.glob("*.whl")):
            with zipfile.ZipFile(wheel) as source:
                for name in source.namelist():
                    where = f"/{name}"
                    if (
                        name.endswith(".py")
                        or any(part in where for part in KEPT)
                        or not any(part in where for part in SKIPPED)
                    ):
                        out.writestr(name, source.read(name))
        for release in sorted(folder.glob("*.tar.gz")):
            with tarfile.open(release) as tar:
                for member in tar.getmembers():
                    _, _, inside = member.name.partition("/src/")
                    if member.isfile() and inside.endswith((".py", ".typed")):
                        out.writestr(inside, tar.extractfile(member).read())
        out.write(RUNNER, "stack_explorer_runner.py")
        out.write(LAZY_PACKAGES, "stack_explorer_lazy_packages.py")


def build(root: Path | None = None, quiet: bool = False) -> Path:
    target = (root or Path.cwd()) / TARGET
    wanted = build_id()
    stamp = target / STAMP
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return target
    if not quiet:
        print(
            f"==> fetching the in-browser Python runtime (Pyodide {PYODIDE_VERSION}, about 30 MB)"
        )
    target.mkdir(parents=True, exist_ok=True)
    _pyodide(target)
    with tempfile.TemporaryDirectory(prefix="browser-packages-") as folder:
        _download(Path(folder))
        _bundle(Path(folder), target / BUNDLE)
    stamp.write_text(wanted + "\n")
    return target
