"""Which browser tabs are open for which learner (or on which shared map), so
changes can reach them live.

With several workers the list lives in Redis (the same server Reflex uses);
otherwise in this process. It is only a hint: before anything is pushed to a
tab, the learner context re-checks that the tab still belongs to the learner.
"""

import reflex as rx

_TTL_SECONDS = 24 * 3600
_local: dict[int | str, set[str]] = {}
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


def _key(group: int | str) -> str:
    return f"stack-explorer:tabs:{group}"


def share_group(share_id: str) -> str:
    """The group of tabs showing a shared map (learner groups are ids)."""
    return f"share:{share_id}"


async def add(group: int | str, client_token: str) -> None:
    if (client := redis_client()) is None:
        _local.setdefault(group, set()).add(client_token)
        return
    await client.sadd(_key(group), client_token)
    await client.expire(_key(group), _TTL_SECONDS)


async def remove(group: int | str, client_token: str) -> None:
    if (client := redis_client()) is None:
        _local.get(group, set()).discard(client_token)
        return
    await client.srem(_key(group), client_token)


async def tabs(group: int | str) -> set[str]:
    if (client := redis_client()) is None:
        return set(_local.get(group, ()))
    return {token.decode() for token in await client.smembers(_key(group))}


async def forget(group: int | str) -> None:
    if (client := redis_client()) is None:
        _local.pop(group, None)
        return
    await client.delete(_key(group))
