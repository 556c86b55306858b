"""Unit-test fixtures: a throwaway SQLite database (and PostgreSQL database, for the
plain SQL), and content directories."""

import os
import shutil
import tempfile
from pathlib import Path

# Before reflex reads its config: every rx.session() in these tests uses this file.
_DB_DIR = tempfile.mkdtemp(prefix="stack-explorer-unit-")
os.environ["REFLEX_DB_URL"] = f"sqlite:///{_DB_DIR}/unit.db"
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

import pytest  # noqa: E402
import reflex as rx  # noqa: E402
from reflex.model import get_engine  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

from stack_explorer import db, models  # noqa: E402, F401
from stack_explorer.catalog import CONTENT_DIR, get_catalog  # noqa: E402
from stack_explorer.catalog.sync import sync_catalog  # noqa: E402


@pytest.fixture()
def session():
    """A session on an empty, migrated-from-models database with the real catalog synced."""
    engine = get_engine()
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    with rx.session() as session:
        sync_catalog(session=session, catalog=get_catalog())
        yield session


@pytest.fixture(scope="session")
def postgres_engine():
    """A throwaway database on the PostgreSQL that production mode uses, for the
    statements written in plain SQL (services/click_sql.py); dropped afterwards."""
    from sqlmodel import create_engine

    from tests.kit.server import fresh_postgres, production_services_available

    if not production_services_available():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432 (see E2E_POSTGRES_URL)")
    with fresh_postgres() as url:
        engine = create_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture()
def postgres_session(postgres_engine):
    """As `session`, on PostgreSQL."""
    SQLModel.metadata.drop_all(postgres_engine)
    SQLModel.metadata.create_all(postgres_engine)
    with Session(postgres_engine) as session:
        sync_catalog(session=session, catalog=get_catalog())
        yield session


@pytest.fixture()
def content_dir(tmp_path: Path) -> Path:
    """A copy of the shipped content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_DB_DIR, ignore_errors=True)
