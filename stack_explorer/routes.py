"""Every route of the app, in one place."""

HOME = "/"
WHY_PYTHON = "/why-python"
ACCOUNT = "/account"
MY_PROGRESS = "/me/progress"
MY_NOTES = "/me/notes"
SHARED = "/shared/[share_id]"
PATHS = "/paths"
COMPARE = "/compare"
STACK_BUILDER = "/stack-builder"
REVIEW = "/review"
TOPIC_PREFIX = "/topics/"
NOT_FOUND = "404"


def topic(slug: str) -> str:
    return f"{TOPIC_PREFIX}{slug}"


def path(slug: str) -> str:
    return f"{PATHS}/{slug}"


def comparison(slug: str) -> str:
    return f"{COMPARE}/{slug}"


def shared(share_id: str) -> str:
    return f"/shared/{share_id}"


def static_routes() -> list[str]:
    return [
        HOME,
        WHY_PYTHON,
        ACCOUNT,
        MY_PROGRESS,
        MY_NOTES,
        SHARED,
        PATHS,
        COMPARE,
        STACK_BUILDER,
        REVIEW,
        NOT_FOUND,
    ]
