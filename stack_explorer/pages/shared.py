"""`/shared/<share id>`: a read-only view of another learner's map (no notes, no account)."""

import reflex as rx

from stack_explorer import routes
from stack_explorer import status as st
from stack_explorer.components.layout import page
from stack_explorer.components.progress import once_loaded, progress_bar
from stack_explorer.components.stack_map import stack_map
from stack_explorer.components.status import status_mark
from stack_explorer.handlers import checked
from stack_explorer.learner import tabs as live_tabs
from stack_explorer.learner.progress import layer_percentages, overall_percentage
from stack_explorer.reflex_internals import is_connected, modify_tab
from stack_explorer.services import sharing


class SharedMapState(rx.State):
    statuses: dict[str, str] = {}
    found: bool = True
    loaded: bool = False

    @checked
    async def load(self):
        with rx.session() as session:
            statuses = sharing.shared_statuses(session=session, share_id=self.share_id)
        self.found = statuses is not None
        self.statuses = statuses or {}
        self.loaded = True
        if self.found:  # so that revoking the link reaches this tab at once
            group = live_tabs.share_group(self.share_id)
            await live_tabs.add(group, self.router.session.client_token)

    @rx.var
    def layer_percent(self) -> dict[str, int]:
        return layer_percentages(self.statuses)

    @rx.var
    def overall_percent(self) -> int:
        return overall_percentage(self.statuses)


async def close_shared_views(share_id: str, skip: str) -> None:
    """A revoked link: every tab still showing it says "not found" now, not on its
    next reload. `skip` is the revoking tab, whose state is already locked."""
    group = live_tabs.share_group(share_id)
    for client in await live_tabs.tabs(group) - {skip}:
        if not await is_connected(client):
            continue
        async with modify_tab(client, SharedMapState) as root:
            shown = await root.get_state(SharedMapState)
            if shown.share_id == share_id:
                shown.found, shown.statuses = False, {}
    await live_tabs.forget(group)


@rx.memo
def shared_status_mark(slug: rx.Var[str]) -> rx.Component:
    """A topic's status on the shared map (one compiled copy for every topic)."""
    return status_mark(
        SharedMapState.statuses.get(slug, st.NOT_STARTED).to(str), SharedMapState.loaded
    )


def shared_map() -> rx.Component:
    return page(
        rx.cond(
            SharedMapState.found,
            rx.vstack(
                rx.heading("A shared Python stack map", as_="h1", size="8"),
                rx.text("A read-only view of someone's progress.", color_scheme="gray"),
                rx.hstack(
                    once_loaded(
                        SharedMapState.loaded,
                        rx.text(
                            SharedMapState.overall_percent.to_string() + "%",
                            size="6",
                            weight="bold",
                        ),
                        "number",
                    ),
                    progress_bar(
                        "Overall progress",
                        SharedMapState.overall_percent,
                        size="3",
                        loaded=SharedMapState.loaded,
                    ),
                    width="100%",
                    align="center",
                ),
                stack_map(
                    lambda slug: shared_status_mark(slug=slug),
                    SharedMapState.layer_percent,
                    SharedMapState.loaded,
                ),
                spacing="4",
                width="100%",
            ),
            rx.vstack(
                rx.heading("Shared map not found", as_="h1", size="8"),
                rx.text("This link was revoked or never existed.", color_scheme="gray"),
                rx.link("Open your own map", href=routes.HOME),
                spacing="3",
            ),
        )
    )


PAGES = [
    routes.Page(
        routes.SHARED,
        "Shared map | Stack Explorer",
        "A read-only view of a learner's Python full stack map.",
        shared_map,
        on_load=SharedMapState.load,
        context={"sitemap": None},
    )
]
