"""The one place that touches private Reflex internals.

Reflex 0.10 has no public API for "is this tab still connected", for the running
app outside an event, or for the engines it has opened. Everything here may
change with a Reflex upgrade: `tests/unit/test_reflex_internals.py` fails first
when it does.
"""

import contextlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import reflex as rx
from reflex_base.registry import RegistrationContext


def _app():
    return RegistrationContext.get().app


async def is_connected(client_token: str) -> bool:
    """Whether a tab's socket is open on any worker (Redis-backed with several)."""
    namespace = _app().event_namespace
    return namespace is not None and await namespace._token_manager.is_token_connected(client_token)


@contextlib.asynccontextmanager
async def modify_tab(client_token: str, state_cls: type[rx.State]) -> AsyncIterator[rx.State]:
    """Lock another tab's state; changes reach its browser as a normal delta."""
    async with _app().modify_state(rx.BaseStateToken(ident=client_token, cls=state_cls)) as root:
        yield root


def opened_engines() -> list:
    """The SQLAlchemy engines Reflex has created in this process (sync and async)."""
    from reflex import model

    engines = list(getattr(model, "_ENGINE", {}).values())
    engines += [e.sync_engine for e in getattr(model, "_ASYNC_ENGINE", {}).values()]
    return engines


def page_with_its_own_memos(component: Callable[[], rx.Component]) -> Callable[[], rx.Component]:
    """The page function, for `app.add_page`, such that each memoized part of the page
    is compiled into a module of its own, which Vite bundles with the pages using it.

    Reflex groups a page's memos into one module per `__module__` of the page
    function (reflex_base/utils/memo_paths.py). Pages made with functools.partial
    all report "functools", so every topic's code cells landed in one module that
    every page downloaded. With no module, Reflex gives each memo its own file.
    """

    def page() -> rx.Component:
        return component()

    page.__module__ = None
    return page


def registered_routes(app: rx.App) -> list[str]:
    """The routes an app has pages for, as Reflex stores them ("index", "topics/flask", ...)."""
    return list(app._unevaluated_pages)


def web_dir() -> Path:
    """The compiled frontend's folder (`.web`, unless configured elsewhere)."""
    from reflex.utils import prerequisites

    return prerequisites.get_web_dir()


def frontend_build_dir() -> Path:
    """Where the production build's static files are (the folder Reflex serves)."""
    from reflex import constants

    frontend_path = rx.config.get_config().frontend_path.strip("/")
    return web_dir() / constants.Dirs.STATIC / frontend_path


def js_expression(expression: str, var_type: type, var_data) -> "rx.Var":
    """A Var for a raw JavaScript expression (Reflex has no public constructor for one)."""
    from reflex_base.vars.base import Var

    return Var(_js_expr=expression, _var_type=var_type, _var_data=var_data).guess_type()


def page_load_events(path: str) -> list:
    """The on_load handlers of the page at `path` (to load its data again)."""
    return list(_app().get_load_events(path))


def built_for_port() -> int | None:
    """The port the last production build's pages connect to (its websocket address is
    fixed at build time), or None when there is no build."""
    import json
    from urllib.parse import urlsplit

    try:
        event_url = json.loads((web_dir() / "env.json").read_text())["EVENT"]
    except (OSError, ValueError, KeyError):
        return None
    if not (frontend_build_dir() / "index.html").exists():
        return None
    return urlsplit(event_url).port


def serve_build(port: int, host: str = "0.0.0.0") -> None:
    """Serve the production build already in `.web` on one port, as `reflex run --env
    prod` does after building, but without compiling or building again: the same
    backend call with the compiled frontend mounted. Blocks until stopped."""
    from reflex.istate.manager import reset_disk_state_manager
    from reflex.utils import exec
    from reflex_base import constants
    from reflex_base.config import get_config
    from reflex_base.environment import environment

    built = built_for_port()
    if built is None:
        raise SystemExit("No production build here: run `make run` once.")
    if built != port:
        # Its pages would open their websocket on the other port and never connect.
        raise SystemExit(
            f"The last build was made for port {built}: serve it with --port {built}, "
            f"or build for port {port} with `reflex run --env prod --frontend-port {port}`."
        )
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    get_config()._set_persistent(frontend_port=port, backend_port=port)
    reset_disk_state_manager()
    exec.run_backend_prod(
        host, port, get_config().loglevel.subprocess_level(), mount_frontend_compiled_app=True
    )
