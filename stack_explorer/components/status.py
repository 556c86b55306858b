"""Showing and choosing a learning status."""

from collections.abc import Callable

import reflex as rx

from stack_explorer import status as st
from stack_explorer.components.progress import once_loaded, placeholder
from stack_explorer.learner.progress import LearnerProgress, status_of

_LABELS = rx.Var.create(st.LABELS)
_COLORS = rx.Var.create(st.COLORS)


def status_badge(value: rx.Var[str]) -> rx.Component:
    return rx.badge(
        _LABELS[value].to(str),
        color_scheme=_COLORS[value].to(str),
        variant="soft",
        radius="full",
        high_contrast=True,  # soft blue and green text miss 4.5:1 on some backgrounds
    )


def status_mark(value: rx.Var[str], loaded: rx.Var[bool]) -> rx.Component:
    """A status badge once the statuses have arrived; a neutral placeholder until then."""
    return once_loaded(loaded, status_badge(value), "badge")


@rx.memo
def learner_status_mark(slug: rx.Var[str]) -> rx.Component:
    """The learner's status of a topic. A memo component: the slug is a prop, so every
    topic shares one compiled copy instead of adding its own to the page's script."""
    return status_mark(status_of(slug), LearnerProgress.loaded)


@rx.memo
def map_status_mark(slug: rx.Var[str], kept: rx.Var[dict[str, str]]) -> rx.Component:
    """The learner's status on the home map. `kept` (null unless the page was opened
    offline) holds the statuses this browser kept, shown until the server's arrive."""
    return rx.cond(
        LearnerProgress.loaded,
        status_badge(status_of(slug)),
        rx.cond(
            kept,
            status_badge(kept.to(dict).get(slug, st.NOT_STARTED).to(str)),
            placeholder("badge"),
        ),
    )


def status_control(value: rx.Var[str], on_change: Callable) -> rx.Component:
    """The radio group named "Status": one card per status around a native radio.

    Native radios give what a radio group promises without script: only the checked
    radio is in the tab order, and the arrow keys move to the next one and select it.
    """
    return rx.el.div(
        *[
            rx.el.label(
                rx.el.input(
                    type="radio",
                    name="status",
                    value=key,
                    checked=value == key,
                    on_change=on_change,
                ),
                rx.text(label, as_="span", size="2", weight="medium"),
                class_name="status-card",
                # Radix's accent variables in this status's colour, for the radio's fill.
                data_accent_color=st.COLORS[key],
            )
            for key, label in st.LABELS.items()
        ],
        role="radiogroup",
        aria_label="Status",
        class_name="status-cards",
    )
