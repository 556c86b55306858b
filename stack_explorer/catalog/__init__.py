"""Content: Markdown topics validated by a schema, loaded once, synced to the database."""

from stack_explorer.catalog.loader import CONTENT_DIR, ContentError, get_catalog, load_catalog
from stack_explorer.catalog.schema import Catalog, LayerDoc, TopicDoc

__all__ = [
    "CONTENT_DIR",
    "Catalog",
    "ContentError",
    "LayerDoc",
    "TopicDoc",
    "get_catalog",
    "load_catalog",
]
