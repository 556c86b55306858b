"""The note editor on a topic page: Markdown, autosaved, pushed to the learner's other tabs."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.markdown import note_html
from stack_explorer.components.offline import (
    note_kept,
    note_typing,
    note_write,
    pending_note,
    pending_phase,
    save_state,
)
from stack_explorer.components.route import topic_slug
from stack_explorer.learner.context import on_detach
from stack_explorer.learner.progress import now_ms
from stack_explorer.services import notes

NEAR_LIMIT = notes.MAX_NOTE_CHARS * 9 // 10  # from here on the box shows its length


class NoteState(rx.State):
    slug: str = ""
    body: str = ""
    saved: str = ""  # what the save indicator says
    failed: bool = False
    # Bumped only when another tab changed this note, to remount the editor with it.
    remote_revision: int = 0
    seen: float = 0  # when (server time, ms) the note shown was read: sent with each save
    _saved_slug: str = ""  # the topic `saved` is about

    @rx.var
    def preview_html(self) -> str:
        return notes.to_html(self.body)


def show_loaded(note: NoteState, slug: str, body: str, seen: float) -> None:
    """The note as the topic page loads it (TopicState.load), read after `seen`."""
    note.body = body
    if slug != note._saved_slug:  # "Saved" may have arrived just before this load
        note.saved, note.failed = "", False
    note.slug, note.seen = slug, seen
    note.remote_revision += 1


def show_saved_note(note: NoteState, slug: str, body: str, remount: bool) -> None:
    """The server saved this note: show it as saved. `remount` replaces the editor's
    text (another tab's edit, or a merge); the tab that typed it keeps its editor, so
    keystrokes made since are not lost."""
    if note.slug in (slug, ""):  # "": this tab's note loads next (a forgotten tab's state)
        note.body = body
        if remount:
            note.remote_revision += 1
        note.saved, note.failed, note.seen, note._saved_slug = "Saved", False, now_ms(), slug


def show_refused_note(note: NoteState, slug: str, reason: str) -> None:
    if note.slug in (slug, ""):
        note.saved, note.failed, note._saved_slug = reason, True, slug


def _clear(note: NoteState) -> None:
    note.slug, note.body, note.saved, note.failed = "", "", "", False
    note.remote_revision += 1


on_detach(NoteState, _clear)


def note_editor() -> rx.Component:
    slug = topic_slug()
    kept = note_kept(slug)
    unsaved = kept | note_typing(slug)  # "Saving…" from the first keystroke
    offline = pending_phase() == "offline"
    body = rx.cond(kept, pending_note(slug), NoteState.body)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("My notes", as_="h2", size="4"),
                rx.spacer(),
                rx.text(
                    save_state(unsaved, NoteState.saved),
                    size="1",
                    color_scheme=rx.cond(
                        unsaved, "amber", rx.cond(NoteState.failed, "red", "green")
                    ),
                    role="status",
                    aria_live="polite",
                    id="note-status",
                ),
                width="100%",
                align="center",
            ),
            rx.text_area(
                default_value=NoteState.body,
                key=NoteState.remote_revision.to_string(),
                # Editable once this topic's note is loaded (typing earlier would be lost
                # when the loaded note replaces the editor), or on a page opened offline:
                # that text is added to the saved note when it syncs, never over it.
                disabled=(NoteState.slug != slug) & ~offline,
                # Autosaves after a pause; offline, kept in the browser until it syncs.
                on_change=note_write(slug, NoteState.seen),
                max_length=notes.MAX_NOTE_CHARS,
                placeholder=rx.cond(
                    offline & (NoteState.slug != slug),
                    "Offline: what you write here is added to your note when you are back online.",
                    "Write what you learned, in Markdown. It saves as you type.",
                ),
                aria_label="Note",
                rows="6",
                resize="vertical",
                width="100%",
            ),
            rx.cond(
                body.length() >= NEAR_LIMIT,
                rx.text(
                    body.length().to_string(),
                    f" of {notes.MAX_NOTE_CHARS:,} characters: a note cannot grow past that.",
                    size="1",
                    color_scheme="amber",
                    id="note-length",
                ),
            ),
            rx.cond(
                body != "",
                rx.box(
                    rx.text("Preview", size="1", color_scheme="gray"),
                    rx.box(
                        # Offline, the kept text shows as written until the server renders it.
                        rx.cond(
                            kept,
                            rx.el.pre(pending_note(slug), class_name="note-pending"),
                            note_html(NoteState.preview_html),
                        ),
                        class_name="topic-body note-preview",
                    ),
                    width="100%",
                ),
            ),
            rx.hstack(
                rx.link("All my notes", href=routes.MY_NOTES, size="2"),
                rx.cond(
                    body != "",
                    rx.el.label(
                        rx.el.input(type="checkbox", id="print-note"),
                        "Add it to the printed page",
                        class_name="print-note-choice",
                    ),
                ),
                justify="between",
                align="center",
                wrap="wrap",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def printed_note() -> rx.Component:
    """The learner's note at the end of a printed topic, when they ask for it (the box
    above; CSS shows this only then, and only on paper)."""
    return rx.cond(
        (NoteState.slug == topic_slug()) & (NoteState.body != ""),
        rx.box(
            rx.heading("My notes", as_="h2", size="4"),
            note_html(NoteState.preview_html),
            class_name="print-note topic-body",
        ),
    )
