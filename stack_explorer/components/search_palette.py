"""The command palette (Ctrl+K or "/" on any page): find a topic by keyboard alone.

Everything happens in the browser: whether the palette is open is client state, and the
results come from the combobox, which ranks an index shipped once (topic_combobox.py).
No keystroke waits for the server, and the palette works with the connection down.
"""

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex_base.vars.base import LiteralVar, Var
from reflex_base.vars.function import ArgsFunctionOperation

from stack_explorer.components.keys import shortcut_listener
from stack_explorer.components.topic_combobox import topic_combobox

OPEN_KEYS = ("Ctrl+k", "Ctrl+K", "/")

search_open = ClientStateVar.create("search_palette_open", False)


def _open_on_shortcut() -> ArgsFunctionOperation:
    """(key) => opens the palette when the key is one of OPEN_KEYS."""
    key = Var("key")
    return ArgsFunctionOperation.create(
        ("key",),
        rx.cond(
            LiteralVar.create(list(OPEN_KEYS)).contains(key),
            search_open.set_value(True).call(),
            Var("null"),
        ),
    )


def search_palette() -> rx.Component:
    return rx.fragment(
        shortcut_listener(on_key_down=_open_on_shortcut(), with_ctrl=True),
        rx.dialog.root(
            rx.dialog.trigger(
                rx.button(
                    rx.icon("search", size=16),
                    rx.el.span("Search", class_name="search-button-label"),
                    rx.el.kbd("Ctrl K", class_name="kbd-hint"),
                    variant="soft",
                    color_scheme="gray",
                    aria_label="Search topics (Ctrl+K)",
                ),
            ),
            rx.dialog.content(
                rx.hstack(
                    rx.dialog.title("Search topics", margin="0"),
                    rx.dialog.close(
                        rx.icon_button(
                            rx.icon("x", size=18),
                            variant="ghost",
                            color_scheme="gray",
                            aria_label="Close search",
                        )
                    ),
                    justify="between",
                    align="center",
                    margin_bottom="0.5rem",
                ),
                rx.dialog.description(
                    "Type a name, alias or concept. Up and Down move through the results; "
                    "Enter opens the highlighted one.",
                    class_name="search-help",
                ),
                topic_combobox(
                    label="Search topics",
                    placeholder="e.g. orm, containers, async",
                    empty_text="No topic matches.",
                    on_close=search_open.set_value(False),
                ),
                max_width="36rem",
                # At the top, not the middle (assets/styles.css): a phone's keyboard
                # would cover the results.
                class_name="search-dialog",
            ),
            open=search_open.value,
            on_open_change=search_open.set_value,
        ),
    )
