"""Copies the catalog into the Layer and Topic tables. Idempotent: a second
run changes nothing. Topics are never deleted, so progress on them survives."""

from dataclasses import dataclass, field

from sqlmodel import Session, select

from stack_explorer.catalog.schema import Catalog
from stack_explorer.models import Layer, Topic
from stack_explorer.services.progress import forget_topic_ids


@dataclass
class SyncReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.renamed or self.retired)

    def __str__(self) -> str:
        parts = [f"{len(v)} {k}" for k, v in vars(self).items()]
        return "content sync: " + ", ".join(parts)


def _assign(row, values: dict) -> bool:
    """Set the fields that differ; report whether anything did."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _sync_layers(session: Session, catalog: Catalog) -> dict[str, int]:
    rows = {row.slug: row for row in session.exec(select(Layer))}
    for layer in catalog.layers:
        row = rows.get(layer.slug) or Layer(slug=layer.slug, name=layer.name)
        if _assign(row, {"name": layer.name, "position": layer.order}) or row.id is None:
            session.add(row)
        rows[layer.slug] = row
    session.flush()
    return {slug: row.id for slug, row in rows.items()}


def sync_catalog(*, session: Session, catalog: Catalog) -> SyncReport:
    """Upsert layers and topics by slug; retire topics whose file is gone."""
    report = SyncReport()
    layer_ids = _sync_layers(session, catalog)
    rows = {row.slug: row for row in session.exec(select(Topic))}
    for doc in catalog.topics.values():
        row = rows.get(doc.slug)
        if row is None:
            old = next((rows[s] for s in doc.meta.renamed_from if s in rows), None)
            if old is not None:
                report.renamed.append(f"{old.slug} -> {doc.slug}")
                rows.pop(old.slug)
                old.slug = doc.slug
                row = old
        values = {
            "title": doc.title,
            "summary": doc.meta.summary,
            "layer_id": layer_ids[doc.layer],
            "position": doc.meta.order,
            "active": True,
        }
        if row is None:
            row = Topic(slug=doc.slug, **values)
            report.created.append(doc.slug)
            session.add(row)
        elif _assign(row, values):
            report.updated.append(doc.slug)
            session.add(row)
        rows[doc.slug] = row
    for slug, row in rows.items():
        if slug not in catalog.topics and row.active:
            row.active = False
            report.retired.append(slug)
            session.add(row)
    session.commit()
    forget_topic_ids()  # ids of active topics may have changed
    return report
