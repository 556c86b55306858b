"""Rate limits for logins and sign-ups, per client address (with the `limits` library).

Failed logins count per (username, client) and per client, never per username
alone: failures elsewhere never delay the owner's correct password from a clean
client. A successful login clears both counters of that client. Sign-ups count
per client, successful or not. With several workers the counters live in Redis.
"""

import functools
import math
import time

import reflex as rx
from limits import RateLimitItemPerHour, RateLimitItemPerMinute, storage, strategies

LOGIN_FAILURES_PER_ACCOUNT = RateLimitItemPerMinute(5, 15)  # per (username, client)
LOGIN_FAILURES_PER_CLIENT = RateLimitItemPerMinute(20, 15)  # any usernames, one client
SIGN_UPS_PER_CLIENT = RateLimitItemPerHour(30)  # a classroom may share one address


class Throttled(ValueError):
    """Too many attempts; the message says how long to wait."""


@functools.cache
def _limiter() -> strategies.MovingWindowRateLimiter:
    url = rx.config.get_config().redis_url
    return strategies.MovingWindowRateLimiter(storage.storage_from_string(url or "memory://"))


def _refuse_if_spent(checks: list[tuple]) -> None:
    for item, *keys in checks:
        if not _limiter().test(item, *keys):
            reset_at, _ = _limiter().get_window_stats(item, *keys)
            wait = max(1, math.ceil(reset_at - time.time()))
            raise Throttled(f"Too many attempts. Try again in {wait} seconds.")


def _login_checks(username: str, client: str) -> list[tuple]:
    return [
        (LOGIN_FAILURES_PER_ACCOUNT, "login", username, client),
        (LOGIN_FAILURES_PER_CLIENT, "login-client", client),
    ]


def check_login(username: str, client: str) -> None:
    _refuse_if_spent(_login_checks(username, client))


def login_failed(username: str, client: str) -> None:
    for item, *keys in _login_checks(username, client):
        _limiter().hit(item, *keys)


def login_succeeded(username: str, client: str) -> None:
    for item, *keys in _login_checks(username, client):
        _limiter().clear(item, *keys)


def count_sign_up(client: str) -> None:
    """Refuse when the client has used up its sign-ups, otherwise count this one."""
    _refuse_if_spent([(SIGN_UPS_PER_CLIENT, "sign-up", client)])
    _limiter().hit(SIGN_UPS_PER_CLIENT, "sign-up", client)
