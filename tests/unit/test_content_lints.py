"""`content check`: questions that give themselves away or repeat another topic's, topics
on no learning path, and exercises whose solution fails (or whose starter passes)."""

from stack_explorer.catalog import load_catalog
from stack_explorer.cli import main
from tests.unit.test_loader import edit_topic

EXERCISE = {
    "slug": "double-it",
    "title": "Double it",
    "task": "Write `double(n)` that returns twice `n`.",
    "starter": "def double(n):\n    return n\n",
    "solution": "def double(n):\n    return 2 * n\n",
    "checks": "def test_doubles():\n    assert double(4) == 8\n",
}


def check(content_dir, capsys, strict: bool = True) -> tuple[int, str]:
    args = ["content", "check", "--content-dir", str(content_dir)]
    code = main([*args, "--strict"] if strict else args)
    return code, capsys.readouterr().err


def test_the_shipped_content_passes_strictly(capsys):
    assert main(["content", "check", "--strict"]) == 0, capsys.readouterr().err


def test_only_the_right_answer_with_a_semicolon_is_a_tell(content_dir, capsys):
    doc = load_catalog(content_dir).topics["flask"]
    right = next(c for c in doc.meta.questions[0].choices if c.correct).text

    def tell(data):
        choice = next(c for c in data["questions"][0]["choices"] if c.get("correct"))
        choice["text"] = right.replace(",", ";", 1) if "," in right else right + "; fix it"
        for other in data["questions"][0]["choices"]:
            if not other.get("correct"):
                other["text"] = other["text"].replace(";", ",").replace(": ", ", ")

    path = edit_topic(content_dir, "flask", tell)
    code, err = check(content_dir, capsys)
    assert code == 1 and f"{path}: questions.1: only the right answer has a ';'" in err


def test_the_same_scenario_in_two_topics_is_named(content_dir, capsys):
    flask_q1 = load_catalog(content_dir).topics["flask"].meta.questions[0].model_dump()
    path = edit_topic(content_dir, "django", lambda data: data["questions"].append(flask_q1))
    code, err = check(content_dir, capsys)
    assert code == 1
    named = [line for line in err.splitlines() if "asks the same scenario" in line]
    # Whichever of the two is read second is named, with the other as the first.
    assert any(
        (f"{path}" in line and "as flask question" in line)
        or ("flask.md" in line and "as django question" in line)
        for line in named
    ), err


def test_a_topic_on_no_path_must_say_why(content_dir, capsys):
    for path_file in (content_dir / "paths").glob("*.yaml"):
        text = path_file.read_text()
        path_file.write_text(text.replace(", sqlite", "").replace("sqlite, ", ""))
    code, err = check(content_dir, capsys)
    topic = content_dir / "topics" / "sqlite.md"
    assert code == 1 and f"{topic}: off_path: the topic is on no learning path" in err
    edit_topic(content_dir, "sqlite", lambda data: data.update(off_path="Covered by sql."))
    code, err = check(content_dir, capsys)
    assert "sqlite.md: off_path" not in err


def test_exercises_run_their_solution_and_starter(content_dir, capsys):
    edit_topic(content_dir, "flask", lambda data: data.update(exercises=[EXERCISE]))
    assert check(content_dir, capsys, strict=False)[0] == 0
    broken = {**EXERCISE, "solution": "def double(n):\n    return n + 1\n"}
    edit_topic(content_dir, "flask", lambda data: data.update(exercises=[broken]))
    code, err = check(content_dir, capsys, strict=False)
    assert code == 1 and "exercises.double-it: the solution fails its checks" in err
    solved = {**EXERCISE, "starter": EXERCISE["solution"]}
    edit_topic(content_dir, "flask", lambda data: data.update(exercises=[solved]))
    code, err = check(content_dir, capsys, strict=False)
    assert code == 1 and "the starter code already passes every check" in err


def test_an_example_offered_with_run_must_run(content_dir, capsys):
    def breaks(data):
        data["example"] = {"language": "python", "code": "import not_installed\n"}

    path = edit_topic(content_dir, "flask", breaks)
    code, err = check(content_dir, capsys)
    assert code == 1
    assert f"{path}: example: offered with Run but raises ModuleNotFoundError" in err

    def explains(data):
        data["example"]["cannot_run"] = "Needs a package the browser does not have."

    edit_topic(content_dir, "flask", explains)
    assert check(content_dir, capsys)[0] == 0
