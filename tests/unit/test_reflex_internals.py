"""The private Reflex internals the app relies on, all used in stack_explorer/reflex_internals.py.

These fail first when a Reflex upgrade renames or removes one of them.
"""

import inspect

import reflex as rx
from reflex import model
from reflex.app import EventNamespace
from reflex.utils.token_manager import TokenManager
from reflex_base.registry import RegistrationContext

from stack_explorer import reflex_internals


def test_the_running_app_is_reachable_outside_an_event():
    assert callable(RegistrationContext.get)


def test_token_managers_know_whether_a_tab_is_connected():
    assert inspect.iscoroutinefunction(TokenManager.is_token_connected)
    assert "_token_manager" in inspect.getsource(EventNamespace.__init__)


def test_another_tab_can_be_modified_by_its_token():
    params = inspect.signature(rx.App.modify_state).parameters
    assert "token" in params
    assert hasattr(rx, "BaseStateToken")


def test_opened_engines_are_listed_per_url():
    assert isinstance(model._ENGINE, dict) and isinstance(model._ASYNC_ENGINE, dict)
    assert isinstance(reflex_internals.opened_engines(), list)


def test_registered_pages_are_listed_by_route():
    from stack_explorer.stack_explorer import app

    routes = reflex_internals.registered_routes(app)
    assert {"index", "topics/flask", "shared/[share_id]"} <= set(routes)


def test_a_page_made_with_partial_gets_a_memo_module_of_its_own():
    import functools

    from reflex_base.utils import memo_paths

    made = functools.partial(rx.text, "a topic")
    assert memo_paths.capture_source_module(made) == "functools"  # shared by all such pages
    page = reflex_internals.page_with_its_own_memos(made)
    assert memo_paths.capture_source_module(page) is None
    assert memo_paths.library_for(None, "Memo") == "$/utils/components/Memo"  # one per memo
    assert page().render() == made().render()
