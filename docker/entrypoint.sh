#!/bin/sh
# Container entrypoint: bring the database up to date, then exec the command
# (by default the Reflex backend), so that it receives the container's signals.
#
#   MIGRATE_ON_START=1 (default)  apply the alembic migrations, then sync the content
#                                 files into the database; both are idempotent.
#   MIGRATE_ON_START=0            skip both, e.g. on extra replicas once one container
#                                 (or `docker compose run --rm app true`) has migrated.
set -eu

if [ "${MIGRATE_ON_START:-1}" = "1" ]; then
    echo "==> reflex db migrate"
    reflex db migrate
    echo "==> stack-explorer content sync"
    stack-explorer content sync
fi

exec "$@"
