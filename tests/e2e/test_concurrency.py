"""What a hostile client does all at once: 30 password guesses from 30 sockets together,
and guesses at the password that confirms an account deletion. And two replicas that
start together on an empty database."""

import asyncio
import contextlib
import secrets
import subprocess

from sqlalchemy import create_engine, text

from stack_explorer.pages.account import AccountState
from stack_explorer.services import throttle
from tests.e2e.conftest import run_once
from tests.e2e.test_isolation import new_learner, run
from tests.kit.server import BIN, ROOT, fresh_postgres, production_services_available, server_env

pytestmark = run_once
PASSWORD = "a long enough password"
WRONG = "Wrong username or password"


def _form(name: str, password: str) -> dict:
    return {"form_data": {"username": name, "password": password}}


def test_guesses_sent_all_at_once_are_held_to_the_limit(app_server):
    name = "target" + secrets.token_hex(3)

    async def scenario():
        owner = await new_learner(app_server, path="/account")
        await owner.send(AccountState, "sign_up", _form(name, PASSWORD), "/account")
        attackers = await asyncio.gather(
            *(new_learner(app_server, path="/account") for _ in range(30))
        )
        await asyncio.gather(
            *(
                client.send(AccountState, "log_in", _form(name, f"guess {i}!"), "/account")
                for i, client in enumerate(attackers)
            )
        )
        answers = [client.get(AccountState, "error") for client in attackers]
        # The right password, from the same (guessing) address: still refused for now.
        late = attackers[0]
        await late.send(AccountState, "log_in", _form(name, PASSWORD), "/account")
        refused_right = late.get(AccountState, "error")
        for client in [owner, *attackers]:
            await client.close()
        return answers, refused_right

    answers, refused_right = run(scenario())
    checked = [a for a in answers if a and WRONG in a]
    throttled = [a for a in answers if a and "Too many attempts" in a]
    assert len(checked) <= throttle.PASSWORD_FAILURES_PER_ACCOUNT.amount, answers
    assert len(checked) + len(throttled) == 30, answers
    assert "Too many attempts" in refused_right


def test_the_deletion_password_is_throttled_too(app_server):
    name = "keeper" + secrets.token_hex(3)

    async def scenario():
        owner = await new_learner(app_server, path="/account")
        await owner.send(AccountState, "sign_up", _form(name, PASSWORD), "/account")
        errors = []
        for i in range(throttle.PASSWORD_FAILURES_PER_ACCOUNT.amount + 1):
            wrong = {"form_data": {"password": f"not it {i}!"}}
            await owner.send(AccountState, "delete_account", wrong, "/account")
            errors.append(owner.get(AccountState, "error"))
        right = {"form_data": {"password": PASSWORD}}
        await owner.send(AccountState, "delete_account", right, "/account")
        errors.append(owner.get(AccountState, "error"))
        await owner.close()
        return errors

    errors = run(scenario())
    assert all("Nothing was deleted" in e for e in errors[:-2]), errors
    assert "Too many attempts" in errors[-2] and "Too many attempts" in errors[-1], errors
    engine = create_engine(app_server.env["REFLEX_DB_URL"])
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM account WHERE username = :n"), {"n": name}
        ).scalar()
    engine.dispose()
    assert found == 1, "a throttled guess must not delete the account"


def test_two_replicas_migrate_an_empty_database_at_once(tmp_path):
    """What each replica's entrypoint runs first (docker/entrypoint.sh)."""
    with contextlib.ExitStack() as cleanup:
        if production_services_available():
            db_url = cleanup.enter_context(fresh_postgres())
        else:
            db_url = f"sqlite:///{tmp_path}/empty.db"
        env = server_env(db_url)
        replicas = [
            subprocess.Popen(
                [str(BIN / "stack-explorer"), "db", "migrate"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [replica.communicate(timeout=300)[0] for replica in replicas]
        assert [replica.returncode for replica in replicas] == [0, 0], outputs
        engine = create_engine(db_url)
        with engine.connect() as connection:
            topics = connection.execute(text("SELECT count(*) FROM topic")).scalar()
            heads = connection.execute(text("SELECT count(*) FROM alembic_version")).scalar()
        engine.dispose()
        assert topics > 0 and heads == 1
