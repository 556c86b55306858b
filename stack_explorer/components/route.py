"""The page's own address, read in the browser.

A component that differs only by the topic it shows can take the topic from the
address instead of from a literal: every topic page then shares one compiled copy of
it, rather than each page adding its own to the JavaScript all topic pages load. The
value is there at the first render, before the server answers and when offline.
"""

from reflex_base.vars import VarData
from reflex_base.vars.base import Var

_LOCATION = VarData(
    imports={"react-router": ["useLocation"]},
    hooks={"const routeLocation = useLocation();": None},
)


def path_segment(position: int) -> Var[str]:
    """The address's path segment at `position` ("flask" at 1 in /topics/flask)."""
    return Var(
        _js_expr=f"(routeLocation.pathname.split('/').filter(Boolean)[{position}] ?? '')",
        _var_type=str,
        _var_data=_LOCATION,
    ).guess_type()


def topic_slug() -> Var[str]:
    """On `/topics/<slug>`, the slug."""
    return path_segment(1)
