"""Shared state: who the learner is. Imports nothing else of the app."""

import reflex as rx


class LearnerState(rx.State):
    """The browser keeps only a random token; the server resolves it to a learner.

    `_learner_id` is backend-only: it is set from the validated token and never
    from an event argument, so a client cannot claim another learner's id.
    """

    token: str = rx.LocalStorage("", name="stack_explorer_token", sync=True)
    _learner_id: int | None = None
    _resolved_token: str = ""
