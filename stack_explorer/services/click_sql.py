"""The statements every click runs, as plain SQL handed straight to the database driver.

A status click is the app's most frequent write. Built with SQLAlchemy's expression
language, its statements cost several times more to build and cache-key than to run
(measured in bench/RESULTS.md). Here each is written once, in the SQL that SQLite and
PostgreSQL share (INSERT ... ON CONFLICT ... RETURNING), and run through the
connection's `exec_driver_sql`: no compiling, no ORM objects.

Times are passed as each driver stores them for SQLAlchemy's `DateTime` columns, so
the rows read the same through the models: SQLite holds naive UTC text, PostgreSQL
takes the datetime.
"""

import functools
import re
from datetime import UTC, datetime

from sqlalchemy.engine import Connection

_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's storage format for SQLite

# Recorded before the write it names; nothing comes back when the id was already
# applied (a replayed batch).
RECORD_WRITE_ID = """
INSERT INTO appliedwrite (learner_id, write_id, at) VALUES (:learner, :write_id, :now)
ON CONFLICT (learner_id, write_id) DO NOTHING RETURNING id
"""

# A queued write loses to a change made on another device after the browser last saw
# the row (or to any change, when it never saw it: `unseen`), when that change is also
# later than the write itself (services/writes.py). No NULL parameters: PostgreSQL
# cannot type them.
_NOT_A_LOSING_CONFLICT = """
NOT (:guarded AND progress.updated_at > :made_at
     AND (:unseen OR (progress.device != :device AND progress.updated_at > :seen_at)))
"""

# A status other than "not started" creates the row; "not started" never does (no row
# already means not started). Both change only a row whose status differs.
UPSERT_STATUS = f"""
INSERT INTO progress (learner_id, topic_id, status, updated_at, device)
VALUES (:learner, :topic, :status, :now, :device)
ON CONFLICT (learner_id, topic_id) DO UPDATE
SET status = excluded.status, updated_at = excluded.updated_at, device = excluded.device
WHERE progress.status != excluded.status AND {_NOT_A_LOSING_CONFLICT}
RETURNING id
"""
RESET_STATUS = f"""
UPDATE progress SET status = :status, updated_at = :now, device = :device
WHERE learner_id = :learner AND topic_id = :topic AND status != :status
AND {_NOT_A_LOSING_CONFLICT}
RETURNING id
"""
LOG_STATUS = """
INSERT INTO progressevent (learner_id, topic_id, status, at)
VALUES (:learner, :topic, :status, :now)
"""
CURRENT_STATUS = """
SELECT status FROM progress WHERE learner_id = :learner AND topic_id = :topic
"""


@functools.cache
def _for_driver(sql: str, dialect: str) -> str:
    """sqlite3 takes :name parameters; psycopg takes %(name)s."""
    sql = " ".join(sql.split())  # one line in the logs
    return sql if dialect == "sqlite" else re.sub(r"(?<!:):(\w+)", r"%(\1)s", sql)


def _time(moment: datetime, dialect: str) -> datetime | str:
    return moment.astimezone(UTC).strftime(_SQLITE_TIME) if dialect == "sqlite" else moment


def run(connection: Connection, sql: str, params: dict) -> list[tuple]:
    """Run one statement; the rows it returns ([] for one that returns none)."""
    dialect = connection.dialect.name
    params = {k: _time(v, dialect) if isinstance(v, datetime) else v for k, v in params.items()}
    result = connection.exec_driver_sql(_for_driver(sql, dialect), params)
    return result.fetchall() if result.returns_rows else []
