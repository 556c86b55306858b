"""Focus on the page's <h1> after a client-side navigation (focus_heading.js)."""

import reflex as rx


class FocusHeading(rx.Component):
    library = rx.asset("focus_heading.js", shared=True).importable_path
    tag = "FocusHeading"


def focus_heading() -> rx.Component:
    return FocusHeading.create()
