"""Continue where you left off: the topic a learner was last reading, and how far down,
kept in this browser (reading_place.js beside this file, its rules in reading_core.js).
Per device, like a bookmark in a book: it works offline and needs no round trip."""

import reflex as rx
from reflex.vars import Var, VarData

from stack_explorer.reflex_internals import js_expression

rx.asset("reading_core.js", shared=True)  # imported by reading_place.js
_LIBRARY = rx.asset("reading_place.js", shared=True).importable_path
_HOOK = "const readingPlace = useReadingPlace();"
_PLACE = VarData(imports={_LIBRARY: ["useReadingPlace"]}, hooks={_HOOK: None})


class ReadingTracker(rx.Component):
    """Keeps the page's topic and scroll position; goes back there on ?continue."""

    library = _LIBRARY
    tag = "ReadingTracker"
    slug: Var[str]
    title: Var[str]


def reading_tracker(slug: str, title: str) -> rx.Component:
    return ReadingTracker.create(slug=slug, title=title)


def continue_card() -> rx.Component:
    """On the home page: the topic last read in this browser, with a link back to the
    point where the learner stopped."""
    slug = js_expression("(readingPlace?.slug ?? '')", str, _PLACE)
    title = js_expression("(readingPlace?.title ?? '')", str, _PLACE)
    return rx.cond(
        slug != "",
        rx.callout(
            rx.link(
                "Continue reading: ",
                title,
                href=rx.Var.create("/topics/") + slug + "?continue",
                weight="medium",
            ),
            icon="book-open",
            width="100%",
            id="continue-reading",
        ),
    )
