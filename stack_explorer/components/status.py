"""Showing and choosing a learning status."""

from collections.abc import Callable

import reflex as rx

from stack_explorer import status as st

_LABELS = rx.Var.create(st.LABELS)
_COLORS = rx.Var.create(st.COLORS)


def status_badge(value: rx.Var[str]) -> rx.Component:
    return rx.badge(
        _LABELS[value].to(str),
        color_scheme=_COLORS[value].to(str),
        variant="soft",
        radius="full",
    )


def status_control(value: rx.Var[str], on_change: Callable) -> rx.Component:
    """The radio group named "Status", with one card per status."""
    return rx.radio_cards.root(
        *[
            rx.radio_cards.item(
                rx.hstack(
                    rx.box(
                        width="8px",
                        height="8px",
                        border_radius="50%",
                        background_color=rx.color(st.COLORS[key], 9),
                    ),
                    rx.text(label, size="2", weight="medium"),
                    align="center",
                    spacing="2",
                ),
                value=key,
            )
            for key, label in st.LABELS.items()
        ],
        value=value,
        on_value_change=on_change,
        aria_label="Status",
        columns={"initial": "2", "sm": "4"},
        gap="2",
        size="1",
        width="100%",
    )
