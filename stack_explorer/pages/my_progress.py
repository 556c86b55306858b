"""`/me/progress`: figures, a chart over time, recent activity, export/import and sharing."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.catalog import get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.progress import percent_text, progress_bar
from stack_explorer.handlers import checked
from stack_explorer.learner_context import Me, learner, publish_progress
from stack_explorer.progress_state import LearnerProgress
from stack_explorer.services import progress, sharing, transfer

EXPORT_NAME = "stack-explorer-progress.json"
UPLOAD_ID = "import-file"


class MyProgressState(rx.State):
    timeline: list[dict] = []
    recent: list[dict[str, str]] = []
    share_id: str = ""
    share_url: str = ""
    import_message: str = ""
    import_failed: bool = False

    @checked
    async def load(self):
        async with learner(self) as me:
            self._reload(me)
        self.import_message = ""

    def _reload(self, me: Me) -> None:
        events = progress.history(session=me.session, learner_id=me.id)
        self._set_share(sharing.share_id_for(session=me.session, learner_id=me.id))
        self.timeline = progress.completion_timeline(events)
        self.recent = [
            {
                "slug": slug,
                "title": title,
                "status": st.LABELS[value],
                "when": at.strftime("%Y-%m-%d %H:%M"),
            }
            for slug, title, value, at in reversed(events[-10:])
        ]

    def _set_share(self, share_id: str) -> None:
        # A plain var, not a computed one: a var reading the router would be
        # recomputed and re-sent with every event of the tab.
        self.share_id = share_id
        self.share_url = self.router.url.origin + routes.shared(share_id) if share_id else ""

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
        data = await files[0].read(transfer.MAX_IMPORT_BYTES + 1)
        async with learner(self) as me:
            try:
                statuses, notes = transfer.import_into(
                    session=me.session, learner_id=me.id, data=data
                )
            except transfer.TransferError as error:
                self.import_message, self.import_failed = f"Import refused: {error}", True
                return None
            await publish_progress(self, me)
            self._reload(me)
        self.import_message = f"Imported: {statuses} status(es) and {notes} note(s) merged."
        self.import_failed = False
        return rx.clear_selected_files(UPLOAD_ID)

    @checked
    async def create_share(self):
        async with learner(self) as me:
            self._set_share(sharing.create_share(session=me.session, learner_id=me.id))

    @checked
    async def revoke_share(self):
        async with learner(self) as me:
            sharing.revoke_share(session=me.session, learner_id=me.id)
        self._set_share("")


def _figures() -> rx.Component:
    rows = [
        rx.hstack(
            rx.text(layer.name, size="2", width="11rem", flex_shrink="0"),
            progress_bar(
                f"{layer.name} progress", LearnerProgress.layer_percent.get(layer.slug, 0).to(int)
            ),
            percent_text(LearnerProgress.layer_percent.get(layer.slug, 0).to(int)),
            width="100%",
            align="center",
        )
        for layer in get_catalog().layers
    ]
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(LearnerProgress.overall_percent.to_string() + "%", size="8", weight="bold"),
                rx.text("of the stack covered", color_scheme="gray"),
                align="baseline",
            ),
            progress_bar("Overall progress", LearnerProgress.overall_percent, size="3"),
            *rows,
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _chart() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Topics covered over time", as_="h2", size="4"),
            rx.cond(
                MyProgressState.timeline.length() > 0,
                rx.box(
                    rx.recharts.area_chart(
                        rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
                        rx.recharts.area(
                            data_key="completed",
                            stroke=rx.color("accent", 9),
                            fill=rx.color("accent", 5),
                            name="Topics covered",
                        ),
                        rx.recharts.x_axis(data_key="day"),
                        rx.recharts.y_axis(allow_decimals=False),
                        rx.recharts.graphing_tooltip(),
                        data=MyProgressState.timeline,
                        height=240,
                        width="100%",
                    ),
                    role="img",
                    aria_label="Chart of topics covered per day",
                    width="100%",
                ),
                rx.text(
                    "Mark a topic done or skipped and your curve starts here.", color_scheme="gray"
                ),
            ),
            width="100%",
        ),
        width="100%",
    )


def _panel(title: str, *children: rx.Component) -> rx.Component:
    """A card that is also a named region, so its contents can be found by its title."""
    return rx.card(
        rx.el.section(
            rx.vstack(rx.heading(title, as_="h2", size="4"), *children, width="100%"),
            aria_label=title,
        ),
        width="100%",
    )


def _recent_activity() -> rx.Component:
    def row(item: rx.Var) -> rx.Component:
        return rx.el.li(
            rx.link(item["title"], href="/topics/" + item["slug"]),
            rx.text(
                " ", item["status"], " · ", item["when"], as_="span", size="1", color_scheme="gray"
            ),
        )

    return _panel(
        "Recent activity",
        rx.cond(
            MyProgressState.recent.length() > 0,
            rx.el.ul(rx.foreach(MyProgressState.recent, row), class_name="concepts"),
            rx.text("Nothing yet.", color_scheme="gray"),
        ),
    )


def _learning_now() -> rx.Component:
    titles = rx.Var.create({slug: doc.title for slug, doc in get_catalog().topics.items()})

    def row(entry: rx.Var) -> rx.Component:
        slug = entry[0].to(str)
        return rx.cond(
            entry[1] == st.LEARNING,
            rx.el.li(rx.link(titles[slug].to(str), href="/topics/" + slug)),
        )

    return _panel(
        "In progress",
        rx.el.ul(rx.foreach(LearnerProgress.statuses.entries(), row), class_name="concepts"),
        rx.text("Topics you mark Learning appear here.", size="1", color_scheme="gray"),
    )


def _transfer() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Export and import", as_="h2", size="4"),
            rx.text(
                "Download all your statuses and notes as JSON, or import such a file: "
                "it is merged with what you have "
                "(the more advanced status wins; notes are joined).",
                size="2",
                color_scheme="gray",
            ),
            rx.button(
                rx.icon("download", size=16),
                "Export my data",
                on_click=MyProgressState.export,
                variant="soft",
            ),
            # The label names the dropzone's file input; clicking it opens the file chooser.
            rx.el.label(
                rx.upload.root(
                    rx.vstack(
                        rx.icon("upload", size=20),
                        rx.text("Drop an export here, or click to choose a file", size="2"),
                        rx.foreach(
                            rx.selected_files(UPLOAD_ID),
                            lambda name: rx.text(name, size="1", weight="bold"),
                        ),
                        align="center",
                        spacing="1",
                    ),
                    id=UPLOAD_ID,
                    accept={"application/json": [".json"]},
                    max_files=1,
                    no_click=True,
                    border=f"1px dashed {rx.color('gray', 7)}",
                    border_radius="8px",
                    padding="1rem",
                    width="100%",
                ),
                width="100%",
            ),
            rx.button(
                "Import file",
                on_click=MyProgressState.import_file(rx.upload_files(upload_id=UPLOAD_ID)),
                variant="soft",
            ),
            rx.cond(
                MyProgressState.import_message != "",
                rx.callout(
                    MyProgressState.import_message,
                    color_scheme=rx.cond(MyProgressState.import_failed, "red", "green"),
                    role="status",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _share() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Share my map", as_="h2", size="4"),
            rx.text(
                "A read-only link to your progress map. It never shows your notes or account. "
                "Revoke it at any time.",
                size="2",
                color_scheme="gray",
            ),
            rx.cond(
                MyProgressState.share_id != "",
                rx.vstack(
                    rx.link(
                        MyProgressState.share_url,
                        href=MyProgressState.share_url,
                        id="share-link",
                        word_break="break-all",
                    ),
                    rx.hstack(
                        rx.button(
                            "Copy link",
                            on_click=rx.set_clipboard(MyProgressState.share_url),
                            variant="soft",
                            size="2",
                        ),
                        rx.button(
                            "Revoke link",
                            on_click=MyProgressState.revoke_share,
                            color_scheme="red",
                            variant="soft",
                            size="2",
                        ),
                    ),
                    spacing="2",
                ),
                rx.button(
                    "Create share link", on_click=MyProgressState.create_share, variant="soft"
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def my_progress() -> rx.Component:
    return page(
        rx.vstack(
            rx.heading("My progress", as_="h1", size="8"),
            rx.grid(
                rx.vstack(_figures(), _chart(), spacing="4", width="100%"),
                rx.vstack(
                    _learning_now(),
                    _recent_activity(),
                    spacing="4",
                    width="100%",
                ),
                columns={"initial": "1", "md": "3fr 2fr"},
                spacing="4",
                width="100%",
            ),
            rx.grid(
                _transfer(),
                _share(),
                columns={"initial": "1", "md": "2"},
                spacing="4",
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )
