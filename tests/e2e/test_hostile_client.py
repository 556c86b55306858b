"""A hostile client calls every public handler of every state with wrong arguments.

The handlers are found by walking the app's state classes, not from a list kept by
hand: a new handler is covered the day it is written. Each call must be refused
cleanly: no traceback in the server log, the server still answering, and no change
to any row of any table.
"""

import inspect

import pytest
import reflex as rx
from sqlalchemy import create_engine, text
from sqlmodel import SQLModel

import stack_explorer.stack_explorer  # noqa: F401  (registers every page and state)
from stack_explorer.learner.state import LearnerState
from stack_explorer.pages.topic.state import TopicState
from tests.e2e.conftest import run_once
from tests.e2e.test_isolation import new_learner, run
from tests.kit.reflex_socket import status

# Wrong in type for most parameters; the right type with a meaningless value for the rest.
POISON = [None, 12345, 1.5, True, "x" * 12, ["django"], {"slug": "django"}, [{"a": 1}]]


def app_states() -> list[type[rx.State]]:
    found, queue = [], [rx.State]
    while queue:
        cls = queue.pop()
        queue.extend(cls.get_substates())
        if cls.__module__.startswith("stack_explorer"):
            found.append(cls)
    return sorted(found, key=lambda cls: cls.get_full_name())


def public_handlers() -> list[tuple[type[rx.State], str, list[str]]]:
    """(state, handler, parameter names) for every handler the app itself defines."""
    handlers = []
    for cls in app_states():
        for name, handler in cls.event_handlers.items():
            fn = handler.fn
            if name.startswith("_") or not getattr(fn, "__module__", "").startswith(
                "stack_explorer"
            ):
                continue
            params = list(inspect.signature(fn).parameters)[1:]
            handlers.append((cls, name, params))
    return handlers


def test_the_walk_finds_the_handlers():
    """The walk sees the app's handlers (so an empty walk cannot pass the test below)."""
    names = {f"{cls.__name__}.{name}" for cls, name, _ in public_handlers()}
    expected = {"WriteQueueState.apply", "MapFilterState.filter_layer", "AccountState.log_in"}
    assert expected <= names
    assert len(names) >= 20


def test_every_handler_checks_its_arguments():
    """Any public method of a state is a handler a client can call: each must be @checked."""
    unchecked = [
        f"{cls.__name__}.{name}"
        for cls, name, _ in public_handlers()
        if not getattr(cls.event_handlers[name].fn, "checks_arguments", False)
    ]
    assert unchecked == [], "declare these with @checked (or make them _private)"


def snapshot(db_url: str) -> dict[str, list]:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        return {
            name: sorted(map(repr, connection.execute(text(f"SELECT * FROM {name}")).all()))
            for name in SQLModel.metadata.tables
        }


@run_once
def test_every_handler_refuses_wrong_arguments_cleanly(app_server):
    handlers = [(cls, name, params) for cls, name, params in public_handlers() if params]

    async def scenario():
        client = await new_learner(app_server, path="/topics/django")
        before = snapshot(app_server.env["REFLEX_DB_URL"])
        log_start = app_server.log_path.stat().st_size
        for cls, name, params in handlers:
            for value in POISON:
                await client.emit(cls, name, dict.fromkeys(params, value), "/topics/django")
        await client.wait_quiet()
        # The socket still works: an ordinary write gets its answer.
        await client.write(status("git", "learning"), path="/topics/git")
        answered = client.get(TopicState, "saved")
        token = client.get(LearnerState, "token")
        await client.close()
        return before, log_start, answered, token

    before, log_start, answered, token = run(scenario())
    assert answered == "Saved: Learning"
    with app_server.log_path.open() as log:
        log.seek(log_start)
        new_log = log.read()
    assert "Traceback" not in new_log, new_log[-3000:]
    after = snapshot(app_server.env["REFLEX_DB_URL"])
    changed = {name for name in after if after[name] != before[name]}
    # Only the final, well-formed status change may have written anything (and a
    # nonsense token sent to `identify` gets a new, empty learner, as a new browser does).
    assert changed <= {"progress", "progressevent", "appliedwrite", "learner"}, changed
    assert token


@run_once
@pytest.mark.parametrize("value", [["a"], {"k": 1}, 7])
def test_a_non_list_upload_is_refused(app_server, value):
    """`import_file` reached over the socket, not the upload endpoint, with no file list."""
    from stack_explorer.pages.my_progress import TransferState

    async def scenario():
        client = await new_learner(app_server, path="/me/progress")
        await client.send(TransferState, "import_file", {"files": value}, "/me/progress")
        message = client.get(TransferState, "import_message")
        await client.close()
        return message

    assert run(scenario()) in ("", None, "Choose one exported .json file.")
