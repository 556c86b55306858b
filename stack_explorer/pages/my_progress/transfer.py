"""Export and import on `/me/progress`: all of a learner's statuses, notes, exercise code
and weekly goal as JSON."""

import reflex as rx

from stack_explorer.handlers import checked
from stack_explorer.learner import goal as weekly_goal
from stack_explorer.learner.context import learner, publish_progress
from stack_explorer.pages.my_progress.overview_state import OverviewState
from stack_explorer.services import transfer

EXPORT_NAME = "stack-explorer-progress.json"
UPLOAD_ID = "import-file"


class TransferState(rx.State):
    import_message: str = ""
    import_failed: bool = False

    @checked
    async def export(self):
        async with learner(self) as me:
            data = transfer.export_learner(session=me.session, learner_id=me.id)
        return rx.download(data=data, filename=EXPORT_NAME, mime_type="application/json")

    @checked
    async def import_file(self, files: list[rx.UploadFile]):
        if len(files) != 1:
            self.import_message, self.import_failed = "Choose one exported .json file.", True
            return
        # Reflex's upload endpoint sets no size limit of its own (Starlette spools a file
        # part to disk whatever its size), so the app's limit is the one that applies:
        # read just past it, and report the file's real size.
        data = await files[0].read(transfer.MAX_IMPORT_BYTES + 1)
        overview = await self.get_state(OverviewState)
        async with learner(self) as me:
            try:
                result = transfer.import_into(
                    session=me.session, learner_id=me.id, data=data, size=files[0].size
                )
            except transfer.TransferError as error:
                self.import_message = f"Nothing was imported. {error}"
                self.import_failed = True
                return None
            overview._reload(me)
        await publish_progress(self, me.id)
        await weekly_goal.publish(self, me.id)
        self.import_message, self.import_failed = result.summary(), False


def transfer_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Export and import", as_="h2", size="4"),
            rx.text(
                "Download your statuses, notes, exercise code and weekly goal as JSON, "
                "or import such a file: it is merged with what you have "
                "(the more advanced status wins; notes are joined).",
                size="2",
                color_scheme="gray",
            ),
            rx.button(
                rx.icon("download", size=16),
                "Export my data",
                on_click=TransferState.export,
                variant="soft",
            ),
            # The dropzone opens the file chooser on a click, or Enter or Space when focused.
            # Reflex gives its hidden file input no props, so its name is set once mounted.
            rx.box(
                rx.upload.root(
                    rx.vstack(
                        rx.icon("upload", size=20),
                        rx.text(
                            "Drop an export here, or click to choose one: it is imported at once",
                            size="2",
                            align="center",
                        ),
                        align="center",
                        spacing="1",
                    ),
                    id=UPLOAD_ID,
                    # One step: the chosen file is imported (merged, never replacing).
                    on_drop=TransferState.import_file,
                    accept={"application/json": [".json"]},
                    max_files=1,
                    border=f"1px dashed {rx.color('gray', 7)}",
                    border_radius="8px",
                    padding="1rem",
                    width="100%",
                ),
                width="100%",
                id="import-dropzone",
                on_mount=rx.call_script(
                    "document.querySelector('#import-dropzone input[type=file]')"
                    "?.setAttribute('aria-label', 'Progress file to import')"
                ),
            ),
            rx.cond(
                TransferState.import_message != "",
                rx.callout(
                    TransferState.import_message,
                    color_scheme=rx.cond(TransferState.import_failed, "red", "green"),
                    role="status",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
