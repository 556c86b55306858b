"""The content command line: check and new."""

from stack_explorer.catalog import load_catalog
from stack_explorer.cli import main


def test_check_fails_naming_file_and_field(content_dir, capsys):
    path = content_dir / "topics" / "flask.md"
    path.write_text(path.read_text().replace("layer: backend", "layer: middleware", 1))
    assert main(["content", "check", "--content-dir", str(content_dir)]) == 1
    assert f"{path}: layer: unknown layer 'middleware'" in capsys.readouterr().err


def test_check_warns_when_length_gives_the_answer_away(content_dir, capsys):
    path = content_dir / "topics" / "flask.md"
    doc = load_catalog(content_dir).topics["flask"]
    right = next(c.text for c in doc.meta.questions[0].choices if c.correct)
    longer = right + ", and this is the right one because it is by far the longest and most careful"
    path.write_text(path.read_text().replace(right, longer, 1))
    assert main(["content", "check", "--content-dir", str(content_dir)]) == 0
    assert f"{path}: questions.1: the right answer is" in capsys.readouterr().err
    assert main(["content", "check", "--strict", "--content-dir", str(content_dir)]) == 1


def test_new_writes_a_valid_skeleton(content_dir, capsys):
    assert (
        main(
            [
                "content",
                "new",
                "celery-beat",
                "--layer",
                "backend",
                "--content-dir",
                str(content_dir),
            ]
        )
        == 0
    )
    catalog = load_catalog(content_dir)
    assert catalog.topics["celery-beat"].layer == "backend"
    assert (
        main(
            [
                "content",
                "new",
                "celery-beat",
                "--layer",
                "backend",
                "--content-dir",
                str(content_dir),
            ]
        )
        == 2
    )


def test_new_refuses_bad_slug_and_layer(content_dir, capsys):
    assert (
        main(
            ["content", "new", "Bad Slug", "--layer", "backend", "--content-dir", str(content_dir)]
        )
        == 2
    )
    assert (
        main(
            [
                "content",
                "new",
                "ok-slug",
                "--layer",
                "middleware",
                "--content-dir",
                str(content_dir),
            ]
        )
        == 2
    )
    assert "unknown layer" in capsys.readouterr().err
