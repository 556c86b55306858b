"""The note editor on a topic page: Markdown, autosaved, pushed to the learner's other tabs."""

import time

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.markdown import note_html
from stack_explorer.components.offline import note_kept, note_write, pending_note
from stack_explorer.components.route import topic_slug
from stack_explorer.handlers import checked
from stack_explorer.learner.context import learner, push
from stack_explorer.services import notes
from stack_explorer.services.progress import InvalidRequest

OFFLINE_NOTE = "Kept on this device; it will sync when you are back online"


class NoteState(rx.State):
    slug: str = ""
    body: str = ""
    saved: str = ""  # what the save indicator says
    failed: bool = False
    # Bumped only when another tab changed this note, to remount the editor with it.
    remote_revision: int = 0

    @rx.var
    def preview_html(self) -> str:
        return notes.to_html(self.body)

    @checked
    async def load(self, slug: str):
        async with learner(self) as me:
            try:
                self.body = notes.note_for(session=me.session, learner_id=me.id, slug=slug)
            except InvalidRequest as error:
                return rx.toast.error(str(error))
        self.slug, self.saved, self.failed = slug, "", False
        self.remote_revision += 1

    @checked
    async def save(self, slug: str, body: str):
        async with learner(self) as me:
            try:
                notes.save_note(session=me.session, learner_id=me.id, slug=slug, body=body)
            except InvalidRequest as error:
                self.saved, self.failed = str(error), True
                return
        self.body, self.failed = body, False
        self.saved = "Saved " + time.strftime("%H:%M:%S")

        def show_remote_edit(other: NoteState) -> None:
            if other.slug == slug:
                other.body, other.saved = body, "Updated from another tab"
                other.remote_revision += 1

        await push(self, NoteState, show_remote_edit)


def note_editor() -> rx.Component:
    slug = topic_slug()
    kept = note_kept(slug)
    body = rx.cond(kept, pending_note(slug), NoteState.body)
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("My notes", as_="h2", size="4"),
                rx.spacer(),
                rx.text(
                    rx.cond(kept, OFFLINE_NOTE, NoteState.saved),
                    size="1",
                    color_scheme=rx.cond(kept, "amber", rx.cond(NoteState.failed, "red", "green")),
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
                # Editable only once this topic's note is loaded: typing earlier would be
                # lost when the loaded note replaces the editor.
                disabled=NoteState.slug != slug,
                # Autosaves after a pause; offline, kept in the browser until it syncs.
                on_change=note_write(
                    slug, NoteState.body, lambda value: NoteState.save(slug, value)
                ),
                placeholder="Write what you learned, in Markdown. It saves as you type.",
                aria_label="Note",
                rows="6",
                resize="vertical",
                width="100%",
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
            rx.link("All my notes", href=routes.MY_NOTES, size="2"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
