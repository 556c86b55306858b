"""`/stack-builder`: pick one option per layer and see how a request travels through the parts.

The choice lives in the URL (`?frontend=react&backend=fastapi&...`), so a link reproduces it.
"""

from urllib.parse import urlencode

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.components.layout import page
from stack_explorer.components.progress import once_loaded
from stack_explorer.components.status import status_badge
from stack_explorer.handlers import checked
from stack_explorer.learner.context import resolve
from stack_explorer.learner.progress import LearnerProgress, status_of

DEFAULTS = {
    "frontend": "react",
    "backend": "fastapi",
    "database": "postgresql",
    "version-control": "github",
    "deployment": "docker",
}
FIT_COLORS = {"common": "green", "workable": "amber", "unusual": "red"}


def _options() -> dict[str, list[str]]:
    stacks = get_catalog().stacks
    return stacks.options if stacks else {}


def valid_choice(query: dict) -> dict[str, str]:
    """The choice from query parameters; unknown or missing values fall back to defaults."""
    choice = {}
    for layer, options in _options().items():
        wanted = query.get(layer)
        choice[layer] = wanted if wanted in options else DEFAULTS.get(layer, options[0])
    return choice


class StackBuilderState(rx.State):
    choice: dict[str, str] = {}

    @checked
    async def load(self):
        await resolve(self)
        self.choice = valid_choice(dict(self.router.url.query_parameters))

    @checked
    def pick(self, layer: str, slug: str):
        if layer not in _options() or slug not in _options()[layer]:
            return rx.toast.error(f"{slug!r} is not an option for {layer!r}.")
        self.choice = {**self.choice, layer: slug}
        return rx.redirect(f"{routes.STACK_BUILDER}?{urlencode(self.choice)}", replace=True)

    @rx.var
    def pairings(self) -> list[dict[str, str]]:
        stacks = get_catalog().stacks
        if stacks is None:
            return []
        chosen = list(self.choice.values())
        titles = {slug: doc.title for slug, doc in get_catalog().topics.items()}
        notes = []
        for index, first in enumerate(chosen):
            for second in chosen[index + 1 :]:
                if pairing := stacks.pairing(first, second):
                    notes.append(
                        {
                            "pair": f"{titles[first]} + {titles[second]}",
                            "fit": pairing.fit,
                            "note": pairing.note,
                            "glue": pairing.glue,
                        }
                    )
        return notes

    @rx.var
    def share_path(self) -> str:
        return f"{routes.STACK_BUILDER}?{urlencode(self.choice)}"


def _picker(layer_slug: str, options: list[str]) -> rx.Component:
    catalog = get_catalog()
    name = catalog.layer(layer_slug).name
    return rx.vstack(
        rx.el.label(name, html_for=f"pick-{layer_slug}", class_name="field-label"),
        rx.el.select(
            *[rx.el.option(catalog.topics[slug].title, value=slug) for slug in options],
            id=f"pick-{layer_slug}",
            value=StackBuilderState.choice.get(layer_slug, "").to(str),
            on_change=lambda value: StackBuilderState.pick(layer_slug, value),
            class_name="native-select",
        ),
        spacing="1",
        min_width="10rem",
        flex="1",
    )


def _node(layer_slug: str, role: str) -> rx.Component:
    titles = rx.Var.create({slug: doc.title for slug, doc in get_catalog().topics.items()})
    slug = StackBuilderState.choice.get(layer_slug, "").to(str)
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.text(role, size="1", color_scheme="gray"),
                rx.link(titles[slug].to(str), href="/topics/" + slug, weight="bold", size="4"),
                spacing="0",
            ),
            rx.spacer(),
            once_loaded(
                LearnerProgress.loaded,
                status_badge(status_of(slug)),
                "badge",
            ),
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
            StackBuilderState.pairings.length() > 0,
            rx.vstack(rx.foreach(StackBuilderState.pairings, note), spacing="2", width="100%"),
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
                    *[_picker(layer, options) for layer, options in _options().items()],
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
                rx.link(StackBuilderState.share_path, href=StackBuilderState.share_path),
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
