"""What the search palette searches: one entry per topic, built from the catalog when the
app compiles and shipped to the browser once (see components/topic_combobox.py, which
ranks these entries as the learner types)."""

from stack_explorer import routes
from stack_explorer.catalog import get_catalog


def index_entries() -> list[dict[str, str]]:
    """Every topic with what the palette shows (title, layer, summary) and what it also
    matches on: aliases (plus the slug's words) and key concepts."""
    catalog = get_catalog()
    return [
        {
            "slug": slug,
            "href": routes.topic(slug),
            "title": doc.title,
            "layer": catalog.layer(doc.layer).name,
            "summary": doc.meta.summary,
            "aliases": " ".join([*doc.meta.aliases, slug.replace("-", " ")]),
            "concepts": " ".join(doc.meta.key_concepts),
        }
        for slug, doc in catalog.topics.items()
    ]
