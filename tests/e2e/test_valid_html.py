"""Every prerendered page of the production build is valid HTML (W3C Nu checker), and
the app's stylesheet is valid CSS.

The build is the one the `app_server` fixture made with `reflex run --env prod`; it is
the same in both test modes, so the check runs in embedded mode only.
"""

from stack_explorer.stack_explorer import PAGE_MODULES
from tests.e2e.conftest import embedded_only
from tests.kit.html_check import BUILD, check, own_stylesheets, prerendered_pages

pytestmark = embedded_only


def _static_routes() -> list[str]:
    """Routes without a parameter: the pages the build must have prerendered."""
    return [
        page.path
        for module in PAGE_MODULES
        for page in module.PAGES
        if "[" not in page.path and page.path.startswith("/")
    ]


def _prerendered_file(route: str):
    return BUILD / ("index.html" if route == "/" else f"{route.strip('/')}.html")


def test_every_prerendered_page_is_valid_html(app_server):
    routes = _static_routes()
    missing = [route for route in routes if not _prerendered_file(route).exists()]
    assert not missing, f"not prerendered: {missing}"
    pages = prerendered_pages()
    # The checker skips unreadable paths silently, so make sure every page is in the run.
    assert {p.resolve() for p in map(_prerendered_file, routes)} <= {p.resolve() for p in pages}
    stylesheets = own_stylesheets()
    assert stylesheets, "the app's stylesheet is not in the build"

    problems = check(pages + stylesheets)

    report = "\n".join(str(problem) for problem in problems[:40])
    assert not problems, f"{len(problems)} HTML/CSS errors in {len(pages)} pages:\n{report}"
