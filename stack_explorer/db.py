"""Database engine settings that Reflex does not expose."""

import os
import sqlite3

from sqlalchemy import event
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
