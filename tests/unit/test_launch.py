"""What `make run` compares to decide whether the last build can be served again."""

import os

import pytest

from stack_explorer.launch import fingerprint


@pytest.fixture
def root(tmp_path):
    (tmp_path / "stack_explorer" / "content").mkdir(parents=True)
    (tmp_path / "stack_explorer" / "content" / "git.md").write_text("---\nslug: git\n")
    (tmp_path / "assets" / "external").mkdir(parents=True)
    (tmp_path / "rxconfig.py").write_text("config = None\n")
    return tmp_path


def test_an_edited_topic_changes_the_fingerprint(root):
    before = fingerprint(root, 3000)
    topic = root / "stack_explorer" / "content" / "git.md"
    topic.write_text("---\nslug: git\ntitle: Git\n")
    assert fingerprint(root, 3000) != before


def test_a_touched_file_of_the_same_size_changes_it_too(root):
    before = fingerprint(root, 3000)
    config = root / "rxconfig.py"
    stat = config.stat()
    os.utime(config, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert fingerprint(root, 3000) != before


def test_another_port_needs_another_build(root):
    assert fingerprint(root, 3000) != fingerprint(root, 3100)


def test_what_reflex_generates_while_building_does_not_count(root):
    before = fingerprint(root, 3000)
    (root / "assets" / "external" / "code_runner.js").write_text("// linked by the build\n")
    (root / "stack_explorer" / "__pycache__").mkdir()
    (root / "stack_explorer" / "__pycache__" / "cli.pyc").write_bytes(b"\0")
    assert fingerprint(root, 3000) == before
