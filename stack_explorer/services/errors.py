"""Errors the services raise with a message fit to show the learner."""


class InvalidRequest(ValueError):
    """A request the app refuses (an unknown topic, layer, status or answer, a note
    that is too long), with a message fit to show the learner."""
