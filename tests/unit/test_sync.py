"""Syncing content into the database: idempotent, and it never loses progress."""

import shutil

import pytest
from sqlmodel import select

from stack_explorer.catalog import get_catalog, load_catalog
from stack_explorer.catalog.sync import sync_catalog
from stack_explorer.models import Progress, Topic
from stack_explorer.services import learners, progress
from tests.unit.test_loader import edit_topic


def test_second_sync_changes_nothing(session):
    report = sync_catalog(session=session, catalog=get_catalog())
    assert not report.changed
    assert len(session.exec(select(Topic)).all()) == len(get_catalog().topics)


def test_edit_updates_only_that_topic(session, content_dir):
    edit_topic(
        content_dir, "flask", lambda d: d.update(summary="A deliberately edited summary line.")
    )
    report = sync_catalog(session=session, catalog=load_catalog(content_dir))
    assert report.updated == ["flask"] and not report.created and not report.retired


@pytest.fixture()
def learner_with_progress(session):
    learner, _ = learners.create_learner(session=session)
    for slug in ("flask", "django", "git"):
        progress.set_status(session=session, learner_id=learner.id, slug=slug, status="done")
    return learner.id


def rewrite_references(content_dir, old: str, new: str | None):
    """Point every topic's reference to topic `old` at `new`, or drop it when `new` is None.

    Paths, comparisons and the stack builder are removed: they are not synced.
    """
    shutil.rmtree(content_dir / "paths")
    shutil.rmtree(content_dir / "comparisons")
    (content_dir / "stacks.yaml").unlink()
    for path in [*(content_dir / "topics").glob("*.md"), *(content_dir / "pages").glob("*.md")]:
        path.write_text(
            path.read_text().replace(f"(/topics/{old})", f"(/topics/{new})" if new else "(/)")
        )

    def swap(slugs):
        return [new if s == old else s for s in slugs if new or s != old]

    for path in (content_dir / "topics").glob("*.md"):
        if path.stem not in (old, new):
            edit_topic(
                content_dir,
                path.stem,
                lambda d: d.update(
                    prerequisites=swap(d["prerequisites"]), related=swap(d["related"])
                ),
            )
    return load_catalog(content_dir)


def test_removed_topic_keeps_its_progress(session, content_dir, learner_with_progress):
    (content_dir / "topics" / "flask.md").unlink()
    report = sync_catalog(session=session, catalog=rewrite_references(content_dir, "flask", None))
    assert report.retired == ["flask"]
    flask = session.exec(select(Topic).where(Topic.slug == "flask")).one()
    assert not flask.active
    kept = session.exec(select(Progress).where(Progress.topic_id == flask.id)).one()
    assert kept.status == "done"
    statuses = progress.statuses(session=session, learner_id=learner_with_progress)
    assert statuses == {"django": "done", "git": "done"}


def test_rename_carries_progress_and_leaves_others(session, content_dir, learner_with_progress):
    old = content_dir / "topics" / "git.md"
    (content_dir / "topics" / "git-basics.md").write_text(old.read_text())
    old.unlink()
    edit_topic(
        content_dir, "git-basics", lambda d: d.update(slug="git-basics", renamed_from=["git"])
    )
    report = sync_catalog(
        session=session, catalog=rewrite_references(content_dir, "git", "git-basics")
    )
    assert report.renamed == ["git -> git-basics"]
    assert progress.statuses(session=session, learner_id=learner_with_progress) == {
        "flask": "done",
        "django": "done",
        "git-basics": "done",
    }
