"""Features where they meet, as a person or an attacker would combine them.

A self-check and then a login; two devices and "log out everywhere"; a stale tab
that outlives the learner it showed. Browsers are driven in Chromium; stale and
revoked tabs are scripted clients, which (unlike a browser) never re-sync
themselves, so anything the server still pushes to them would be seen.
"""

import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Browser, expect
from sqlalchemy import create_engine, text

from stack_explorer.catalog import get_catalog
from stack_explorer.learner.state import LearnerState
from stack_explorer.pages.account import AccountState
from tests.e2e.conftest import run_once
from tests.e2e.test_isolation import new_learner, run
from tests.e2e.test_learner_data import PASSWORD, log_in, set_status, sign_up
from tests.kit.reflex_socket import note, status

DJANGO = "/topics/django"


def _form(name: str) -> dict:
    return {"form_data": {"username": name, "password": PASSWORD}}


def _learner_id(db_url: str, token: str) -> int | None:
    digest = hashlib.sha256(token.encode()).hexdigest()
    with create_engine(db_url).connect() as connection:
        return connection.execute(
            text("SELECT id FROM learner WHERE token_hash = :h"), {"h": digest}
        ).scalar()


def _statuses(db_url: str, learner_id: int) -> dict[str, str]:
    with create_engine(db_url).connect() as connection:
        rows = connection.execute(
            text(
                "SELECT topic.slug, progress.status FROM progress JOIN topic "
                "ON topic.id = progress.topic_id WHERE progress.learner_id = :id"
            ),
            {"id": learner_id},
        ).all()
    return dict(rows)


def test_anonymous_self_check_then_log_in_claims_everything(app_server, browser: Browser):
    url, name = app_server.url, "quiz" + secrets.token_hex(3)
    sign_up(browser.new_context().new_page(), url, name)  # the account, made on another device

    page = browser.new_context().new_page()
    set_status(page, url, "git", "Learning")
    page.get_by_label("Note").fill("merge carefully")
    expect(page.locator("#note-status")).to_contain_text("Saved")
    questions = get_catalog().topics["git"].meta.questions
    quiz = page.get_by_role("region", name="Check yourself")
    for index, question in enumerate(questions):
        wrong = next(c for c in question.choices if not c.correct)
        group = quiz.get_by_role("radiogroup", name=f"{index + 1}. {question.prompt}")
        group.get_by_role("radio", name=wrong.text, exact=True).click()
    quiz.get_by_role("button", name="Check answers").click()
    expect(quiz.get_by_role("status")).to_have_text(f"You scored 0 of {len(questions)}.")

    log_in(page, url, name)
    expect(page.get_by_text("Logged in as")).to_be_visible()
    page.goto(url + "/topics/git")
    expect(page.get_by_role("radio", name="Learning", exact=True)).to_be_checked()
    expect(page.get_by_label("Note")).to_have_value("merge carefully")
    expect(page.get_by_text(f"Best score: 0 of {len(questions)}")).to_be_visible()
    with create_engine(app_server.env["REFLEX_DB_URL"]).begin() as connection:  # days pass
        connection.execute(
            text("UPDATE questionreview SET due_at = :t"),
            {"t": (datetime.now(UTC) - timedelta(minutes=1)).replace(tzinfo=None)},
        )
    page.goto(url + "/review")
    expect(page.get_by_text(f"{len(questions)} questions due now.")).to_be_visible()


@run_once
def test_log_out_everywhere_silences_the_other_devices_tabs(app_server):
    name = "devices" + secrets.token_hex(3)

    async def scenario():
        laptop = await new_learner(app_server, path="/account")
        await laptop.send(AccountState, "sign_up", _form(name), "/account")
        phone = await new_learner(app_server, path=DJANGO)
        await phone.send(AccountState, "log_in", _form(name), "/account")
        phone_name = phone.get(LearnerState, "username")

        await laptop.send(AccountState, "log_out_everywhere", {}, "/account")

        def phone_view():
            return phone.get(LearnerState, "username"), phone.shown_statuses()

        await phone.wait_until(lambda: phone_view() == ("", {}))
        detached = phone_view()
        heard_before = len(phone.updates)

        await laptop.send(AccountState, "log_in", _form(name), "/account")
        await laptop.write(status("django", "done"), path=DJANGO)
        await laptop.write(note("django", "after revoke"), path=DJANGO)
        await phone.listen(1.5)  # anything pushed to it would have arrived by then
        heard_after = phone.updates[heard_before:]
        await laptop.close()
        await phone.close()
        return phone_name, detached, heard_after

    phone_name, detached, heard_after = run(scenario())
    assert phone_name == name
    assert detached == ("", {})
    assert heard_after == [], heard_after


@run_once
def test_a_stale_tab_after_a_merge_reaches_no_one(app_server):
    owner_name = "owner" + secrets.token_hex(3)
    db_url = app_server.env["REFLEX_DB_URL"]

    async def scenario():
        owner = await new_learner(app_server, path="/account")
        await owner.send(AccountState, "sign_up", _form(owner_name), "/account")
        await owner.close()

        first_tab = await new_learner(app_server, path=DJANGO)
        token = first_tab.get(LearnerState, "token")
        stale_tab = await new_learner(app_server, path=DJANGO, token=token)
        await stale_tab.write(status("flask", "learning"), path=DJANGO)
        merged_id = _learner_id(db_url, token)
        await first_tab.send(AccountState, "log_in", _form(owner_name), "/account")
        await stale_tab.wait_until(lambda: stale_tab.shown_statuses() == {})
        stale_view = stale_tab.shown_statuses()
        heard_before = len(stale_tab.updates)

        newcomer = await new_learner(app_server, path=DJANGO)
        newcomer_token = newcomer.get(LearnerState, "token")
        await newcomer.write(status("css", "done"), path=DJANGO)
        await newcomer.write(note("django", "mine only"), path=DJANGO)
        await stale_tab.listen(1.5)  # anything pushed to it would have arrived by then
        heard = stale_tab.updates[heard_before:]

        # The stale tab writes: it must land on a learner of its own.
        await stale_tab.write(status("vue", "done"), path=DJANGO)
        stale_token = stale_tab.get(LearnerState, "token")
        await first_tab.close()
        await stale_tab.close()
        await newcomer.close()
        return merged_id, stale_view, heard, newcomer_token, stale_token

    merged_id, stale_view, heard, newcomer_token, stale_token = run(scenario())
    newcomer_id = _learner_id(db_url, newcomer_token)
    assert newcomer_id != merged_id  # ids are never reused
    assert stale_view == {}
    assert heard == [], json.dumps(heard)[:2000]
    assert _statuses(db_url, newcomer_id) == {"css": "done"}
    stale_id = _learner_id(db_url, stale_token)
    assert stale_id not in (None, merged_id, newcomer_id)
    assert _statuses(db_url, stale_id) == {"vue": "done"}


@run_once
def test_deleting_the_account_detaches_its_other_devices(app_server):
    name = "leaving" + secrets.token_hex(3)
    db_url = app_server.env["REFLEX_DB_URL"]

    async def scenario():
        laptop = await new_learner(app_server, path="/account")
        await laptop.send(AccountState, "sign_up", _form(name), "/account")
        phone = await new_learner(app_server, path=DJANGO)
        await phone.send(AccountState, "log_in", _form(name), "/account")
        await phone.write(status("css", "done"), path=DJANGO)
        before = phone.get(LearnerState, "username"), phone.shown_statuses()
        wrong = {"form_data": {"password": "not the password"}}
        await laptop.send(AccountState, "delete_account", wrong, "/account")
        kept = laptop.get(AccountState, "error")
        await laptop.send(AccountState, "delete_account", _form(name), "/account")

        def phone_view():
            return phone.get(LearnerState, "username"), phone.shown_statuses()

        await phone.wait_until(lambda: phone_view() == ("", {}))
        after = phone_view()
        await laptop.close()
        await phone.close()
        return before, kept, after

    before, kept, after = run(scenario())
    assert before == (name, {"css": "done"})
    assert "Nothing was deleted" in kept
    assert after == ("", {})
    with create_engine(db_url).connect() as connection:
        assert (
            connection.execute(
                text("SELECT count(*) FROM account WHERE username = :n"), {"n": name}
            ).scalar()
            == 0
        )
