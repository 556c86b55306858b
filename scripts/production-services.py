"""Exit 0 when the PostgreSQL and Redis used by the production-mode tests answer."""

import os
import sys

import psycopg
import redis

POSTGRES = os.environ.get("E2E_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("E2E_REDIS_URL", "redis://127.0.0.1:6379/9")

try:
    psycopg.connect(POSTGRES, connect_timeout=3).close()
    redis.Redis.from_url(REDIS, socket_connect_timeout=3).ping()
except Exception as error:  # any failure means "not available"
    print(f"production services unavailable: {error}".splitlines()[0], file=sys.stderr)
    sys.exit(1)
