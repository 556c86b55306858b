"""Shared state: who the learner is. Imports nothing else of the app."""

from datetime import datetime

import reflex as rx


class Unidentified(Exception):
    """This tab's server state does not know the browser's tokens (it was just
    created, or rebuilt after an expiry or a restart): the browser must identify
    itself before anything is read or written for it. Never a reason to start a
    new learner."""


class LearnerState(rx.State):
    """The browser keeps only random tokens; the server resolves them to a learner.

    `token` reaches an anonymous learner; `session_token` an account's session.
    `_learner_id` is backend-only: it is set from a validated token and never
    from an event argument, so a client cannot claim another learner's id.
    """

    token: str = rx.LocalStorage("", name="stack_explorer_token", sync=True)
    session_token: str = rx.LocalStorage("", name="stack_explorer_session", sync=True)
    username: str = ""  # shown in the header when logged in
    # False until the browser's stored tokens reached this tab's server state; the
    # identity keeper in the page sends them whenever it sees False (see context.py).
    identified: bool = False
    _learner_id: int | None = None
    _account_id: int | None = None
    # The last check against the database: (token, session_token, the learner's
    # revocation mark, check again by, process). Reused while all five still hold.
    _checked: tuple = ("", "", None, datetime.min, "")
    _page: str = ""  # the page of the last event
