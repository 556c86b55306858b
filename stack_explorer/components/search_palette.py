"""The command palette (Ctrl+K or "/" on any page): find a topic by keyboard alone."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.keys import shortcut_listener
from stack_explorer.handlers import checked
from stack_explorer.services import search

OPEN_KEYS = ("Ctrl+k", "Ctrl+K", "/")


class SearchState(rx.State):
    open: bool = False
    query: str = ""
    results: list[dict[str, str]] = []

    @checked
    def set_open(self, value: bool):
        self.open = value
        if not self.open:
            self.query, self.results = "", []

    @checked
    def hotkey(self, key: str):
        if key in OPEN_KEYS and not self.open:
            self.open = True

    @checked
    def search(self, query: str):
        self.query = query
        self.results = search.search(self.query[:100])

    @checked
    def submit(self, form_data: dict):
        """Enter opens the best match."""
        if self.results:
            target = routes.topic(self.results[0]["slug"])
            self.set_open(False)
            return rx.redirect(target)


def _result(item: rx.Var) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.vstack(
                rx.hstack(
                    rx.text(item["title"], weight="bold"),
                    rx.badge(item["layer"], variant="soft", size="1"),
                ),
                rx.text(item["summary"], size="1", color_scheme="gray"),
                spacing="1",
            ),
            href=routes.topic(item["slug"]),
            on_click=SearchState.set_open(False),
            underline="none",
            color_scheme="gray",
            high_contrast=True,
            class_name="search-result",
        ),
    )


def search_palette() -> rx.Component:
    return rx.fragment(
        shortcut_listener(on_key_down=SearchState.hotkey, with_ctrl=True),
        rx.dialog.root(
            rx.dialog.trigger(
                rx.button(
                    rx.icon("search", size=16),
                    rx.text("Search", display=["none", "inline"]),
                    rx.el.kbd("Ctrl K", class_name="kbd-hint"),
                    variant="soft",
                    color_scheme="gray",
                    aria_label="Search topics (Ctrl+K)",
                ),
            ),
            rx.dialog.content(
                rx.dialog.title("Search topics"),
                rx.dialog.description(
                    "Type a name, alias or concept. Enter opens the first result; "
                    "Tab moves through the results.",
                    size="2",
                ),
                rx.form(
                    rx.input(
                        value=SearchState.query,
                        on_change=SearchState.search.debounce(120),
                        placeholder="e.g. orm, containers, async",
                        aria_label="Search topics",
                        auto_focus=True,
                        size="3",
                        width="100%",
                        margin_top="0.75rem",
                    ),
                    on_submit=SearchState.submit,
                ),
                rx.cond(
                    SearchState.results.length() > 0,
                    rx.el.ul(
                        rx.foreach(SearchState.results, _result),
                        class_name="search-results",
                        aria_label="Results",
                    ),
                    rx.cond(
                        SearchState.query != "",
                        rx.text(
                            "No topic matches.", size="2", color_scheme="gray", margin_top="0.75rem"
                        ),
                    ),
                ),
                max_width="36rem",
            ),
            open=SearchState.open,
            on_open_change=SearchState.set_open,
        ),
    )
