"""The app through PgBouncer in transaction mode, as docs/scaling.md and compose.yaml
run it: each transaction may get a different server connection, so nothing may rest
on a session (prepared statements, session advisory locks). The server is restarted
on a database reached only through PgBouncer; it migrates, serves a learner in
Chromium, and takes many writes from several tabs at once. Skipped, with a message,
where PgBouncer is not installed.

It does not guard the prepared statements being off (stack_explorer/db.py): with
PgBouncer 1.18 and psycopg 3.3 it also passed with them on.
"""

import asyncio
import contextlib

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import E2E_MODE
from tests.e2e.test_durability import saved_by, token_of
from tests.e2e.test_isolation import new_learner, run
from tests.e2e.test_learner_journey import status_radio
from tests.kit.reflex_socket import status
from tests.kit.server import POSTGRES_ADMIN_URL, fresh_postgres, prepare_database
from tests.kit.services import OwnPgBouncer, pgbouncer_binary

pytestmark = [
    pytest.mark.restarts_server,
    pytest.mark.skipif(E2E_MODE != "production", reason="PgBouncer fronts PostgreSQL"),
    pytest.mark.skipif(
        pgbouncer_binary() is None,
        reason="PgBouncer is not installed (Debian: apt-get install pgbouncer)",
    ),
]
SLUGS = ["git", "docker", "flask", "django", "fastapi", "sqlite", "redis", "celery"]


@pytest.fixture(scope="module")
def bounced(app_server):
    """The app server, restarted on a fresh database that it reaches through PgBouncer."""
    upstream_port = int(POSTGRES_ADMIN_URL.rsplit(":", 1)[1].split("/")[0])
    shared_env = app_server.env
    with contextlib.ExitStack() as cleanup:
        direct_url = cleanup.enter_context(fresh_postgres())
        bouncer = OwnPgBouncer(pgbouncer_binary(), upstream_port)
        cleanup.callback(bouncer.stop)
        env = {**shared_env, "REFLEX_DB_URL": bouncer.url(direct_url.rsplit("/", 1)[1])}
        prepare_database(env)  # the migrations, and their lock, through PgBouncer too
        app_server.stop()
        app_server.env = env
        cleanup.callback(lambda: setattr(app_server, "env", shared_env))
        app_server.start(rebuild=False)
        yield app_server, direct_url
        app_server.stop()
    app_server.start(240, frontend=False)  # the backend, for the websocket tests after these


def test_the_app_works_through_pgbouncer_in_transaction_mode(bounced, browser: Browser):
    server, direct_url = bounced
    page = browser.new_context().new_page()
    page.goto(server.url + "/topics/django")
    status_radio(page, "Learning").click()
    expect(page.locator("#status-saved")).to_have_text("Saved: Learning")
    page.get_by_label("Note").fill("through the pooler")
    expect(page.locator("#note-status")).to_contain_text("Saved")
    token = token_of(page)

    async def tabs():  # three more tabs of the same learner, each clicking many times
        clients = await asyncio.gather(
            *(new_learner(server, path="/topics/git", token=token) for _ in range(3))
        )
        for value in ["done", "learning", "done", "skipped", "done"]:
            await asyncio.gather(
                *(
                    client.write(*(status(slug, value) for slug in SLUGS), path="/topics/git")
                    for client in clients
                )
            )
        for client in clients:
            await client.close()

    run(tabs())
    page.reload()
    expect(status_radio(page, "Done")).to_be_checked()
    expect(page.get_by_label("Note")).to_have_value("through the pooler")
    statuses, notes = saved_by(direct_url, token)
    assert statuses == dict.fromkeys(SLUGS, "done")
    assert notes == {"django": "through the pooler"}
