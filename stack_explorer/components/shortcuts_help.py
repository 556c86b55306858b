"""The list of keyboard shortcuts: `?` on any page, or the footer's link.

Whether it is open is client state, like the search palette: it opens offline too.
"""

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex_base.vars.base import Var
from reflex_base.vars.function import ArgsFunctionOperation

from stack_explorer.components.keys import shortcut_listener

SHORTCUTS = [
    (("Ctrl K", "/"), "Search topics, from any page"),
    (("d", "l", "s", "r"), "On a topic: mark it done, learning, skipped or not started"),
    (("Ctrl Enter",), "In a code cell: run it (in an exercise: check it)"),
    (("Esc",), "Close a dialog or the search"),
    (("?",), "Show this list"),
]

help_open = ClientStateVar.create("shortcuts_help_open", False)


def _open_on_question_mark() -> ArgsFunctionOperation:
    key = Var("key")
    return ArgsFunctionOperation.create(
        ("key",), rx.cond(key == "?", help_open.set_value(True).call(), Var("null"))
    )


def _row(keys: tuple[str, ...], meaning: str) -> rx.Component:
    shown = []
    for key in keys:
        shown += [rx.text(" or ", as_="span", color_scheme="gray")] if shown else []
        shown.append(rx.el.kbd(key, class_name="shortcut-key"))
    return rx.table.row(rx.table.cell(*shown, white_space="nowrap"), rx.table.cell(meaning))


def shortcuts_help() -> rx.Component:
    return rx.fragment(
        shortcut_listener(on_key_down=_open_on_question_mark()),
        rx.dialog.root(
            rx.dialog.content(
                rx.dialog.title("Keyboard shortcuts"),
                rx.dialog.description("Everything in Stack Explorer works from the keyboard."),
                rx.table.root(
                    rx.table.body(*[_row(keys, meaning) for keys, meaning in SHORTCUTS]),
                    variant="surface",
                    width="100%",
                ),
                rx.dialog.close(rx.button("Close", variant="soft", margin_top="1rem")),
                max_width="34rem",
            ),
            open=help_open.value,
            on_open_change=help_open.set_value,
        ),
    )


def shortcuts_button() -> rx.Component:
    """For the footer: the same list, for those who do not know `?`."""
    return rx.button(
        "Keyboard shortcuts (?)",
        on_click=help_open.set_value(True),
        variant="ghost",
        color_scheme="gray",
        size="1",
    )
