"""Every Python dependency is pinned (scripts/lock.sh writes the lock files), the
pins satisfy what pyproject.toml asks for, and this environment was installed from
them: a dependency added to pyproject.toml without locking fails here."""

import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\;]+)", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def declared() -> tuple[list[Requirement], list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(r) for r in project["dependencies"]]
    return runtime, [Requirement(r) for r in project["optional-dependencies"]["dev"]]


def test_every_declared_dependency_is_pinned_within_its_range():
    runtime, dev = declared()
    for lock, wanted in (("requirements.lock", runtime), ("requirements-dev.lock", runtime + dev)):
        pinned = pins(lock)
        for requirement in wanted:
            name = canonicalize_name(requirement.name)
            assert name in pinned, f"{requirement.name} is not in {lock}: run scripts/lock.sh"
            assert requirement.specifier.contains(pinned[name], prereleases=True), (
                f"{lock} pins {requirement.name}=={pinned[name]}, outside {requirement.specifier}"
            )


def test_every_pin_has_hashes_and_the_app_pins_agree_with_the_test_pins():
    for lock in ("requirements.lock", "requirements-dev.lock"):
        text = (ROOT / lock).read_text()
        assert text.count("==") and all(
            "--hash=sha256:" in block for block in re.split(r"\n(?=[A-Za-z])", text)[1:]
        ), f"{lock} has a pin without a hash"
    app, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: dev.get(name) for name in app} == app


def test_this_environment_was_installed_from_the_lock():
    installed = {name: importlib.metadata.version(name) for name in pins("requirements-dev.lock")}
    assert installed == pins("requirements-dev.lock")
