"""Builds the app and adds every page module's pages; nothing else."""

import reflex as rx

from stack_explorer import db  # noqa: F401  (applies the SQLite settings)
from stack_explorer.health import health_api
from stack_explorer.pages import (
    account,
    compare,
    home,
    my_notes,
    my_progress,
    not_found,
    paths,
    review,
    shared,
    stack_builder,
    topic,
    why_python,
)
from stack_explorer.pages.write_queue import write_queue_overlay
from stack_explorer.pages_in_place import serve_pages_in_place
from stack_explorer.pwa import head_components
from stack_explorer.security_headers import with_security_headers

PAGE_MODULES = (
    home,
    why_python,
    topic,
    account,
    my_progress,
    my_notes,
    shared,
    paths,
    compare,
    stack_builder,
    review,
    not_found,
)

app = rx.App(
    stylesheets=["/styles.css"],
    api_transformer=[health_api, serve_pages_in_place, with_security_headers],
    head_components=head_components(),
)
# Offline writes and a calm indicator, in place of Reflex's connection error toast.
app.app_wraps[(5, "Overlay")] = lambda stateful: write_queue_overlay() if stateful else None
for module in PAGE_MODULES:
    for page in module.PAGES:
        app.add_page(
            page.component,
            route=page.path,
            title=page.title,
            description=page.description,
            on_load=page.on_load,
            **({"context": page.context} if page.context else {}),
        )
