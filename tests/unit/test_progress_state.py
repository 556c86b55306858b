"""The live progress of a tab: one-topic changes over a full load, and the figures."""

from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.learner.progress import (
    LearnerProgress,
    change,
    current,
    fold,
    load_all,
    overall_percentage,
)
from stack_explorer.services import progress


def _backend_topic() -> str:
    return next(slug for slug, doc in get_catalog().topics.items() if doc.layer == "backend")


def test_a_change_is_one_entry_over_the_full_load():
    shown = LearnerProgress()
    load_all(shown, {"git": st.DONE, "css": st.LEARNING}, "")
    slug = _backend_topic()

    change(shown, slug, st.DONE)

    assert shown.statuses == {"git": st.DONE, "css": st.LEARNING}
    assert shown.changes == {slug: st.DONE}
    assert current(shown) == {"git": st.DONE, "css": st.LEARNING, slug: st.DONE}
    assert shown.overall_percent == overall_percentage(current(shown))
    assert shown.layer_percent["backend"] > 0


def test_not_started_over_a_loaded_status_removes_it():
    shown = LearnerProgress()
    load_all(shown, {"git": st.DONE}, "")
    change(shown, "git", st.NOT_STARTED)
    assert current(shown) == {}
    assert shown.overall_percent == 0
    fold(shown)
    assert shown.statuses == {} and shown.changes == {}


def test_an_unchanged_status_sends_nothing():
    shown = LearnerProgress()
    load_all(shown, {"git": st.DONE}, "")
    shown.dirty_vars.clear()
    change(shown, "git", st.DONE)
    assert shown.changes == {}
    assert not shown.dirty_vars


def test_folding_keeps_what_is_shown():
    shown = LearnerProgress()
    load_all(shown, {"git": st.DONE}, "")
    change(shown, "css", st.LEARNING)
    before = current(shown)
    fold(shown)
    assert shown.statuses == before and shown.changes == {}


def test_a_full_load_drops_pending_changes():
    shown = LearnerProgress()
    change(shown, "css", st.LEARNING)
    load_all(shown, {"git": st.DONE}, "")
    assert current(shown) == {"git": st.DONE}


def test_topic_ids_are_cached_until_the_next_sync(session):
    slug = _backend_topic()
    first = progress.active_topic_id(session, slug)
    assert progress.active_topic_id(session, slug) == first
    progress.forget_topic_ids()
    assert progress.active_topic_id(session, slug) == first


def test_an_unknown_slug_is_refused_every_time(session):
    import pytest

    for _ in range(2):
        with pytest.raises(progress.InvalidRequest):
            progress.active_topic_id(session, "cobol")
    with pytest.raises(progress.InvalidRequest):
        progress.active_topic_id(session, ["django"])


def test_a_click_on_a_topic_page_leaves_the_path_figures_for_the_next_page():
    shown = LearnerProgress()
    load_all(shown, {}, "")
    on_a_path = next(iter(get_catalog().paths.values())).topics[0]
    before = dict(shown.path_percent), shown.next_up

    change(shown, on_a_path, st.DONE, on_topic_page=True)
    assert (shown.path_percent, shown.next_up) == before  # not re-sent with the click
    assert shown.overall_percent > 0

    fold(shown)  # the tab loads another page
    assert shown.path_percent != before[0]
    assert shown.statuses == {on_a_path: st.DONE} and shown.changes == {}


def test_changes_stay_few_however_many_arrive():
    shown = LearnerProgress()
    load_all(shown, {}, "")
    slugs = list(get_catalog().topics)[:20]
    for slug in slugs:
        change(shown, slug, st.LEARNING)
        assert len(shown.changes) <= 8
    assert current(shown) == dict.fromkeys(slugs, st.LEARNING)
