"""Every route of the app: path constants, builders, and the record each page declares."""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from stack_explorer.reflex_internals import page_with_its_own_memos

HOME = "/"
WHY_PYTHON = "/why-python"
ACCOUNT = "/account"
MY_PROGRESS = "/me/progress"
MY_NOTES = "/me/notes"
SHARED = "/shared/[share_id]"
PATHS = "/paths"
COMPARE = "/compare"
STACK_BUILDER = "/stack-builder"
REVIEW = "/review"
TOPIC_PREFIX = "/topics/"
NOT_FOUND = "404"


def topic(slug: str) -> str:
    return f"{TOPIC_PREFIX}{slug}"


def path(slug: str) -> str:
    return f"{PATHS}/{slug}"


def comparison(slug: str) -> str:
    return f"{COMPARE}/{slug}"


def built_from(build: Callable, item) -> Callable:
    """The page of one catalog item (a topic, a path, a comparison), built when the app
    is compiled (not in every worker), with its code cells and other memoized parts
    compiled into its own chunk rather than one that every such page downloads."""
    return page_with_its_own_memos(functools.partial(build, item))


def shared(share_id: str) -> str:
    return f"/shared/{share_id}"


@dataclass(frozen=True)
class Page:
    """One page of the app; every page module lists its pages in `PAGES`."""

    path: str
    title: str
    description: str
    component: Callable
    on_load: object = None
    context: dict = field(default_factory=dict)
