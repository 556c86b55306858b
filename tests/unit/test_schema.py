"""The migrations build exactly the tables the models describe: a model changed
without a migration (or a migration without its model) fails here, on SQLite and on
PostgreSQL, before it fails on a learner's database."""

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from stack_explorer import models  # noqa: F401 (the tables)
from tests.kit.server import fresh_postgres, production_services_available

ROOT = Path(__file__).resolve().parents[2]


def differences(url: str) -> list:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    finally:
        engine.dispose()


def test_the_migrations_match_the_models_on_sqlite(tmp_path):
    assert differences(f"sqlite:///{tmp_path / 'migrated.db'}") == []


def test_the_migrations_match_the_models_on_postgresql():
    if not production_services_available():
        pytest.skip("PostgreSQL is not running on 127.0.0.1:5432 (see E2E_POSTGRES_URL)")
    with fresh_postgres() as url:
        assert differences(url) == []
