"""The routes the app actually registers: one page per declared route, and every
internal link in the content leads to one of them."""

import re

import pytest

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.reflex_internals import registered_routes
from stack_explorer.stack_explorer import PAGE_MODULES, app

LINK = re.compile(r"\]\((/[^)\s#?]*)")


def _as_registered(path: str) -> str:
    """A path the way Reflex keys its pages: no leading slash, "/" as "index"."""
    return path.strip("/") or "index"


def _resolves(path: str, registered: set[str]) -> bool:
    key = _as_registered(path)
    if key in registered:
        return True
    patterns = [re.sub(r"\\\[[^\]]+\\\]", "[^/]+", re.escape(r)) for r in registered if "[" in r]
    return any(re.fullmatch(pattern, key) for pattern in patterns)


def test_every_declared_page_is_registered_once():
    declared = [page.path for module in PAGE_MODULES for page in module.PAGES]
    assert len(declared) == len(set(declared)), "two pages declare the same path"
    assert sorted(map(_as_registered, declared)) == sorted(registered_routes(app))


def test_every_topic_path_and_comparison_has_a_page():
    registered = set(registered_routes(app))
    catalog = get_catalog()
    expected = [routes.topic(slug) for slug in catalog.topics]
    expected += [routes.path(slug) for slug in catalog.paths]
    expected += [routes.comparison(slug) for slug in catalog.comparisons]
    assert [p for p in expected if _as_registered(p) not in registered] == []


def _content_texts() -> list[tuple[str, str]]:
    catalog = get_catalog()
    texts = [(doc.path, doc.body) for doc in catalog.topics.values()]
    texts += [(f"paths/{slug}", path.intro) for slug, path in catalog.paths.items()]
    texts += [(f"comparisons/{slug}", c.intro) for slug, c in catalog.comparisons.items()]
    texts += [(f"pages/{name}", body) for name, body in catalog.pages.items()]
    return texts


@pytest.mark.parametrize(("where", "text"), _content_texts(), ids=lambda v: str(v)[-40:])
def test_every_internal_link_in_content_resolves(where, text):
    registered = set(registered_routes(app))
    broken = [link for link in LINK.findall(text) if not _resolves(link, registered)]
    assert broken == [], f"{where} links to pages that do not exist: {broken}"


def test_a_broken_link_would_be_caught():
    registered = set(registered_routes(app))
    assert not _resolves("/topics/cobol", registered)
    assert _resolves("/shared/abc123", registered)
    assert _resolves("/", registered)
