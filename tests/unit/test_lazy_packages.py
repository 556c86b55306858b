"""Packages are unpacked on their first import (`stack_explorer/runtime/lazy_packages.py`),
in CPython: the browser runs the same file."""

import importlib.metadata
import sys
import zipfile
from pathlib import Path

import pytest

from stack_explorer.runtime.lazy_packages import install


@pytest.fixture
def archive(tmp_path):
    path = tmp_path / "site-packages.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("lazypkg_demo/__init__.py", "from .inner import VALUE\n")
        out.writestr("lazypkg_demo/inner.py", "VALUE = 42\n")
        out.writestr("lazypkg_demo-1.2.dist-info/METADATA", "Name: lazypkg_demo\nVersion: 1.2\n")
        out.writestr("lazypkg_single.py", "SINGLE = True\n")
    return path


@pytest.fixture
def finder(archive, tmp_path):
    target = tmp_path / "site-packages"
    target.mkdir()
    sys.path.insert(0, str(target))
    installed = install(str(archive), str(target))
    yield installed
    sys.meta_path.remove(installed)
    sys.path.remove(str(target))
    for name in ("lazypkg_demo", "lazypkg_demo.inner", "lazypkg_single"):
        sys.modules.pop(name, None)


def test_a_package_is_unpacked_only_when_first_imported(finder):
    folder = Path(finder.target) / "lazypkg_demo"
    assert not folder.exists()
    assert importlib.import_module("lazypkg_demo").VALUE == 42
    assert (folder / "inner.py").exists()


def test_metadata_and_single_modules_are_there_from_the_start(finder):
    assert importlib.metadata.version("lazypkg_demo") == "1.2"
    assert importlib.import_module("lazypkg_single").SINGLE is True


def test_an_unknown_module_is_left_to_the_other_finders(finder):
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("lazypkg_missing")
    assert importlib.import_module("json").dumps([1]) == "[1]"
