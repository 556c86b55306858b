"""A counter that moves whenever a learner identity may have been revoked.

The learner context remembers, per tab, which tokens it last checked against
the database, at which value of this counter. Logging out, logging out
everywhere, deleting an account and claiming (merging) a learner move it, so
every tab on every worker checks its tokens against the database again on its
next event. With several workers the counter lives in Redis; otherwise here.
"""

from stack_explorer.learner.tabs import redis_client

_KEY = "stack-explorer:identity-generation"
_local = 0


async def generation() -> int:
    if (client := redis_client()) is None:
        return _local
    return int(await client.get(_KEY) or 0)


async def revoke() -> None:
    """Call after the revoking change is committed, before anything else is awaited."""
    global _local
    if (client := redis_client()) is None:
        _local += 1
        return
    await client.incr(_KEY)
