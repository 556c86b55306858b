"""Which browser tabs are open for which learner, so changes can reach them live.

With several workers the list lives in Redis (the same server Reflex uses);
otherwise in this process. It is only a hint: before anything is pushed to a
tab, the learner context re-checks that the tab still belongs to the learner.
"""

import reflex as rx

_TTL_SECONDS = 24 * 3600
_local: dict[int, set[str]] = {}
_redis = None


def redis_client():
    """The app's Redis (asyncio client, one per process), or None without Redis."""
    global _redis
    url = rx.config.get_config().redis_url
    if not url:
        return None
    if _redis is None:
        import redis.asyncio

        _redis = redis.asyncio.Redis.from_url(url)
    return _redis


def _key(learner_id: int) -> str:
    return f"stack-explorer:tabs:{learner_id}"


async def add(learner_id: int, client_token: str) -> None:
    if (client := redis_client()) is None:
        _local.setdefault(learner_id, set()).add(client_token)
        return
    await client.sadd(_key(learner_id), client_token)
    await client.expire(_key(learner_id), _TTL_SECONDS)


async def remove(learner_id: int, client_token: str) -> None:
    if (client := redis_client()) is None:
        _local.get(learner_id, set()).discard(client_token)
        return
    await client.srem(_key(learner_id), client_token)


async def tabs(learner_id: int) -> set[str]:
    if (client := redis_client()) is None:
        return set(_local.get(learner_id, ()))
    return {token.decode() for token in await client.smembers(_key(learner_id))}
