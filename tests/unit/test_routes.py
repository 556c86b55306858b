"""Routes are unique and topic routes follow the slug."""

from stack_explorer import routes
from stack_explorer.catalog import get_catalog


def test_routes_are_unique():
    all_routes = routes.static_routes() + [routes.topic(slug) for slug in get_catalog().topics]
    assert len(all_routes) == len(set(all_routes))


def test_topic_route():
    assert routes.topic("rest-apis") == "/topics/rest-apis"
