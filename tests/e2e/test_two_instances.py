"""Two separate app instances (separate processes, separate ports) on one PostgreSQL
and one Redis, as behind a load balancer: what one instance does reaches the tabs of
the other. A learner's change shows live in a tab served by the other instance; "log
out everywhere" on one detaches the other's tabs; password guesses spread over both
are held to one limit. Production mode only: without Redis, instances share nothing.
"""

import asyncio
import contextlib
import secrets

import pytest
from playwright.sync_api import Browser, expect

from stack_explorer.learner.state import LearnerState
from stack_explorer.pages.account import AccountState
from stack_explorer.services import throttle
from tests.e2e.conftest import ARTIFACTS, E2E_MODE
from tests.e2e.test_durability import token_of
from tests.e2e.test_isolation import new_learner, run
from tests.e2e.test_learner_data import PASSWORD
from tests.e2e.test_learner_journey import status_radio
from tests.kit.reflex_socket import status
from tests.kit.server import AppServer

pytestmark = pytest.mark.skipif(
    E2E_MODE != "production", reason="two instances share state only through Redis"
)
DJANGO = "/topics/django"


@pytest.fixture(scope="module")
def other_instance(app_server):
    """A second `reflex run` (backend only) on its own port, with the same database
    and Redis as the first."""
    log_path = ARTIFACTS / "server-other-instance.log"
    log_path.unlink(missing_ok=True)
    other = AppServer("prod-pg", dict(app_server.env), log_path, name="other instance")
    other.start(240, frontend=False)
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(other.stop)
        yield other
    app_server.assert_running()


def _form(name: str, password: str = PASSWORD) -> dict:
    return {"form_data": {"username": name, "password": password}}


def test_a_change_on_one_instance_shows_live_in_a_tab_of_the_other(
    app_server, other_instance, browser: Browser
):
    page = browser.new_context().new_page()
    page.goto(app_server.url + DJANGO)
    page.wait_for_function("window.localStorage.getItem('stack_explorer_token')")
    expect(status_radio(page, "Not started")).to_be_checked()
    token = token_of(page)

    async def phone():  # the same learner, connected to the other instance
        client = await new_learner(other_instance, path=DJANGO, token=token)
        await client.write(status("django", "done"), path=DJANGO)
        shown = client.shown_statuses()
        await client.close()
        return shown

    assert run(phone()) == {"django": "done"}
    expect(status_radio(page, "Done")).to_be_checked()  # no reload: pushed live
    page.reload()
    expect(status_radio(page, "Done")).to_be_checked()


def test_log_out_everywhere_on_one_instance_detaches_tabs_on_the_other(app_server, other_instance):
    name = "across" + secrets.token_hex(3)

    async def scenario():
        laptop = await new_learner(app_server, path="/account")
        await laptop.send(AccountState, "sign_up", _form(name), "/account")
        phone = await new_learner(other_instance, path=DJANGO)
        await phone.send(AccountState, "log_in", _form(name), "/account")
        await phone.write(status("django", "learning"), path=DJANGO)
        before = phone.get(LearnerState, "username"), phone.shown_statuses()
        await laptop.send(AccountState, "log_out_everywhere", {}, "/account")

        def phone_view():
            return phone.get(LearnerState, "username"), phone.shown_statuses()

        await phone.wait_until(lambda: phone_view() == ("", {}))
        after = phone_view()
        for client in (laptop, phone):
            await client.close()
        return before, after

    before, after = run(scenario())
    assert before == (name, {"django": "learning"})
    assert after == ("", {})


def test_password_guesses_spread_over_both_instances_share_one_limit(app_server, other_instance):
    name = "shared" + secrets.token_hex(3)
    limit = throttle.PASSWORD_FAILURES_PER_ACCOUNT.amount

    async def scenario():
        owner = await new_learner(app_server, path="/account")
        await owner.send(AccountState, "sign_up", _form(name), "/account")
        guessers = await asyncio.gather(
            *(
                new_learner(server, path="/account")
                for server in [app_server, other_instance] * (limit + 1)
            )
        )
        answers = []
        for i, client in enumerate(guessers):  # one after another, alternating instances
            await client.send(AccountState, "log_in", _form(name, f"guess {i}!"), "/account")
            answers.append(client.get(AccountState, "error") or "")
        for client in [owner, *guessers]:
            await client.close()
        return answers

    answers = run(scenario())
    assert all("Wrong username or password" in a for a in answers[:limit]), answers
    assert all("Too many attempts" in a for a in answers[limit:]), answers
