"""Reflex configuration. Every setting can be overridden from the environment
(REFLEX_DB_URL, REFLEX_REDIS_URL, REFLEX_DEPLOY_URL, REFLEX_API_URL, ...)."""

import os
from pathlib import Path

import reflex as rx

from stack_explorer.components.topic_combobox import TopicIndexPlugin
from stack_explorer.pwa import ServiceWorkerPlugin
from stack_explorer.theme import radix_themes

# The SQLite database lives in a hidden folder: Reflex's hot reload skips hidden
# folders, so writing progress never restarts the backend in `make dev`.
DATA_DIR = Path(__file__).parent / ".data"
DATA_DIR.mkdir(exist_ok=True)

# Without Redis, one process holds every tab's state: in memory, rather than in files
# pickled every few seconds on the event loop. Nothing is lost by it: `reflex run`
# starts each process with no saved states, and a tab whose state is gone is
# identified again by its browser (stack_explorer/learner/context.py).
WITHOUT_REDIS = {} if os.environ.get("REFLEX_REDIS_URL") else {"state_manager_mode": "memory"}

# With Redis, a worker keeps the lock on a tab's state between that tab's events
# (Reflex's opportunistic locking) instead of taking it, reading and writing the state
# on every event: two Redis commands per click instead of twelve (bench/RESULTS.md).
# Another worker that needs the tab (a live update from another device) takes the lock
# over. What a worker held and had not written back is lost if it dies, and that is
# only cached data: the browser holds the identity and the database every write
# (stack_explorer/learner/context.py). REFLEX_OPLOCK_ENABLED=false turns it off.
if os.environ.get("REFLEX_REDIS_URL"):
    os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "true")

config = rx.Config(
    app_name="stack_explorer",
    **WITHOUT_REDIS,
    # Embedded default; production sets REFLEX_DB_URL (e.g. postgresql+psycopg://...).
    db_url=f"sqlite:///{DATA_DIR / 'stack_explorer.db'}",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    # The code cells' editor (stack_explorer/runtime/code_editor.js), loaded on demand.
    frontend_packages=[
        "@codemirror/commands@6.11.2",
        "@codemirror/lang-python@6.2.1",
        "@codemirror/language@6.13.1",
        "@codemirror/state@6.7.6",
        "@codemirror/view@6.44.2",
        "@lezer/highlight@1.2.5",
    ],
    plugins=[
        rx.plugins.SitemapPlugin(),
        # A Workbox service worker in production builds: the app reads offline.
        ServiceWorkerPlugin(),
        TopicIndexPlugin(),  # the search palette's index, built from the catalog
        radix_themes(),  # only the colour scales the app uses
    ],
)
