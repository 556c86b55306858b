"""`@checked`: an `rx.event` that refuses arguments of the wrong type before it runs.

Any connected client can call any handler with any JSON. Reflex converts what it
can and passes the rest through unchanged, so a handler typed `slug: str` may
receive a list. `@checked` validates every argument against the handler's type
hints (strictly: no silent conversion) and answers a mismatch with a toast and
one log line, instead of a traceback. Values (which slug, which status) are still
the handler's and the services' to check.

It also ends a handler quietly when the tab's server state does not know the
browser's tokens yet (`Unidentified`): the identity keeper on the page sends them,
and the page's data is loaded again then.
"""

import functools
import inspect
import logging
import typing

import reflex as rx
from pydantic import ConfigDict, TypeAdapter, ValidationError

from stack_explorer.learner.state import Unidentified

logger = logging.getLogger(__name__)
REFUSAL = "That request was not understood, so nothing was changed."


def _adapters(fn) -> tuple[inspect.Signature, dict[str, TypeAdapter]]:
    signature = inspect.signature(fn)
    hints = typing.get_type_hints(fn)
    config = ConfigDict(arbitrary_types_allowed=True)
    return signature, {
        name: TypeAdapter(hints[name], config=config)
        for name in list(signature.parameters)[1:]
        if name in hints
    }


STILL_CONNECTING = "Still connecting to your saved progress. Try that again in a moment."


def not_yet_identified(fn):
    """A page load waits quietly (it runs again once the browser identified itself);
    an action the learner took is not lost silently: they are told to repeat it."""
    return None if fn.__name__ == "load" else rx.toast.info(STILL_CONNECTING)


def checked(fn):
    signature, adapters = _adapters(fn)

    def problem(args: tuple, kwargs: dict) -> str | None:
        try:
            bound = signature.bind(None, *args, **kwargs)
            for name, value in list(bound.arguments.items())[1:]:
                if name in adapters:
                    adapters[name].validate_python(value, strict=True)
        except (TypeError, ValidationError) as error:
            return f"{fn.__qualname__}: {type(error).__name__}"
        return None

    def refuse(reason: str):
        logger.warning("Refused a malformed call to %s", reason)
        return rx.toast.error(REFUSAL)

    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def wrapper(self, *args, **kwargs):
            if reason := problem(args, kwargs):
                yield refuse(reason)
                return
            try:
                async for update in fn(self, *args, **kwargs):
                    yield update
            except Unidentified:
                yield not_yet_identified(fn)

    elif inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def wrapper(self, *args, **kwargs):
            if reason := problem(args, kwargs):
                return refuse(reason)
            try:
                return await fn(self, *args, **kwargs)
            except Unidentified:
                return not_yet_identified(fn)

    else:

        @functools.wraps(fn)
        def wrapper(self, *args, **kwargs):
            if reason := problem(args, kwargs):
                return refuse(reason)
            return fn(self, *args, **kwargs)

    wrapper.__signature__ = signature
    wrapper.checks_arguments = True  # tests/e2e/test_hostile_client.py looks for it
    return rx.event(wrapper)
