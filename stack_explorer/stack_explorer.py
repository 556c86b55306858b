"""Builds the app and adds its pages; nothing else."""

import reflex as rx

from stack_explorer import db, routes  # noqa: F401  (db applies the SQLite settings)
from stack_explorer.catalog import get_catalog
from stack_explorer.health import health_api
from stack_explorer.pages.account import AccountState, account
from stack_explorer.pages.compare import comparison_page, comparisons_index
from stack_explorer.pages.home import HomeState, home
from stack_explorer.pages.my_notes import MyNotesState, my_notes
from stack_explorer.pages.my_progress import MyProgressState, my_progress
from stack_explorer.pages.not_found import not_found
from stack_explorer.pages.paths import PathState, path_page, paths_index
from stack_explorer.pages.review import ReviewState, review
from stack_explorer.pages.shared import SharedMapState, shared_map
from stack_explorer.pages.stack_builder import StackBuilderState, stack_builder
from stack_explorer.pages.topic import TopicState, topic_page
from stack_explorer.pages.topic_note import NoteState
from stack_explorer.pages.topic_quiz import QuizState
from stack_explorer.pages.why_python import why_python

app = rx.App(stylesheets=["/styles.css"], api_transformer=health_api)
app.add_page(
    home,
    route=routes.HOME,
    title="Stack Explorer: learn the Python full stack",
    description=(
        "A map of the Python full stack: frontend, backend, database, version control "
        "and deployment, with saved progress."
    ),
    on_load=HomeState.load,
)
app.add_page(
    why_python,
    route=routes.WHY_PYTHON,
    title="Why Python for the full stack | Stack Explorer",
    description="Why teams build every layer of a web application in Python.",
)
for doc in get_catalog().topics.values():
    app.add_page(
        topic_page(doc),
        route=routes.topic(doc.slug),
        title=f"{doc.title} | Stack Explorer",
        description=doc.meta.summary,
        on_load=[TopicState.load(doc.slug), NoteState.load(doc.slug), QuizState.load(doc.slug)],
    )
app.add_page(
    account,
    route=routes.ACCOUNT,
    title="Account | Stack Explorer",
    description="Optional account: keep your Python stack progress and notes across devices.",
    on_load=AccountState.load,
)
app.add_page(
    my_progress,
    route=routes.MY_PROGRESS,
    title="My progress | Stack Explorer",
    description="Your progress through the Python full stack, export and sharing.",
    on_load=MyProgressState.load,
)
app.add_page(
    my_notes,
    route=routes.MY_NOTES,
    title="My notes | Stack Explorer",
    description="Your notes on each topic of the Python full stack.",
    on_load=MyNotesState.load,
)
app.add_page(
    shared_map,
    route=routes.SHARED,
    title="Shared map | Stack Explorer",
    description="A read-only view of a learner's Python full stack map.",
    on_load=SharedMapState.load,
    context={"sitemap": None},
)
app.add_page(
    paths_index,
    route=routes.PATHS,
    title="Learning paths | Stack Explorer",
    description="Curated routes through the Python full stack, in an order that builds.",
    on_load=PathState.load,
)
for path in get_catalog().paths.values():
    app.add_page(
        path_page(path),
        route=routes.path(path.slug),
        title=f"{path.title} | Stack Explorer",
        description=path.summary,
        on_load=PathState.load,
    )
app.add_page(
    comparisons_index,
    route=routes.COMPARE,
    title="Comparisons | Stack Explorer",
    description="Python web frameworks, databases, clouds and frontends side by side.",
)
for comparison in get_catalog().comparisons.values():
    app.add_page(
        comparison_page(comparison),
        route=routes.comparison(comparison.slug),
        title=f"{comparison.title} | Stack Explorer",
        description=comparison.summary,
    )
app.add_page(
    stack_builder,
    route=routes.STACK_BUILDER,
    title="Stack builder | Stack Explorer",
    description="Pick one option per layer and see how a request travels through your stack.",
    on_load=StackBuilderState.load,
)
app.add_page(
    review,
    route=routes.REVIEW,
    title="Review | Stack Explorer",
    description="Self-check questions to answer again after 1, 3 and 7 days.",
    on_load=ReviewState.load,
)
app.add_page(
    not_found,
    route=routes.NOT_FOUND,
    title="Page not found | Stack Explorer",
    description="There is no page at this address.",
)
