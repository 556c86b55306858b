"""Markdown rendering for content and notes.

Raw HTML is never rendered (notes are untrusted, and content does not need it), and
the math plugins are off: they would add KaTeX to every page's JavaScript.

Lists are plain `ul`/`ol`/`li` styled by `.prose` in styles.css: Reflex's default list
components emit `direction: column` (not a CSS value for lists) and per-item styles
whose `<style>` tags would land inside the list, which is invalid HTML.
"""

import reflex as rx

_LISTS = {
    "ul": lambda value: rx.el.ul(value),
    "ol": lambda value: rx.el.ol(value),
    "li": lambda value: rx.el.li(value),
}


def markdown(text: str | rx.Var[str]) -> rx.Component:
    return rx.box(
        rx.markdown(text, use_raw=False, use_math=False, use_katex=False, component_map=_LISTS),
        class_name="prose",
    )
