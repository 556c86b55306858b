"""A Reflex client that speaks the websocket protocol as the browser does, without a browser.

The tests use it to call event handlers directly, with any arguments, as a hostile
client could; the benchmarks use it to time events (`round_trip`).
"""

import asyncio
import time
import uuid
from collections.abc import Callable

import socketio

ROOT = "reflex___state____state"
NAMESPACE = "/_event"


def var_key(state_cls, name: str) -> str:
    return f"{state_cls.get_full_name()}.{name}_rx_state_"


class ReflexSocket:
    def __init__(self, backend_url: str, keep_updates: bool = True):
        self.backend_url = backend_url
        self.client_token = str(uuid.uuid4())
        self.state: dict[str, dict] = {}
        self.events: list[dict] = []
        self.updates: list[dict] = []  # every update received, as sent (if kept)
        self.keep_updates = keep_updates
        self._last_message = 0.0
        self._waiting: tuple[asyncio.Future, Callable[[dict], bool]] | None = None
        self.last_answer: dict = {}  # the delta that answered the last round_trip
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)

    async def _on_event(self, update: dict) -> None:
        if self.keep_updates:
            self.updates.append(update)
        delta = update.get("delta") or {}
        for name, values in delta.items():
            self.state.setdefault(name, {}).update(values)
        self.events.extend(update.get("events") or [])
        self._last_message = asyncio.get_running_loop().time()
        if self._waiting and not self._waiting[0].done() and self._waiting[1](delta):
            self.last_answer = delta
            self._waiting[0].set_result(time.perf_counter())

    def get(self, state_cls, name: str):
        return self.state.get(state_cls.get_full_name(), {}).get(f"{name}_rx_state_")

    def shown_statuses(self) -> dict[str, str]:
        """A learner's statuses as the page shows them: the last full load, with the
        one-topic changes sent since laid over it (not-started ones dropped)."""
        from stack_explorer.learner.progress import LearnerProgress

        merged = {
            **(self.get(LearnerProgress, "statuses") or {}),
            **(self.get(LearnerProgress, "changes") or {}),
        }
        return {slug: value for slug, value in merged.items() if value != "not-started"}

    async def _settle(self, quiet: float = 0.6, limit: float = 15) -> None:
        """Wait for the server's answer, then until it has been quiet for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        self._last_message = 0.0
        while loop.time() - start < limit:
            await asyncio.sleep(0.1)
            if self._last_message and loop.time() - self._last_message >= quiet:
                return

    async def connect(
        self,
        path: str,
        token: str = "",
        session_token: str = "",
        query: dict | None = None,
        *,
        hashes: list | None = None,
        schema: str | None = None,
        settle: bool = True,
        timeout: float = 30,
        identify: bool = True,
    ) -> None:
        """Open the socket as a page load of `path` does; `query` carries route arguments.

        Stack Explorer's browser storage (the learner's tokens) rides along unless
        `hashes` are given: then the client hydrates like a compiled frontend of any app.
        Once settled, the tokens are sent again when the server did not take them, as
        the page's identity keeper does (`identify=False` skips that).
        """
        payload: dict = (
            {"hashes": hashes} if hashes is not None else {"vars": _storage(token, session_token)}
        )
        auth: dict = {
            "event": {
                "name": f"{ROOT}.hydrate_and_load",
                "payload": payload,
                "router_data": {"pathname": path, "asPath": path, "query": query or {}},
            }
        }
        if schema is not None:
            auth["state_schema"] = schema
        await self.sio.connect(
            f"{self.backend_url}?token={self.client_token}",
            socketio_path="/_event",
            namespaces=[NAMESPACE],
            transports=["websocket"],
            auth=auth,
            wait_timeout=timeout,
        )
        if settle:
            await self._settle()
            if identify and not self.get_learner("identified"):
                await self.identify(token, session_token, path, query)

    def get_learner(self, name: str):
        from stack_explorer.learner.state import LearnerState

        return self.get(LearnerState, name)

    async def identify(
        self, token: str = "", session_token: str = "", path: str = "/", query: dict | None = None
    ) -> None:
        """Send the browser's stored tokens, as the page's identity keeper does when the
        tab's server state does not know them (a first visit, or after an expiry)."""
        from stack_explorer.pages.write_queue import WriteQueueState

        payload = {"token": token, "session_token": session_token}
        await self.send(WriteQueueState, "identify", payload, path, query)

    def write_event(self, items: list[dict], token: str | None = None) -> dict:
        """The payload of one batch of the browser's write queue, with fresh ids."""
        stamped = [{"id": uuid.uuid4().hex, "at": time.time() * 1000, **item} for item in items]
        if token is None:
            token = self.get_learner("token") or ""
        return {
            "items": stamped,
            "token": token,
            "session_token": self.get_learner("session_token") or "",
            "sent_at": time.time() * 1000,
        }

    async def write(self, *items: dict, path: str = "/") -> None:
        """Send writes through the write queue, as the browser does, and wait."""
        from stack_explorer.pages.write_queue import WriteQueueState

        await self.send(WriteQueueState, "apply", self.write_event(list(items)), path)

    async def send(
        self, state_cls, handler: str, payload: dict, path: str = "/", query: dict | None = None
    ) -> None:
        self.events.clear()
        await self.emit(state_cls, handler, payload, path, query)
        await self._settle()

    async def emit(
        self, state_cls, handler: str, payload: dict, path: str = "/", query: dict | None = None
    ) -> None:
        """Send one event without waiting for its answer (`state_cls` may be a full name)."""
        name = state_cls if isinstance(state_cls, str) else state_cls.get_full_name()
        router_data = {"pathname": path, "asPath": path}
        if query:
            router_data["query"] = query
        event = {"name": f"{name}.{handler}", "payload": payload, "router_data": router_data}
        await self.sio.emit("event", event, namespace=NAMESPACE)

    async def round_trip(
        self,
        state_name: str,
        handler: str,
        payload: dict,
        path: str,
        answered: Callable[[dict], bool],
        timeout: float = 30,
    ) -> float:
        """Send one event; return the seconds until a delta for which `answered` holds."""
        future = asyncio.get_running_loop().create_future()
        self._waiting = (future, answered)
        started = time.perf_counter()
        await self.emit(state_name, handler, payload, path)
        try:
            received = await asyncio.wait_for(future, timeout)
        finally:
            self._waiting = None
        return received - started

    async def wait_quiet(self, quiet: float = 1.5, limit: float = 60) -> None:
        """Wait for a new message, then until none has come for `quiet` seconds."""
        await self._settle(quiet, limit)

    async def wait_until(self, condition: Callable[[], bool], limit: float = 10) -> None:
        """Wait until `condition()` holds, for at most `limit` seconds (the caller then
        asserts what it expects, so a condition that never holds fails there)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while not condition() and loop.time() < deadline:
            await asyncio.sleep(0.05)

    async def listen(self, seconds: float) -> None:
        """Stay connected for `seconds`: whatever the server pushes lands in `updates`."""
        await asyncio.sleep(seconds)

    async def close(self) -> None:
        await self.sio.disconnect()


def _storage(token: str, session_token: str) -> dict[str, str]:
    from stack_explorer.learner.state import LearnerState

    return {
        var_key(LearnerState, "token"): token,
        var_key(LearnerState, "session_token"): session_token,
    }


def status(slug: str, value: str, **extra) -> dict:
    """A status write, as the status control of a page loaded just now queues it."""
    item = {"kind": "status", "slug": slug, "status": value, "device": "kit"}
    return {**item, "seen": time.time() * 1000, **extra}


def note(slug: str, body: str, **extra) -> dict:
    item = {"kind": "note", "slug": slug, "body": body, "device": "kit"}
    return {**item, "seen": time.time() * 1000, **extra}
