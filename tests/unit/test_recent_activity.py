"""Recent activity on /me/progress: one entry per change, one per whole-layer action."""

from datetime import datetime, timedelta

from stack_explorer.catalog import get_catalog
from stack_explorer.pages.my_progress.overview_state import recent_entries

CATALOG = get_catalog()
START = datetime(2026, 12, 1, 9, 0)


def event(slug: str, status: str, seconds: float) -> tuple:
    return (slug, CATALOG.topics[slug].title, status, START + timedelta(seconds=seconds))


def test_a_whole_layer_at_once_is_one_entry_and_single_changes_stay_apart():
    backend = [t.slug for t in CATALOG.topics_in("backend")]
    events = [event("git", "learning", 0)]
    events += [event(slug, "done", 60 + i * 0.01) for i, slug in enumerate(backend)]
    events += [event("docker", "done", 120), event("git", "done", 121)]
    entries = recent_entries(events)
    assert [e["title"] for e in entries] == [
        "Git",
        "Docker",
        f"{CATALOG.layer('backend').name}: {len(backend)} topics",
        "Git",
    ]
    assert entries[2]["slug"] == "" and entries[2]["status"] == "Done"
    assert entries[0]["slug"] == "git" and entries[0]["when"] == "2026-12-01 09:02"


def test_two_quick_changes_are_not_a_bulk_action_and_the_list_is_capped():
    events = [event("git", "done", 0), event("docker", "done", 0.5)]
    assert [e["title"] for e in recent_entries(events)] == ["Docker", "Git"]
    many = [event("git", "learning" if i % 2 else "done", i * 10) for i in range(30)]
    assert len(recent_entries(many)) == 10
