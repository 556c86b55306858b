"""`/me/notes`: every note the learner wrote, newest first, linking back to its topic."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.layout import page
from stack_explorer.components.markdown import note_html
from stack_explorer.components.offline import pending_phase
from stack_explorer.components.offline.snapshots import offline_callout, snapshot, snapshot_keeper
from stack_explorer.components.sections import page_header
from stack_explorer.handlers import checked
from stack_explorer.learner.context import learner
from stack_explorer.services import notes


class MyNotesState(rx.State):
    items: list[dict[str, str]] = []
    loaded: bool = False  # no "No notes yet" before the notes have arrived

    @checked
    async def load(self):
        async with learner(self) as me:
            self.items = notes.list_notes(session=me.session, learner_id=me.id)
        self.loaded = True


def _note_card(item: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(
                    rx.link(item["title"], href=routes.topic(item["slug"])), as_="h2", size="4"
                ),
                rx.spacer(),
                rx.text(item["updated"], size="1", color_scheme="gray"),
                width="100%",
                align="center",
            ),
            rx.box(note_html(item["excerpt"]), class_name="topic-body note-preview note-excerpt"),
            rx.cond(
                item["whole"] != "",
                rx.el.details(
                    rx.el.summary("Show all"),
                    rx.box(note_html(item["whole"]), class_name="topic-body note-preview"),
                    class_name="note-whole",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _offline_or_loading() -> rx.Component:
    """Before the notes arrive: this browser's last copy of them when the page was
    opened offline, dated; otherwise a loading line."""
    kept, taken = snapshot("notes", list[dict[str, str]])
    return rx.cond(
        (pending_phase() == "offline") & (taken != ""),
        rx.vstack(
            offline_callout(
                "You are offline: these are your notes as this browser last saw them, on "
                + taken
                + ".",
                "notes-snapshot",
            ),
            rx.foreach(kept, _note_card),
            spacing="3",
            width="100%",
        ),
        rx.text(
            rx.cond(
                pending_phase() == "offline",
                "You are offline, and this browser has no copy of your notes yet.",
                "Loading your notes…",
            ),
            color_scheme="gray",
        ),
    )


def my_notes() -> rx.Component:
    return page(
        rx.vstack(
            page_header("My notes"),
            snapshot_keeper("notes", MyNotesState.items, MyNotesState.loaded),
            rx.cond(
                MyNotesState.items.length() > 0,
                rx.vstack(rx.foreach(MyNotesState.items, _note_card), spacing="3", width="100%"),
                rx.cond(
                    MyNotesState.loaded,
                    rx.card(
                        rx.text(
                            "No notes yet. Open any topic and write in its notes box: "
                            "it saves as you type."
                        ),
                        rx.link("Go to the map", href=routes.HOME),
                        width="100%",
                    ),
                    _offline_or_loading(),
                ),
            ),
            spacing="4",
            width="100%",
        )
    )


PAGES = [
    routes.Page(
        routes.MY_NOTES,
        "My notes | Stack Explorer",
        "Your notes on each topic of the Python full stack.",
        my_notes,
        on_load=MyNotesState.load,
    )
]
