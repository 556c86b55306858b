"""Every route of the app, in one place."""

HOME = "/"
WHY_PYTHON = "/why-python"
TOPIC_PREFIX = "/topics/"
NOT_FOUND = "404"


def topic(slug: str) -> str:
    return f"{TOPIC_PREFIX}{slug}"


def static_routes() -> list[str]:
    return [HOME, WHY_PYTHON, NOT_FOUND]
