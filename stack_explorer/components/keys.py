"""A page-wide keyboard shortcut listener that ignores typing in form fields."""

from reflex_base.event import EventHandler
from reflex_base.vars.base import Var
from reflex_base.vars.object import ObjectVar
from reflex_components_core.core.window_events import WindowEventListener

# Fields that take typing; radios and checkboxes do not, so shortcuts work on them.
_FIELDS = "input:not([type=radio]):not([type=checkbox]), textarea, select, [contenteditable=true]"
_IN_FIELD = "({e}.target && {e}.target.closest && {e}.target.closest('" + _FIELDS + "'))"


def _plain_key(e: ObjectVar) -> tuple[Var[str]]:
    """The pressed key, or "" when it is typed into a field or has a modifier."""
    in_field = _IN_FIELD.format(e=e)
    return (
        Var(f"(({e}.ctrlKey || {e}.metaKey || {e}.altKey || {in_field}) ? '' : {e}.key)").to(str),
    )


def _key_with_ctrl(e: ObjectVar) -> tuple[Var[str]]:
    """Like `_plain_key`, but Ctrl/Cmd combinations arrive as "Ctrl+<key>" (and prevent the
    browser's own binding for Ctrl+K)."""
    in_field = _IN_FIELD.format(e=e)
    return (
        Var(
            f"(({e}.ctrlKey || {e}.metaKey) && {e}.key.toLowerCase() === 'k' ? "
            f"({e}.preventDefault(), 'Ctrl+k') : "
            f"(({e}.ctrlKey || {e}.metaKey || {e}.altKey || {in_field}) ? '' : {e}.key))"
        ).to(str),
    )


class ShortcutListener(WindowEventListener):
    on_key_down: EventHandler[_plain_key]


class CtrlShortcutListener(WindowEventListener):
    on_key_down: EventHandler[_key_with_ctrl]


def shortcut_listener(with_ctrl: bool = False, **props):
    return (CtrlShortcutListener if with_ctrl else ShortcutListener).create(**props)
