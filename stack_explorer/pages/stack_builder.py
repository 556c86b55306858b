"""`/stack-builder`: pick one option per layer and see how a request travels through the parts.

The choice lives in the URL (`?frontend=react&backend=fastapi&...`), so a link reproduces
it. It is read and changed in the browser (`components/stack_choice.js`): picking needs
no server, so the builder works on a page opened offline too.
"""

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.offline.snapshots import statuses_kept_offline
from stack_explorer.components.stack_choice import chosen, notes, options, pick, share_path
from stack_explorer.components.status import map_status_mark
from stack_explorer.handlers import checked
from stack_explorer.learner.context import resolve

FIT_COLORS = {"common": "green", "workable": "amber", "unusual": "red"}


class StackBuilderState(rx.State):
    @checked
    async def load(self):
        await resolve(self)  # the learner's statuses, for the badges


def _picker(layer_slug: str, options: list[str]) -> rx.Component:
    catalog = get_catalog()
    name = catalog.layer(layer_slug).name
    return rx.vstack(
        rx.el.label(name, html_for=f"pick-{layer_slug}", class_name="field-label"),
        rx.el.select(
            *[rx.el.option(catalog.topics[slug].title, value=slug) for slug in options],
            id=f"pick-{layer_slug}",
            value=chosen(layer_slug),
            on_change=pick(layer_slug),
            class_name="native-select",
        ),
        spacing="1",
        min_width="10rem",
        flex="1",
    )


def _node(layer_slug: str, role: str) -> rx.Component:
    titles = rx.Var.create({slug: doc.title for slug, doc in get_catalog().topics.items()})
    slug = chosen(layer_slug)
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.text(role, size="1", color_scheme="gray"),
                rx.link(titles[slug].to(str), href="/topics/" + slug, weight="bold", size="4"),
                spacing="0",
            ),
            rx.spacer(),
            map_status_mark(slug=slug, kept=statuses_kept_offline()),
            align="center",
            width="100%",
        ),
        width="100%",
    )


def _hop(text: str) -> rx.Component:
    return rx.hstack(
        rx.icon("arrow-down-up", size=18, color=rx.color("accent", 9), flex_shrink="0"),
        rx.text(text, size="2", color_scheme="gray"),
        padding_x="1rem",
        align="center",
    )


def _diagram() -> rx.Component:
    stacks = get_catalog().stacks
    hops = stacks.hops if stacks else {}
    return rx.el.figure(
        rx.vstack(
            rx.card(
                rx.hstack(rx.icon("globe", size=18), rx.text("Your users' browser", weight="bold")),
                width="100%",
                variant="ghost",
            ),
            _hop("The page loads and every click becomes a request"),
            _node("frontend", "Frontend"),
            _hop(hops.get("frontend-backend", "HTTP requests and responses")),
            _node("backend", "Backend"),
            _hop(hops.get("backend-database", "Queries and results")),
            _node("database", "Database"),
            rx.text("…and the answer travels back up the same way.", size="2", color_scheme="gray"),
            rx.grid(
                _node("version-control", "Code lives in"),
                _node("deployment", "Runs on"),
                columns={"initial": "1", "sm": "2"},
                spacing="3",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        rx.el.figcaption("How a request travels through the chosen stack", class_name="sr-only"),
        width="100%",
        margin="0",
    )


def _notes() -> rx.Component:
    def note(item: rx.Var) -> rx.Component:
        return rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading(item["pair"], as_="h3", size="3"),
                    rx.badge(
                        item["fit"], color_scheme=rx.match(item["fit"], *FIT_COLORS.items(), "gray")
                    ),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(item["note"], size="2"),
                rx.text(rx.text.strong("Glue: "), item["glue"], size="2", color_scheme="gray"),
                spacing="1",
            ),
            width="100%",
        )

    return rx.vstack(
        rx.heading("How these parts fit together", as_="h2", size="5"),
        rx.cond(
            notes().length() > 0,
            rx.vstack(rx.foreach(notes(), note), spacing="2", width="100%"),
            rx.text("No specific notes for this combination yet.", color_scheme="gray"),
        ),
        spacing="3",
        width="100%",
    )


def stack_builder() -> rx.Component:
    return page(
        rx.vstack(
            rx.heading("Stack builder", as_="h1", size="8"),
            rx.text(
                "Pick one option per layer and see how the parts talk to each other. "
                "The address bar keeps your choice: share it to share the stack.",
                size="4",
                color_scheme="gray",
            ),
            rx.card(
                rx.flex(
                    *[_picker(layer, options) for layer, options in options().items()],
                    wrap="wrap",
                    spacing="3",
                    width="100%",
                ),
                width="100%",
            ),
            rx.grid(
                _diagram(), _notes(), columns={"initial": "1", "md": "2"}, spacing="5", width="100%"
            ),
            rx.text(
                "Link to this stack: ",
                rx.link(share_path(), href=share_path()),
                size="2",
                word_break="break-all",
            ),
            spacing="4",
            width="100%",
        )
    )


PAGES = [
    routes.Page(
        routes.STACK_BUILDER,
        "Stack builder | Stack Explorer",
        "Pick one option per layer and see how a request travels through your stack.",
        stack_builder,
        on_load=StackBuilderState.load,
    )
]
