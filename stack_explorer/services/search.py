"""Searching the catalog by name, alias, key concept and summary (in memory, no database)."""

import functools
import re

from stack_explorer.catalog import get_catalog

MAX_RESULTS = 8
# Where a match counts most: a name beats an alias beats a key concept beats the summary.
WEIGHTS = (("title", 8), ("aliases", 5), ("concepts", 3), ("summary", 1))


@functools.cache
def _index() -> list[tuple[str, dict[str, str]]]:
    entries = []
    for slug, doc in get_catalog().topics.items():
        fields = {
            "title": doc.title.lower(),
            "aliases": " ".join(doc.meta.aliases).lower() + " " + slug.replace("-", " "),
            "concepts": " ".join(doc.meta.key_concepts).lower(),
            "summary": doc.meta.summary.lower(),
        }
        entries.append((slug, fields))
    return entries


def search(query: object) -> list[dict[str, str]]:
    """Topics matching every word of the query, best first."""
    if not isinstance(query, str):
        return []
    words = re.findall(r"[\w+#.-]+", query.lower())[:8]
    if not words:
        return []
    scored = []
    for slug, fields in _index():
        score = 0
        for word in words:
            # A word matches the start of a word ("orm" finds "ORM", not "platform").
            starts_a_word = re.compile(r"(?<![a-z0-9])" + re.escape(word))
            hits = [weight for name, weight in WEIGHTS if starts_a_word.search(fields[name])]
            if not hits:
                break
            score += max(hits) + (4 if fields["title"].startswith(word) else 0)
        else:
            scored.append((-score, slug))
    topics = get_catalog().topics
    return [
        {
            "slug": slug,
            "title": topics[slug].title,
            "summary": topics[slug].meta.summary,
            "layer": get_catalog().layer(topics[slug].layer).name,
        }
        for _, slug in sorted(scored)[:MAX_RESULTS]
    ]
