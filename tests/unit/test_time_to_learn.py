"""Reading and practice time per topic and path, and the "Suggest an edit" address."""

from stack_explorer.catalog import get_catalog
from stack_explorer.catalog.schema import PRACTICE_MINUTES, time_to_learn
from stack_explorer.catalog.source import edit_url
from stack_explorer.learner.progress import path_time_left

TOPICS = get_catalog().topics


def test_reading_time_grows_with_the_words_and_practice_with_the_exercises():
    flask = TOPICS["flask"]
    assert flask.reading_minutes >= 1
    longer = type(flask)(meta=flask.meta, body=flask.body * 3, path=flask.path)
    assert longer.reading_minutes > flask.reading_minutes
    assert flask.practice_minutes == PRACTICE_MINUTES * len(flask.meta.exercises)


def test_a_paths_time_adds_its_topics_and_turns_to_hours():
    docs = [TOPICS["flask"], TOPICS["django"]]
    reading = sum(doc.reading_minutes for doc in docs)
    assert time_to_learn(docs).startswith(f"{reading} min read")
    assert time_to_learn(list(TOPICS.values())).endswith(" h practice")


def test_suggest_an_edit_links_to_the_markdown_file_only_when_configured(monkeypatch):
    path = TOPICS["flask"].path
    monkeypatch.delenv("STACK_EXPLORER_SOURCE_URL", raising=False)
    assert edit_url(path) is None
    monkeypatch.setenv("STACK_EXPLORER_SOURCE_URL", "https://example.org/repo/blob/main/")
    assert edit_url(path) == (
        "https://example.org/repo/blob/main/stack_explorer/content/topics/flask.md"
    )
    assert edit_url("/somewhere/else/flask.md") is None


def test_a_paths_time_left_drops_what_the_learner_has_done_or_skipped():
    path = get_catalog().paths["django-full-stack"]
    first, second, *rest = (TOPICS[slug] for slug in path.topics)
    fresh = path_time_left({})["django-full-stack"]
    assert fresh == time_to_learn([first, second, *rest])
    covered = path_time_left({first.slug: "done", second.slug: "skipped"})["django-full-stack"]
    assert covered == time_to_learn(rest)
    assert path_time_left({slug: "done" for slug in path.topics})["django-full-stack"] == (
        "nothing left"
    )
