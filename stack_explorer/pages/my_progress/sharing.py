"""The share link on `/me/progress`: an opt-in, revocable read-only view of the map."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.confirm import confirm_dialog
from stack_explorer.handlers import checked
from stack_explorer.learner.context import learner
from stack_explorer.pages.shared import close_shared_views
from stack_explorer.services import sharing


class ShareState(rx.State):
    share_id: str = ""
    share_url: str = ""

    @checked
    async def load(self):
        async with learner(self) as me:
            self._show(sharing.share_id_for(session=me.session, learner_id=me.id))

    def _show(self, share_id: str) -> None:
        # A plain var, not a computed one: a var reading the router would be
        # recomputed and re-sent with every event of the tab.
        self.share_id = share_id
        self.share_url = self.router.url.origin + routes.shared(share_id) if share_id else ""

    @checked
    async def create_share(self):
        """A new link replaces the old one, which stops working."""
        async with learner(self) as me:
            old = sharing.share_id_for(session=me.session, learner_id=me.id)
            self._show(sharing.create_share(session=me.session, learner_id=me.id))
        if old:
            await close_shared_views(old, skip=self.router.session.client_token)

    @checked
    async def revoke_share(self):
        async with learner(self) as me:
            old = sharing.share_id_for(session=me.session, learner_id=me.id)
            sharing.revoke_share(session=me.session, learner_id=me.id)
        self._show("")
        if old:
            await close_shared_views(old, skip=self.router.session.client_token)


def share_card() -> rx.Component:
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
                ShareState.share_id != "",
                rx.vstack(
                    rx.link(
                        ShareState.share_url,
                        href=ShareState.share_url,
                        id="share-link",
                        word_break="break-all",
                    ),
                    rx.hstack(
                        rx.button(
                            "Copy link",
                            on_click=rx.set_clipboard(ShareState.share_url),
                            variant="soft",
                            size="2",
                        ),
                        confirm_dialog(
                            rx.button("Revoke link", color_scheme="red", variant="soft", size="2"),
                            title="Revoke the share link?",
                            consequence=(
                                "Anyone who opens this link will see “not found” from now on. "
                                "A new link, if you create one, gets a different address."
                            ),
                            confirm_label="Revoke link",
                            on_confirm=ShareState.revoke_share,
                        ),
                    ),
                    spacing="2",
                ),
                rx.button("Create share link", on_click=ShareState.create_share, variant="soft"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
