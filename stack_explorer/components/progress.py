"""Progress bars with the accessible names the tests and screen readers rely on.

Until the learner's progress has arrived, bars and badges show a neutral placeholder
(`loaded`), never a false 0% or "Not started".
"""

import reflex as rx


def placeholder(kind: str) -> rx.Component:
    """A grey shape holding the place of a value that is still loading."""
    return rx.el.span(class_name=f"placeholder placeholder-{kind}", aria_hidden="true")


def once_loaded(loaded: rx.Var[bool] | None, component: rx.Component, kind: str) -> rx.Component:
    return component if loaded is None else rx.cond(loaded, component, placeholder(kind))


def progress_bar(
    label: str, value: rx.Var[int], size: str = "2", loaded: rx.Var[bool] | None = None
) -> rx.Component:
    """A labelled progress bar; `label` is its accessible name (e.g. "Overall progress")."""
    bar = rx.progress(value=value, max=100, aria_label=label, size=size, width="100%")
    return once_loaded(loaded, bar, "bar")


def percent_text(value: rx.Var[int], loaded: rx.Var[bool] | None = None) -> rx.Component:
    text = rx.text(value.to_string() + "%", weight="bold", size="2", aria_hidden="true")
    return once_loaded(loaded, text, "number")


def progress_row(
    label: str,
    value: rx.Var[int],
    size: str = "2",
    caption: rx.Component | None = None,
    loaded: rx.Var[bool] | None = None,
) -> rx.Component:
    """A labelled bar with its percentage beside it, after an optional visible caption."""
    return rx.hstack(
        *([caption] if caption is not None else []),
        progress_bar(label, value, size, loaded),
        percent_text(value, loaded),
        width="100%",
        align="center",
    )


def big_percent(value: rx.Var[int], loaded: rx.Var[bool] | None = None) -> rx.Component:
    """The headline figure of a progress card."""
    return once_loaded(loaded, rx.text(value.to_string() + "%", size="8", weight="bold"), "figure")
