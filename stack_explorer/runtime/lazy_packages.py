"""Unpacks a browser package only when learner code first imports it.

Shipped into the browser beside the runner (as `stack_explorer_lazy_packages`, read
straight from site-packages.zip by zipimport). Unpacking every package at start-up
cost more than a second on each new page; a cell that only prints needs none of them,
and an exercise pays only for what it imports (Django is most of the archive).

Metadata folders and single-file modules are small and unpacked at once, so
`importlib.metadata` (pytest's plugin discovery) sees every package from the start.
"""

import importlib
import sys
import zipfile
from collections import defaultdict


def _groups(archive: zipfile.ZipFile) -> tuple[list[str], dict[str, list[str]]]:
    """(members to unpack now, top-level package name -> its members)."""
    now: list[str] = []
    packages: dict[str, list[str]] = defaultdict(list)
    for name in archive.namelist():
        top, _, rest = name.partition("/")
        if not rest or top.endswith(".dist-info"):
            now.append(name)
        else:
            packages[top].append(name)
    return now, dict(packages)


class LazyPackages:
    """A meta path finder that unpacks a package's folder on its first import, then
    steps aside so the ordinary path finder imports it from `target`."""

    def __init__(self, archive_path: str, target: str) -> None:
        self.archive = zipfile.ZipFile(archive_path)
        self.target = target
        now, self.waiting = _groups(self.archive)
        self.archive.extractall(target, now)

    def find_spec(self, fullname: str, path=None, target=None):
        members = self.waiting.pop(fullname.partition(".")[0], None)
        if members:
            self.archive.extractall(self.target, members)
            importlib.invalidate_caches()
        return None


def install(archive_path: str, target: str) -> LazyPackages:
    finder = LazyPackages(archive_path, target)
    sys.meta_path.insert(0, finder)
    importlib.invalidate_caches()
    return finder
