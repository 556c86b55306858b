"""Rate limits for logins and sign-ups, per client address (with the `limits` library).

Password attempts (logins, and the password that confirms an account deletion)
count per (username, client) and per client, never per username alone: failures
elsewhere never delay the owner's correct password from a clean client. Each
attempt is counted *before* its password is checked, atomically (`hit` refuses
past the limit), so guesses sent all at once are held to the limit like guesses
sent one by one; a correct password then clears both counters of that client.
Sign-ups count per client, successful or not. With several workers the counters
live in Redis.
"""

import functools
import math
import time

import reflex as rx
from limits import RateLimitItemPerHour, RateLimitItemPerMinute, storage, strategies

PASSWORD_FAILURES_PER_ACCOUNT = RateLimitItemPerMinute(5, 15)  # per (username, client)
PASSWORD_FAILURES_PER_CLIENT = RateLimitItemPerMinute(20, 15)  # any usernames, one client
SIGN_UPS_PER_CLIENT = RateLimitItemPerHour(30)  # a classroom may share one address


class Throttled(ValueError):
    """Too many attempts; the message says how long to wait."""


@functools.cache
def _limiter() -> strategies.MovingWindowRateLimiter:
    url = rx.config.get_config().redis_url
    return strategies.MovingWindowRateLimiter(storage.storage_from_string(url or "memory://"))


def _reserve(checks: list[tuple]) -> None:
    """Count one attempt against every limit, or refuse with the wait of the one spent."""
    for item, *keys in checks:
        if not _limiter().hit(item, *keys):
            reset_at, _ = _limiter().get_window_stats(item, *keys)
            wait = max(1, math.ceil(reset_at - time.time()))
            raise Throttled(f"Too many attempts. Try again in {wait} seconds.")


def _password_checks(username: str, client: str) -> list[tuple]:
    return [
        (PASSWORD_FAILURES_PER_ACCOUNT, "login", username, client),
        (PASSWORD_FAILURES_PER_CLIENT, "login-client", client),
    ]


def reserve_password_attempt(username: str, client: str) -> None:
    """Count an attempt as failed before its password is checked (see the module doc)."""
    _reserve(_password_checks(username, client))


def password_succeeded(username: str, client: str) -> None:
    for item, *keys in _password_checks(username, client):
        _limiter().clear(item, *keys)


def count_sign_up(client: str) -> None:
    """Refuse when the client has used up its sign-ups, otherwise count this one."""
    _reserve([(SIGN_UPS_PER_CLIENT, "sign-up", client)])
