"""Database engine settings that Reflex does not expose."""

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets readers work while one writer commits; the busy timeout makes
    concurrent writers wait instead of failing with "database is locked".
    synchronous=NORMAL is SQLite's advice for WAL: a commit no longer waits for
    the disk (an fsync per click), and committed data still survives the app being
    killed; only a power cut may lose the last commits."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def _drop_inherited_connections() -> None:
    """`reflex run --env prod` checks the schema in the process that then forks the
    Granian workers, so each worker would inherit its open pooled connection: one
    socket shared by several processes, whose queries and answers interleave. Each
    child forgets the inherited connections, without closing them under the parent."""
    from stack_explorer.reflex_internals import opened_engines

    for engine in opened_engines():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_drop_inherited_connections)


@event.listens_for(Engine, "connect")
def _no_prepared_statements(dbapi_connection, _record) -> None:
    """psycopg prepares a statement on the server once it has run five times. Behind
    PgBouncer in transaction mode the next transaction may get another server
    connection, where that statement does not exist. The app's statements are short,
    so planning them each time costs little; the app works the same with or without
    PgBouncer in front."""
    if type(dbapi_connection).__module__.startswith("psycopg"):
        dbapi_connection.prepare_threshold = None


# Any fixed number: every process that migrates this database asks for the same lock.
_MIGRATION_LOCK = 0x57AC4E


@contextlib.contextmanager
def migration_lock() -> Iterator[None]:
    """One process at a time migrates and syncs the database: two replicas started
    together on an empty PostgreSQL database would otherwise both create the same
    tables. PostgreSQL: an advisory lock; SQLite: a lock file beside the database."""
    from reflex.model import get_engine

    engine = get_engine()
    if engine.dialect.name == "postgresql":
        # Held by a transaction left open until the work is done, not by the session:
        # behind PgBouncer in transaction mode a session is no single server connection,
        # but an open transaction is.
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            try:
                yield
            finally:
                connection.commit()
        return
    lock_path = Path(f"{engine.url.database or 'memory'}.migrate-lock")
    with lock_path.open("w") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        yield
