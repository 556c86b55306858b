"""The write queue in the page: event handlers that turn a learner's actions into
queued writes, the values shown before the server confirms them, the identity
keeper, and the connection indicator.

The browser side is `pending_writes.js` (beside this file, with its rules in
`queue_core.js`): every write waits there until the server settles its id, so a
write survives a reload, an outage or a lost reply. Everything shown is still
built here, from its values.
"""

import reflex as rx
from reflex.components.core.banner import has_connection_errors
from reflex.vars import FunctionStringVar, FunctionVar, Var, VarData

from stack_explorer.reflex_internals import js_expression
from stack_explorer.status import COMPLETED

# A topic's slug: a literal, or read from the page's address (components/route.py).
Slug = str | Var[str]

rx.asset("queue_core.js", shared=True)  # imported by pending_writes.js
_LIBRARY = rx.asset("pending_writes.js", shared=True).importable_path
_KEEPER = rx.asset("identity_keeper.js", shared=True).importable_path
_OFFLINE_QUIZ = rx.asset("offline_quiz.js", shared=True).importable_path
_PROGRESS = rx.asset("progress_core.js", shared=True).importable_path
_QUIZ_HOOK = "const offlineQuiz = useOfflineQuiz();"
_QUIZ_DATA = VarData(imports={_OFFLINE_QUIZ: ["useOfflineQuiz"]}, hooks={_QUIZ_HOOK: None})
_HOOK = "const pendingWrites = usePendingWrites();"
_PENDING_DATA = VarData(imports={_LIBRARY: ["usePendingWrites"]}, hooks={_HOOK: None})


def _pending(expression: str, var_type: type, *also: Var, imports: dict | None = None) -> Var:
    """A value read from the browser's pending writes (`pendingWrites.<...>`)."""
    data = VarData.merge(
        _PENDING_DATA, VarData(imports=imports or {}), *(v._get_all_var_data() for v in also)
    )
    return js_expression(expression, var_type, data)


def _function(name: str) -> FunctionStringVar:
    return FunctionStringVar.create(name, _var_data=VarData(imports={_LIBRARY: [name]}))


def _call(name: str, *args) -> Var:
    return _function(name).call(*args).to(FunctionVar)


def pending_count() -> Var[int]:
    return _pending("pendingWrites.count", int)


def pending_phase() -> Var[str]:
    """online, offline (for 2 s or more), syncing, synced (briefly, after a flush), or
    retrying (the server could not save; the writes wait and are sent again)."""
    return _pending("pendingWrites.phase", str)


def shown_status(slug: Slug, server_value: Var[str]) -> Var[str]:
    """The status waiting in the queue for this topic, else the server's."""
    key = Var.create(slug)
    return _pending(f"(pendingWrites.statuses[{key}] ?? {server_value})", str, key, server_value)


def status_pending(slug: Slug) -> Var[bool]:
    key = Var.create(slug)
    return _pending(f"(pendingWrites.statuses[{key}] !== undefined)", bool, key)


def note_kept(slug: Slug) -> Var[bool]:
    """Whether a note for this topic waits in the queue."""
    key = Var.create(slug)
    return _pending(f"(pendingWrites.notes[{key}] !== undefined)", bool, key)


def note_typing(slug: Slug) -> Var[bool]:
    """Whether the learner is typing this topic's note (not yet queued)."""
    key = Var.create(slug)
    return _pending(f"(pendingWrites.typing[{key}] === true)", bool, key)


def pending_note(slug: Slug) -> Var[str]:
    """The note waiting in the queue for this topic ("" when none)."""
    key = Var.create(slug)
    return _pending(f"(pendingWrites.notes[{key}] ?? '')", str, key)


def quiz_pending(slug: Slug) -> Var[bool]:
    key = Var.create(slug)
    return _pending(f"(pendingWrites.quizzes[{key}] === true)", bool, key)


def offline_quiz(slug: Slug) -> tuple[Var[list[list[int]]], Var[list[list[str]]]]:
    """A page opened offline: the self-check's (order, choices), as QuizState holds them,
    from the precached choice texts in an order of this browser's own."""
    key = Var.create(slug)
    data = VarData.merge(_QUIZ_DATA, key._get_all_var_data())
    topic = f"offlineQuiz.forTopic({key})"
    return (
        js_expression(f"{topic}.order", list[list[int]], data),
        js_expression(f"{topic}.choices", list[list[str]], data),
    )


_COMPLETED = Var.create(sorted(COMPLETED))


def _progress_call(name: str, *args: Var) -> str:
    """`name(...)` of progress_core.js, with the queue's pending statuses in third place."""
    first, second, *rest = (str(arg) for arg in args)
    return f"{name}({first}, {second}, pendingWrites.statuses, {', '.join(rest)})"


def optimistic_percent(
    server_percent: Var[int], shown: Var[dict], slugs: list[str] | None, total: int = 0
) -> Var[int]:
    """A bar's percentage with the statuses waiting in the queue laid over the server's
    `shown` ones: a click moves the bar at once, and the server's value takes over
    when it confirms. `slugs`: the bar's topics (None: all `total` of them)."""
    args = [server_percent, shown, Var.create(slugs), Var.create(total), _COMPLETED]
    call = _progress_call("optimisticPercent", *args)
    return _pending(call, int, *args, imports={_PROGRESS: ["optimisticPercent"]})


def optimistic_layers(
    server_percents: Var[dict], shown: Var[dict], layers: dict[str, list[str]]
) -> Var[dict[str, int]]:
    """Every layer's percentage (layer -> its topics in `layers`), as `optimistic_percent`."""
    args = [server_percents, shown, Var.create(layers), _COMPLETED]
    call = _progress_call("optimisticLayers", *args)
    return _pending(call, dict[str, int], *args, imports={_PROGRESS: ["optimisticLayers"]})


def pending_path(server_value: Var[str]) -> Var[str]:
    """The learning path as the learner last chose it, before the server confirms."""
    return _pending(f"(pendingWrites.path ?? {server_value})", str, server_value)


def pending_goal(server_value: Var[int]) -> Var[int]:
    """The weekly goal as the learner last chose it (0: off), before the server confirms."""
    return _pending(f"(pendingWrites.goal ?? {server_value})", int, server_value)


def status_write(slug: Slug, seen: Var[float]) -> Var:
    """on_change for a status control."""
    return _call("statusWrite", slug, seen)


def shortcut_write(slug: Slug, seen: Var[float], shortcuts: dict[str, str]) -> Var:
    """on_key_down for the status shortcuts (d, l, s, r)."""
    return _call("shortcutWrite", slug, seen, shortcuts)


def note_write(slug: Slug, seen: Var[float]) -> Var:
    """on_change for a note editor: queued after a pause in typing."""
    return _call("noteWrite", slug, seen)


def quiz_write(slug: Slug) -> Var:
    """on_submit for a self-check."""
    return _call("quizWrite", slug)


def layer_write(layer: str, status: str, slugs: list[str]) -> Var:
    """on_click for "Mark all done" / "Reset" of a layer (shown at once for `slugs`)."""
    return _call("layerWrite", layer, status, slugs)


def path_write(path: str | Var[str]) -> Var:
    """on_click to follow a learning path ("" stops following)."""
    return _call("pathWrite", path)


def goal_write() -> Var:
    """on_change for the weekly goal's select: its value is the topics per week ("0": off);
    the browser's time zone goes with it."""
    return _call("goalWrite")


KEPT_OFFLINE = "Kept on this device; it will sync when you are back online"
NOT_SAVED_YET = "Couldn't save — we'll retry"


def save_state(pending: Var[bool], confirmed: Var[str]) -> Var[str]:
    """What a save indicator may truthfully say: the server's confirmation only when
    nothing for this control waits in the queue."""
    phase = pending_phase()
    return rx.cond(
        pending,
        rx.match(phase, ("retrying", NOT_SAVED_YET), ("offline", KEPT_OFFLINE), "Saving…"),
        confirmed,
    )


def _batch(
    items: Var[list[dict]], token: Var[str], session: Var[str], sent_at: Var[float]
) -> tuple[Var[list[dict]], Var[str], Var[str], Var[float]]:
    return (items, token, session, sent_at)


class PendingWritesSync(rx.Component):
    """Sends the queue while the server is reachable; forgets what each reply settles."""

    library = _LIBRARY
    tag = "PendingWritesSync"
    reply: Var[dict]
    connected: Var[bool]
    on_flush: rx.EventHandler[_batch]


def _tokens(token: Var[str], session: Var[str]) -> tuple[Var[str], Var[str]]:
    return (token, session)


class IdentityKeeper(rx.Component):
    """Sends the browser's stored tokens whenever the tab's server state lacks them."""

    library = _KEEPER
    tag = "IdentityKeeper"
    identified: Var[bool]
    connected: Var[bool]
    on_identify: rx.EventHandler[_tokens]


def write_queue(reply: Var[dict], on_flush) -> rx.Component:
    return PendingWritesSync.create(
        reply=reply, connected=~has_connection_errors, on_flush=on_flush
    )


def identity_keeper(identified: Var[bool], on_identify) -> rx.Component:
    return IdentityKeeper.create(
        identified=identified, connected=~has_connection_errors, on_identify=on_identify
    )


_PHASES = {
    "offline": ("cloud-off", "amber", "Offline — your changes will sync"),
    "retrying": ("cloud-alert", "amber", "Couldn't save — we'll retry"),
    "syncing": ("refresh-cw", "gray", "Back online — syncing your changes…"),
    "synced": ("cloud-check", "green", "Synced"),
}


def _message(phase: str) -> rx.Component:
    icon, color, text = _PHASES[phase]
    count = pending_count()
    return rx.hstack(
        rx.icon(icon, size=16, color=rx.color(color, 11), aria_hidden="true", flex_shrink="0"),
        rx.el.span(text),
        rx.cond(
            count > 0,
            rx.el.span(
                "· ",
                count.to_string(),
                rx.cond(count == 1, " change waiting", " changes waiting"),
                color=rx.color("gray", 11),
            ),
        )
        if phase in ("offline", "retrying")
        else rx.fragment(),
        align="center",
        spacing="2",
        wrap="wrap",
        row_gap="0",
        pointer_events="auto",
        padding="0.5rem 0.9rem",
        border_radius="999px",
        border=f"1px solid {rx.color(color, 6)}",
        background_color=rx.color(color, 2),
        color=rx.color("gray", 12),
        box_shadow="0 4px 16px rgba(0, 0, 0, 0.12)",
        font_size="0.875rem",
        line_height="1.3",
        max_width="calc(100vw - 2rem)",
    )


def offline_indicator() -> rx.Component:
    """A calm pill at the bottom of the screen; the live region is always there, so
    screen readers hear each change."""
    phase = pending_phase()
    return rx.box(
        rx.match(
            phase,
            *[(name, _message(name)) for name in _PHASES],
            rx.fragment(),
        ),
        role="status",
        aria_live="polite",
        id="connection-status",
        position="fixed",
        bottom="1rem",
        left="0",
        right="0",
        display="flex",
        justify_content="center",
        pointer_events="none",  # the page under the empty strip stays clickable
        z_index="50",
        class_name="connection-status",
    )
