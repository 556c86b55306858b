"""A Reflex client that speaks the websocket protocol as the browser does, without a browser.

Used to call event handlers directly, with any arguments, as a hostile client could.
"""

import asyncio
import uuid

import socketio

from stack_explorer.state import LearnerState

ROOT = "reflex___state____state"
NAMESPACE = "/_event"


def var_key(state_cls, name: str) -> str:
    return f"{state_cls.get_full_name()}.{name}_rx_state_"


class ReflexSocket:
    def __init__(self, backend_url: str):
        self.backend_url = backend_url
        self.client_token = str(uuid.uuid4())
        self.state: dict[str, dict] = {}
        self.events: list[dict] = []
        self.updates: list[dict] = []  # every update received, as sent
        self._last_message = 0.0
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)

    async def _on_event(self, update: dict) -> None:
        self.updates.append(update)
        for name, delta in (update.get("delta") or {}).items():
            self.state.setdefault(name, {}).update(delta)
        self.events.extend(update.get("events") or [])
        self._last_message = asyncio.get_running_loop().time()

    def get(self, state_cls, name: str):
        return self.state.get(state_cls.get_full_name(), {}).get(f"{name}_rx_state_")

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
        self, path: str, token: str = "", session_token: str = "", query: dict | None = None
    ) -> None:
        """Open the socket as a page load of `path` does; `query` carries route arguments."""
        storage = {
            var_key(LearnerState, "token"): token,
            var_key(LearnerState, "session_token"): session_token,
        }
        auth = {
            "event": {
                "name": f"{ROOT}.hydrate_and_load",
                "payload": {"vars": storage},
                "router_data": {"pathname": path, "asPath": path, "query": query or {}},
            }
        }
        await self.sio.connect(
            f"{self.backend_url}?token={self.client_token}",
            socketio_path="/_event",
            namespaces=[NAMESPACE],
            transports=["websocket"],
            auth=auth,
        )
        await self._settle()

    async def send(self, state_cls, handler: str, payload: dict, path: str = "/") -> None:
        self.events.clear()
        await self.emit(state_cls, handler, payload, path)
        await self._settle()

    async def emit(self, state_cls, handler: str, payload: dict, path: str = "/") -> None:
        """Send one event without waiting for its answer."""
        event = {
            "name": f"{state_cls.get_full_name()}.{handler}",
            "payload": payload,
            "router_data": {"pathname": path, "asPath": path},
        }
        await self.sio.emit("event", event, namespace=NAMESPACE)

    async def wait_quiet(self, quiet: float = 1.5, limit: float = 60) -> None:
        await self._settle(quiet, limit)

    async def close(self) -> None:
        await self.sio.disconnect()
