"""`GET /health`: can this backend serve learners? Checks the database and Redis.

Wired in with `rx.App(api_transformer=health_api)`. Reflex (0.10, `App.__call__`)
mounts its own backend (`/_event`, `/ping`, `/_health`, `/_upload`, and in
single-port prod mode the frontend) at "" under this Starlette app, after our routes,
so `/health` is answered here and every other path falls through to Reflex.

The answer is JSON, `no-store`:

    200 {"status": "ok", "database": "ok", "redis": "ok" | "not configured"}
    503 {"status": "degraded", "database": "<error>", "redis": "<error>"}

Unlike Reflex's own `/_health` (booleans only), a failing check says why. The
checks run in threads with a time limit, so a hung database cannot hang the probe.
"""

import asyncio
import os

import redis
from reflex.model import get_engine
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

CHECK_TIMEOUT = 3.0  # seconds per check; probes usually allow 5-10 s
OK = "ok"
NOT_CONFIGURED = "not configured"
_redis_clients: dict[str, redis.Redis] = {}


def check_database() -> str:
    with get_engine().connect() as connection:
        connection.execute(text("SELECT 1"))
    return OK


def check_redis() -> str:
    url = os.environ.get("REFLEX_REDIS_URL")
    if not url:
        return NOT_CONFIGURED
    client = _redis_clients.get(url)
    if client is None:
        client = _redis_clients[url] = redis.Redis.from_url(
            url, socket_connect_timeout=CHECK_TIMEOUT, socket_timeout=CHECK_TIMEOUT
        )
    client.ping()
    return OK


def _describe(error: BaseException) -> str:
    """One line: the exception type and the first line of its message."""
    lines = str(error).strip().splitlines()
    message = f"{type(error).__name__}: {lines[0]}" if lines else type(error).__name__
    return message[:300]


async def _run(check) -> str:
    try:
        return await asyncio.wait_for(run_in_threadpool(check), CHECK_TIMEOUT + 1)
    except TimeoutError:
        return f"timed out after {CHECK_TIMEOUT + 1:g}s"
    except Exception as error:  # any failure is reported, not raised
        return _describe(error)


async def health(_request: Request) -> JSONResponse:
    database, redis_status = await asyncio.gather(_run(check_database), _run(check_redis))
    healthy = database == OK and redis_status in (OK, NOT_CONFIGURED)
    return JSONResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "redis": redis_status},
        status_code=200 if healthy else 503,
        headers={"Cache-Control": "no-store"},
    )


health_api = Starlette(routes=[Route("/health", health, methods=["GET"])])
