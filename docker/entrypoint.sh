#!/bin/sh
# Container entrypoint: bring the database up to date, then exec the command
# (by default the Reflex backend), so that it receives the container's signals.
#
#   MIGRATE_ON_START=1 (default)  apply the alembic migrations, then sync the content
#                                 files into the database; both are idempotent, and
#                                 replicas starting together take turns (a PostgreSQL
#                                 advisory lock).
#   MIGRATE_ON_START=0            skip both.
set -eu

if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
    echo "==> stack-explorer db migrate"
    stack-explorer db migrate
fi

exec "$@"
