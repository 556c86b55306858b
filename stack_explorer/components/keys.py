"""A page-wide keyboard shortcut listener that ignores typing in form fields."""

from reflex_base.event import EventHandler
from reflex_base.vars.base import Var
from reflex_base.vars.object import ObjectVar
from reflex_components_core.core.window_events import WindowEventListener


def _shortcut_key(e: ObjectVar) -> tuple[Var[str]]:
    """The pressed key, or "" when it belongs to a field or has a modifier."""
    return (
        Var(
            f"(({e}.ctrlKey || {e}.metaKey || {e}.altKey || "
            f"({e}.target && {e}.target.closest && "
            f"{e}.target.closest('input, textarea, select, [contenteditable=true]'))) "
            f"? '' : {e}.key)"
        ).to(str),
    )


class ShortcutListener(WindowEventListener):
    on_key_down: EventHandler[_shortcut_key]


shortcut_listener = ShortcutListener.create
