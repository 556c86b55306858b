"""Text a learner types, checked once for what the databases cannot store."""

import re

from stack_explorer.services.errors import InvalidRequest

# NUL (PostgreSQL refuses it in text) and lone UTF-16 surrogates (no database can
# encode them). Everything else a keyboard or a paste produces is stored as it is.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str, what: str) -> str:
    """`text` unchanged, or InvalidRequest naming `what` when it cannot be stored."""
    if _UNSTORABLE.search(text):
        raise InvalidRequest(
            f"{what} contains an invisible control character that cannot be saved "
            "(often from a paste). Remove it and it will save."
        )
    return text
