"""Warnings about topics a learner following paths would never reach: every topic is on
at least one learning path, or says in `off_path` why not."""

from stack_explorer.catalog.schema import Catalog


def unreached_topics(catalog: Catalog) -> list[str]:
    on_a_path = {slug for path in catalog.paths.values() for slug in path.topics}
    return [
        f"{doc.path}: off_path: the topic is on no learning path; add it to one, or say "
        "why not in off_path"
        for slug, doc in sorted(catalog.topics.items())
        if slug not in on_a_path and not doc.meta.off_path
    ]
