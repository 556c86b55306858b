"""The content loader accepts the shipped catalog and names the file and field of every error."""

import re
from pathlib import Path

import pytest
import yaml

from stack_explorer.catalog import ContentError, get_catalog, load_catalog
from stack_explorer.catalog.loader import split_front_matter

SEED_SLUGS = """html css javascript react angular vue pyscript reflex streamlit python django
flask fastapi rest-apis graphql postgresql mysql sqlite django-orm sqlalchemy mongodb cassandra
redis git github gitlab bitbucket aws azure gcp heroku docker ci-cd""".split()


def edit_topic(content_dir: Path, slug: str, change) -> Path:
    """Apply `change` to a topic's front matter dict and write the file back."""
    path = content_dir / "topics" / f"{slug}.md"
    front, body = split_front_matter(path.read_text())
    data = yaml.safe_load(front)
    change(data)
    path.write_text(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n{body}")
    return path


def problems_of(content_dir: Path) -> list[tuple[str, str, str]]:
    with pytest.raises(ContentError) as raised:
        load_catalog(content_dir)
    return raised.value.problems


def test_shipped_catalog_covers_the_seed_and_more():
    catalog = get_catalog()
    assert set(SEED_SLUGS) <= set(catalog.topics)
    assert len(catalog.topics) >= len(SEED_SLUGS) + 12
    assert [layer.name for layer in catalog.layers] == [
        "Frontend",
        "Backend",
        "Database",
        "Version control and tooling",
        "Deployment & DevOps",
    ]


def edit_body(content_dir: Path, slug: str, change) -> Path:
    path = content_dir / "topics" / f"{slug}.md"
    front, body = split_front_matter(path.read_text())
    path.write_text(f"---\n{front}\n---\n{change(body)}")
    return path


def test_a_topic_without_its_pitfalls_section_is_named(content_dir):
    path = edit_body(
        content_dir, "flask", lambda body: body.replace("## Pitfalls and production", "## Notes")
    )
    assert any(
        p[0] == str(path) and p[1] == "body" and "Pitfalls and production" in p[2]
        for p in problems_of(content_dir)
    )


def test_a_thin_explanation_is_named(content_dir):
    path = edit_body(content_dir, "flask", lambda body: re.sub(r"(?m)^(?!## ).+$", "", body))
    assert any(p[0] == str(path) and "at least 150 words" in p[2] for p in problems_of(content_dir))


def test_only_first_party_resources_are_refused(content_dir):
    def official_only(data):
        data["resources"] = [r for r in data["resources"] if r["type"] in ("official", "docs")]

    path = edit_topic(content_dir, "flask", official_only)
    assert any(
        p[0] == str(path) and p[1] == "resources" and "independent resource" in p[2]
        for p in problems_of(content_dir)
    )


def test_bad_slug_is_named(content_dir):
    path = edit_topic(content_dir, "flask", lambda d: d.update(slug="Flask_App"))
    assert any(p[0] == str(path) and p[1] == "slug" for p in problems_of(content_dir))


def test_duplicate_slug_is_named(content_dir):
    source = content_dir / "topics" / "flask.md"
    copy = content_dir / "topics" / "flask-copy.md"
    copy.write_text(source.read_text())
    problems = problems_of(content_dir)
    assert any("duplicate slug 'flask'" in p[2] for p in problems)
    assert any(p[0] == str(copy) and p[1] == "slug" for p in problems)


def test_unknown_layer_is_named(content_dir):
    path = edit_topic(content_dir, "flask", lambda d: d.update(layer="middleware"))
    assert (str(path), "layer", "unknown layer 'middleware'") in problems_of(content_dir)


def test_unknown_prerequisite_is_named(content_dir):
    path = edit_topic(content_dir, "flask", lambda d: d.update(prerequisites=["cobol"]))
    assert (str(path), "prerequisites", "unknown topic 'cobol'") in problems_of(content_dir)


def test_prerequisite_cycle_is_named(content_dir):
    edit_topic(content_dir, "python", lambda d: d.update(prerequisites=["flask"]))
    edit_topic(content_dir, "flask", lambda d: d.update(prerequisites=["python"]))
    problems = problems_of(content_dir)
    assert any(p[1] == "prerequisites" and "cycle" in p[2] for p in problems)


def test_malformed_resource_link_is_named(content_dir):
    def break_link(data):
        data["resources"][1]["url"] = "htp:/broken link"

    path = edit_topic(content_dir, "flask", break_link)
    assert any(
        p[0] == str(path) and p[1] == "resources.1.url" and "malformed link" in p[2]
        for p in problems_of(content_dir)
    )


def test_malformed_body_link_is_named(content_dir):
    path = content_dir / "topics" / "flask.md"
    path.write_text(path.read_text() + "\nSee [the missing page](/topics/nowhere).\n")
    assert (str(path), "body", "link '/topics/nowhere' points to an unknown topic") in problems_of(
        content_dir
    )


@pytest.mark.parametrize("field", ["title", "summary", "resources", "layer"])
def test_missing_field_is_named(content_dir, field):
    path = edit_topic(content_dir, "flask", lambda d: d.pop(field))
    assert any(p[0] == str(path) and p[1] == field for p in problems_of(content_dir))


def test_unofficial_first_resource_is_refused(content_dir):
    path = edit_topic(content_dir, "flask", lambda d: d["resources"].reverse())
    assert any(p[0] == str(path) and p[1] == "resources" for p in problems_of(content_dir))


def test_question_needs_exactly_one_correct_choice(content_dir):
    def two_correct(data):
        for choice in data["questions"][0]["choices"]:
            choice["correct"] = True

    path = edit_topic(content_dir, "flask", two_correct)
    assert any(
        p[0] == str(path) and p[1] == "questions.0.choices" for p in problems_of(content_dir)
    )


def test_missing_front_matter_is_named(content_dir):
    path = content_dir / "topics" / "flask.md"
    path.write_text("no front matter here\n")
    assert any(p[0] == str(path) and p[1] == "(front matter)" for p in problems_of(content_dir))


def test_error_message_names_file_and_field(content_dir):
    edit_topic(content_dir, "flask", lambda d: d.update(layer="middleware"))
    with pytest.raises(ContentError, match=r"flask\.md: layer: unknown layer"):
        load_catalog(content_dir)
