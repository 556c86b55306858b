"""learner ids are never reused; login throttling leaves the database

Revision ID: 5d2c9e41a7b0
Revises: 0321d207ac25
Create Date: 2026-11-30 00:30:00

On SQLite a plain INTEGER PRIMARY KEY hands the highest deleted id to the next
row. AUTOINCREMENT prevents that, and SQLite can only add it by rebuilding the
table, the way SQLite's documentation describes: foreign key enforcement off
(which only works outside a transaction), create, copy, drop, rename, then a
foreign key check before enforcement is back on. PostgreSQL sequences never
hand out an id twice, so nothing changes there.
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "5d2c9e41a7b0"
down_revision: Union[str, Sequence[str], None] = "0321d207ac25"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_COLUMNS = "id, token_hash, created_at, current_path"


def _rebuild_learner(autoincrement: bool) -> None:
    keyword = " AUTOINCREMENT" if autoincrement else ""
    bind = op.get_bind()
    raw = bind.connection.dbapi_connection
    if raw.in_transaction:  # earlier steps of this run: finish them first
        raw.commit()
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    op.execute(
        f"CREATE TABLE learner_rebuilt (id INTEGER NOT NULL PRIMARY KEY{keyword}, "
        "token_hash VARCHAR NOT NULL, created_at DATETIME NOT NULL, current_path VARCHAR)"
    )
    op.execute(f"INSERT INTO learner_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM learner")
    op.execute("DROP TABLE learner")
    op.execute("ALTER TABLE learner_rebuilt RENAME TO learner")
    op.create_index("ix_learner_token_hash", "learner", ["token_hash"], unique=True)
    if problems := bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        raise RuntimeError(f"foreign keys broken by the learner rebuild: {problems[:5]}")
    raw.commit()
    bind.exec_driver_sql("PRAGMA foreign_keys=ON")


def upgrade() -> None:
    op.drop_table("loginthrottle")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_learner(autoincrement=True)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_learner(autoincrement=False)
    op.create_table(
        "loginthrottle",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
