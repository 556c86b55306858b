"""A mark per learner that changes whenever that learner's tokens may have been revoked.

The learner context remembers, per tab, which tokens it last checked against the
database and the learner's mark at that moment. Logging out, logging out everywhere,
deleting an account, signing up and claiming (merging) a learner give that learner a
new mark, so every tab of that learner, on every worker, checks its tokens against
the database again on its next event. Tabs of other learners are not disturbed: a
sign-up somewhere does not make every open tab ask the database again.

A mark is kept for `KEPT`, longer than any tab goes without a check (the context's
RECHECK): a tab stamped before a revocation has checked again before its mark lapses
back to "none". With several workers the marks live in Redis; otherwise here.
"""

import secrets
import time
from datetime import timedelta

from stack_explorer.learner.tabs import redis_client

KEPT = timedelta(minutes=10)
NONE = ""
_local: dict[int, tuple[str, float]] = {}  # learner id -> (mark, monotonic expiry)


def _key(learner_id: int) -> str:
    return f"stack-explorer:revoked:{learner_id}"


async def mark(learner_id: int | None) -> str:
    """The learner's current mark: NONE when nothing was revoked lately."""
    if learner_id is None:
        return NONE
    if (client := redis_client()) is None:
        found, expires = _local.get(learner_id, (NONE, 0.0))
        return found if time.monotonic() < expires else NONE
    found = await client.get(_key(learner_id))
    return found.decode() if found else NONE


async def revoke(learner_id: int) -> None:
    """Call after the revoking change is committed, before anything else is awaited."""
    fresh = secrets.token_hex(8)
    if (client := redis_client()) is None:
        now = time.monotonic()
        for old in [k for k, (_, expires) in _local.items() if expires <= now]:
            del _local[old]
        _local[learner_id] = (fresh, now + KEPT.total_seconds())
        return
    await client.set(_key(learner_id), fresh, ex=int(KEPT.total_seconds()))
