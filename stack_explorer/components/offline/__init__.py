"""Working offline: event handlers that keep writes in the browser while the server is
out of reach, the optimistic values they show, and the offline indicator.

The browser side is `pending_writes.js` (beside this file): Reflex runs no event at
all while its socket is down, so deciding "send now or keep for later" has to
happen in the browser. Everything shown is still built here, from its values.
"""

from collections.abc import Callable

import reflex as rx
from reflex_base.event import EventChain
from reflex_base.vars import VarData
from reflex_base.vars.base import Var
from reflex_base.vars.function import FunctionStringVar, FunctionVar

# A topic's slug: a literal, or read from the page's address (components/route.py).
Slug = str | Var[str]

_LIBRARY = rx.asset("pending_writes.js", shared=True).importable_path
_HOOK = "const pendingWrites = usePendingWrites();"
_PENDING_DATA = VarData(imports={_LIBRARY: ["usePendingWrites"]}, hooks={_HOOK: None})


def _pending(expression: str, var_type: type, *also: Var) -> Var:
    """A value read from the browser's pending writes (`pendingWrites.<...>`)."""
    data = VarData.merge(_PENDING_DATA, *(v._get_all_var_data() for v in also))
    return Var(_js_expr=expression, _var_type=var_type, _var_data=data).guess_type()


def _function(name: str) -> FunctionStringVar:
    return FunctionStringVar.create(name, _var_data=VarData(imports={_LIBRARY: [name]}))


def _one_value(value: Var) -> tuple[Var]:
    return (value,)


def _online(handler: Callable) -> Var:
    """The normal event for one value, as a JS function for the wrappers to call."""
    return Var.create(EventChain.create(handler, args_spec=_one_value))


def pending_count() -> Var[int]:
    return _pending("pendingWrites.count", int)


def pending_phase() -> Var[str]:
    """online, offline (for 2 s or more), syncing, or synced (briefly, after a flush)."""
    return _pending("pendingWrites.phase", str)


def shown_status(slug: Slug, server_value: Var[str]) -> Var[str]:
    """The status kept offline for this topic, else the server's."""
    key = Var.create(slug)
    return _pending(f"(pendingWrites.statuses[{key}] ?? {server_value})", str, key, server_value)


def note_kept(slug: Slug) -> Var[bool]:
    """Whether a note for this topic is kept offline."""
    key = Var.create(slug)
    return _pending(f"(pendingWrites.notes[{key}] !== undefined)", bool, key)


def pending_note(slug: Slug) -> Var[str]:
    """The note kept offline for this topic ("" when none)."""
    key = Var.create(slug)
    return _pending(f"(pendingWrites.notes[{key}] ?? '')", str, key)


def quiz_pending(slug: Slug) -> Var[bool]:
    key = Var.create(slug)
    return _pending(f"(pendingWrites.quizzes[{key}] === true)", bool, key)


def status_write(slug: Slug, base: Var[str], handler: Callable) -> Var:
    """on_change for a status control: the normal event online, kept offline."""
    return _function("statusWrite").call(slug, base, _online(handler)).to(FunctionVar)


def shortcut_write(slug: Slug, base: Var[str], shortcuts: dict[str, str], handler: Callable) -> Var:
    """on_key_down for status shortcuts: keys mapped to statuses are kept offline."""
    return _function("shortcutWrite").call(slug, base, shortcuts, _online(handler)).to(FunctionVar)


def note_write(slug: Slug, base: Var[str], handler: Callable) -> Var:
    """on_change for a note editor: autosaves after a pause online, kept offline."""
    return _function("noteWrite").call(slug, base, _online(handler)).to(FunctionVar)


def quiz_write(slug: Slug, handler: Callable) -> Var:
    """on_submit for a self-check: scored online, kept offline."""
    return _function("quizWrite").call(slug, _online(handler)).to(FunctionVar)


def _batch(items: Var[list[dict]]) -> tuple[Var[list[dict]]]:
    return (items,)


class PendingWritesSync(rx.Component):
    """Sends the pending writes when the connection is back; forgets the settled ones."""

    library = _LIBRARY
    tag = "PendingWritesSync"
    settled: Var[list[str]]
    on_flush: rx.EventHandler[_batch]


_PHASES = {
    "offline": ("cloud-off", "amber", "Offline — your changes will sync"),
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
        if phase == "offline"
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
