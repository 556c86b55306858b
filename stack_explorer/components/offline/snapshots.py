"""Learner data kept in the browser for pages opened offline (`snapshot.js`): what a
page last showed online, read back with the time it was taken.

`snapshot` is a hook (for a page's own list, read once when it mounts); the map's
statuses are a plain read made once by the page, and only while it is offline, so its
hundred status marks add nothing to a page loaded online.
"""

import reflex as rx
from reflex.vars import Var, VarData

from stack_explorer.components.offline import pending_phase
from stack_explorer.reflex_internals import js_expression

rx.asset("snapshot_core.js", shared=True)  # imported by snapshot.js
_SNAPSHOT = rx.asset("snapshot.js", shared=True).importable_path
STATUSES = "statuses"


class SnapshotKeeper(rx.Component):
    """Keeps `value` in the browser once `loaded`, for the page opened offline."""

    library = _SNAPSHOT
    tag = "SnapshotKeeper"
    name: Var[str]
    value: Var[list | dict]
    loaded: Var[bool]


def snapshot_keeper(name: str, value: Var, loaded: Var[bool]) -> rx.Component:
    return SnapshotKeeper.create(name=name, value=value, loaded=loaded)


def snapshot(name: str, var_type: type) -> tuple[Var, Var[str]]:
    """The snapshot `name` kept by `snapshot_keeper` (empty when none) and when it was
    taken, in the learner's words ("" when there is none)."""
    hook = f"const snapshot_{name} = useSnapshot({name!r});"
    data = VarData(imports={_SNAPSHOT: ["useSnapshot"]}, hooks={hook: None})
    value = js_expression(f"(snapshot_{name}?.value ?? [])", var_type, data)
    return value, js_expression(f"(snapshot_{name}?.at ?? '')", str, data)


def statuses_kept_offline() -> Var[dict[str, str] | None]:
    """On a page opened offline, before the server's statuses: the statuses this browser
    last saw, with the changes waiting in the queue over them; null otherwise."""
    phase = pending_phase()
    data = VarData.merge(VarData(imports={_SNAPSHOT: ["keptValue"]}), phase._get_all_var_data())
    kept = f"keptValue({STATUSES!r})"
    waiting = "pendingWrites.statuses"
    expression = f"(({phase}) === 'offline' && {kept} ? {{...{kept}, ...{waiting}}} : null)"
    return js_expression(expression, dict[str, str] | None, data)


def statuses_kept_at() -> Var[str]:
    """When that snapshot was taken, in the learner's words ("" when there is none)."""
    data = VarData(imports={_SNAPSHOT: ["keptAt"]})
    return js_expression(f"keptAt({STATUSES!r})", str, data)


def offline_callout(message: str | Var[str], callout_id: str) -> rx.Component:
    """What a page opened offline says about the learner data it can or cannot show."""
    return rx.callout(message, icon="wifi-off", color_scheme="amber", width="100%", id=callout_id)
