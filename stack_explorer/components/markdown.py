"""Learners' notes, rendered to HTML on the server (services.notes.to_html, which escapes
raw HTML and unsafe links) and placed in the page as is: no Markdown renderer ships to
the browser. Content known at build time uses components.static_markdown instead."""

import reflex as rx


def note_html(html: rx.Var[str]) -> rx.Component:
    return rx.html(html, class_name="prose")
