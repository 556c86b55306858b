"""Runnable code on a topic page: the example as an editable cell with Run and Reset,
and each exercise with Check, hints and the solution on request.

Everything here is rendered when the app is built; the buttons call `code_runner.js`
directly, so running code never goes through the server.
"""

from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx
from reflex.vars import FunctionStringVar, FunctionVar, Var, VarData

from stack_explorer.catalog.schema import Example, Exercise
from stack_explorer.components.static_markdown import highlighted_code, static_markdown

_RUNNER = rx.asset("code_runner.js", shared=True).importable_path
rx.asset("python_worker.js", shared=True)  # bundled with code_runner.js as its worker
rx.asset("code_editor.js", shared=True)  # loaded by code_runner.js on demand


def _call(name: str, *args) -> FunctionVar:
    function = FunctionStringVar.create(name, _var_data=VarData(imports={_RUNNER: [name]}))
    return function.call(*args).to(FunctionVar)


def _editor(cell_id: str, code: str, label: str, exercise: bool = False, **saved) -> rx.Component:
    """`saved`: for an exercise, the learner's code kept on the server (`data_saved`,
    `data_saved_at`); on mount the editor shows the newer of that and this browser's
    draft."""
    return rx.el.textarea(
        default_value=code,
        aria_label=label,
        spell_check=False,
        auto_capitalize="off",
        auto_complete="off",
        rows=min(max(code.count("\n") + 1, 4), 24),
        class_name="cell-editor",
        on_key_down=_call("cellKeys", cell_id, exercise),
        on_change=_call("keepDraft", cell_id),
        on_mount=_call("restoreDraft", cell_id),
        # The code editor (CodeMirror) loads when the learner first reaches the cell.
        on_focus=_call("upgradeEditor", cell_id, exercise),
        **saved,
    )


def _quiet_button(label: str, on_click: FunctionVar, variant: str = "soft") -> rx.Component:
    return rx.button(label, on_click=on_click, variant=variant, color_scheme="gray", size="2")


def _output(label: str) -> rx.Component:
    return rx.el.output(class_name="cell-output", aria_live="polite", aria_label=label)


def runnable_example(title: str, example: Example) -> rx.Component:
    """The topic's example: runnable when it is Python that a browser can run."""
    if example.language != "python" or example.cannot_run:
        code = highlighted_code(
            example.code,
            example.language,
            class_name="example",
            data_language=example.language,
            tab_index=0,
            role="region",
            aria_label=f"{title} example code",
        )
        if not example.cannot_run:
            return code
        note = rx.text(
            "Runs outside the browser: ", example.cannot_run, size="2", color_scheme="gray"
        )
        return rx.vstack(code, note, spacing="1", width="100%")
    cell_id = "example"
    return rx.el.div(
        # Its own box: the code editor is put beside the textarea, outside React's view.
        rx.el.div(_editor(cell_id, example.code, f"{title} example code, editable")),
        rx.hstack(
            rx.button(
                rx.icon("play", size=14), "Run", on_click=_call("runCell", cell_id), size="2"
            ),
            _quiet_button("Reset", _call("restoreCell", cell_id)),
            rx.text("Ctrl+Enter runs it, in your browser", size="1", color_scheme="gray"),
            align="center",
            wrap="wrap",
        ),
        _output(f"{title} example output"),
        class_name="code-cell",
        data_cell=cell_id,
        data_original=example.code,
    )


@dataclass(frozen=True)
class ExerciseProgress:
    """What the page knows of the learner's work on a topic's exercises."""

    topic: str
    solved: Callable[[str], Var[bool]]  # exercise slug -> solved
    summary: Var[str]  # "1 of 3 solved", or "" until loaded
    saved_code: Callable[[str], Var[str]]
    saved_at: Callable[[str], Var[float]]
    revision: Var[int]


def _exercise(index: int, exercise: Exercise, progress: ExerciseProgress) -> rx.Component:
    cell_id = f"exercise-{exercise.slug}"
    hints = [
        rx.el.details(rx.el.summary(f"Hint {n}"), rx.text(hint, size="2"), class_name="hint")
        for n, hint in enumerate(exercise.hints, start=1)
    ]
    return rx.el.article(
        rx.hstack(
            rx.heading(f"{index}. {exercise.title}", as_="h3", size="4"),
            rx.cond(
                progress.solved(exercise.slug),
                rx.badge(
                    rx.icon("check", size=12), "Solved", color_scheme="green", high_contrast=True
                ),
            ),
            align="center",
            wrap="wrap",
        ),
        static_markdown(exercise.task),
        # Remounted (so mounted again) when the saved code arrives: the key must sit
        # outside the editor, whose mount effect runs once per instance.
        rx.el.div(
            _editor(
                cell_id,
                exercise.starter,
                f"Your code for {exercise.title}",
                exercise=True,
                data_saved=progress.saved_code(exercise.slug),
                data_saved_at=progress.saved_at(exercise.slug),
            ),
            key=progress.revision.to_string(),
        ),
        rx.hstack(
            rx.button(
                rx.icon("circle-check", size=14),
                "Check",
                on_click=_call("checkExercise", cell_id),
                size="2",
            ),
            _quiet_button("Start over", _call("restoreCell", cell_id)),
            _quiet_button(
                "Show a solution", _call("restoreCell", cell_id, "solution"), variant="ghost"
            ),
            align="center",
            wrap="wrap",
        ),
        *hints,
        _output(f"Checks for {exercise.title}"),
        class_name="code-cell exercise",
        data_cell=cell_id,
        data_topic=progress.topic,
        data_exercise=exercise.slug,
        data_original=exercise.starter,
        data_solution=exercise.solution,
        data_checks=exercise.checks,
        aria_label=exercise.title,
    )


def exercises_section(exercises: list[Exercise], progress: ExerciseProgress) -> rx.Component:
    if not exercises:
        return rx.fragment()
    return rx.el.section(
        rx.vstack(
            rx.hstack(
                rx.heading("Practise", as_="h2", size="5"),
                # High contrast: the page's grey background leaves green-11 at 4.48:1.
                rx.text(
                    progress.summary,
                    size="2",
                    color_scheme="green",
                    high_contrast=True,
                    id="exercises-solved",
                ),
                align="baseline",
                spacing="3",
            ),
            rx.text(
                "Write the code, then Check: hidden tests run it in your browser and say "
                "what passes. Nothing is installed and nothing leaves this page.",
                size="2",
                color_scheme="gray",
            ),
            rx.hstack(
                _quiet_button(
                    "Keep Python for offline use", _call("prepareOffline", "python-offline")
                ),
                rx.text(size="1", color_scheme="gray", id="python-offline", aria_live="polite"),
                align="center",
                wrap="wrap",
            ),
            *[_exercise(i, e, progress) for i, e in enumerate(exercises, start=1)],
            spacing="4",
            width="100%",
        ),
        aria_label="Practise",
        class_name="no-print exercises",
        width="100%",
    )
