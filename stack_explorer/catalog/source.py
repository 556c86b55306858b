"""Where a topic's Markdown can be edited: "Suggest an edit" links to it when the
operator sets STACK_EXPLORER_SOURCE_URL to the repository's file view, for example
https://github.com/owner/stack-explorer/blob/main (read when the app is built)."""

import os
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def edit_url(file_path: str) -> str | None:
    base = os.environ.get("STACK_EXPLORER_SOURCE_URL", "").strip().rstrip("/")
    if not base:
        return None
    try:
        relative = Path(file_path).resolve().relative_to(REPOSITORY_ROOT)
    except ValueError:  # a content directory outside the repository
        return None
    return f"{base}/{relative.as_posix()}"
