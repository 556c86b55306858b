"""Markdown rendering for content and notes.

Raw HTML is never rendered (notes are untrusted, and content does not need it), and
the math plugins are off: they would add KaTeX to every page's JavaScript.
"""

import reflex as rx


def markdown(text: str | rx.Var[str]) -> rx.Component:
    return rx.box(
        rx.markdown(text, use_raw=False, use_math=False, use_katex=False), class_name="prose"
    )
