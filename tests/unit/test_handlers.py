"""State handlers: identity comes from the token, and bad arguments are refused."""

import asyncio

import pytest
import reflex as rx
from reflex.istate.manager.memory import StateManagerMemory

from stack_explorer.pages.home import HomeState
from stack_explorer.pages.topic import TopicState
from stack_explorer.progress_state import ProgressState
from stack_explorer.services import progress
from stack_explorer.state import LearnerState


def run_in_state(state_cls, action, ident="tab-1", token=""):
    """Run `action(state)` (a coroutine function) inside a fresh client's state tree."""

    async def main():
        manager = StateManagerMemory()
        async with manager.modify_state(rx.BaseStateToken(ident=ident, cls=state_cls)) as root:
            learner = await root.get_state(LearnerState)
            learner.token = token
            state = await root.get_state(state_cls)
            result = await action(state)
            return result, learner.token, learner._learner_id

    return asyncio.run(main())


async def _drain(result):
    """Handlers may be async generators; collect what they yield."""
    if hasattr(result, "__aiter__"):
        return [item async for item in result]
    return await result if asyncio.iscoroutine(result) else result


def test_first_visit_creates_a_learner_with_a_token(session):
    _, token, learner_id = run_in_state(TopicState, lambda s: _drain(s.load("django")))
    assert token and learner_id is not None
    _, same_token, same_id = run_in_state(
        TopicState, lambda s: _drain(s.load("django")), token=token
    )
    assert (same_token, same_id) == (token, learner_id)


def test_set_status_saves_for_the_token_owner(session):
    async def choose(state):
        await _drain(state.set_status("django", "done"))
        progress_state = await state.get_state(ProgressState)
        return state.status, progress_state.completed

    (status, completed), _, learner_id = run_in_state(TopicState, choose)
    assert status == "done" and completed == {"backend": 1}
    assert progress.statuses(session=session, learner_id=learner_id) == {"django": "done"}


@pytest.mark.parametrize(
    ("slug", "status"),
    [
        ("django", "finished"),
        ("django", 3),
        ("django", None),
        ("cobol", "done"),
        (["django"], "done"),
        (5, {"x": 1}),
    ],
)
def test_bad_arguments_are_refused_and_change_nothing(session, slug, status):
    async def choose(state):
        result = await _drain(state.set_status(slug, status))
        return result, state.status, state.saved

    (result, current, saved), _, learner_id = run_in_state(TopicState, choose)
    assert current == "not-started" and saved == "Not saved"
    assert "toast" in str(result).lower()
    assert progress.statuses(session=session, learner_id=learner_id) == {}


@pytest.mark.parametrize("key", ["x", "Enter", "", None, 5, "dd"])
def test_other_keys_do_nothing(session, key):
    async def press(state):
        return await _drain(state.shortcut("django", key))

    result, _, _ = run_in_state(TopicState, press)
    assert result is None


def test_shortcut_key_sets_status(session):
    async def press(state):
        return await _drain(state.shortcut("django", "d"))

    result, _, _ = run_in_state(TopicState, press)
    assert "set_status" in str(result)


@pytest.mark.parametrize(
    ("layer", "status"), [("middleware", "done"), ("database", "learning"), (3, "done")]
)
def test_layer_action_refuses_bad_arguments(session, layer, status):
    async def act(state):
        return await _drain(state.set_layer(layer, status))

    result, _, learner_id = run_in_state(HomeState, act)
    assert "toast" in str(result).lower()
    assert progress.statuses(session=session, learner_id=learner_id) == {}


def test_layer_action_marks_all_done(session):
    async def act(state):
        await _drain(state.set_layer("version-control", "done"))
        await _drain(state.load())
        return state.statuses

    statuses, _, _ = run_in_state(HomeState, act)
    assert set(statuses) == {"git", "github", "gitlab", "bitbucket"}
