"""Relations between canonical actors as the documents state them, with where each is stated
(document, position, notes) and its grade across the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from sitrep.resolve.picture import relation_grade_codes
from sitrep.store import tables as t
from sitrep.store.store import Store


@dataclass(frozen=True, slots=True)
class RelationFact:
    """One stated relation, its actors resolved to canonical ones (ids and names)."""

    document_id: str
    position: int
    published: date | None
    type: str
    source_id: int | None
    source: str
    target_id: int | None
    target: str
    notes: tuple[int, ...]
    grade: str | None


def stated_relations(store: Store) -> list[RelationFact]:
    """Every relation the documents state (knowledge packs' background aside), in document order."""
    r, d = t.relations.c, t.documents.c
    sa_, ta = t.actors.alias("sa"), t.actors.alias("ta")
    sl, tl = t.actor_links.alias("sl"), t.actor_links.alias("tl")
    sc, tc = t.canonical_actors.alias("sc"), t.canonical_actors.alias("tc")
    query = (sa.select(r.document_id, r.seq, r.type, r.notes, d.published,
                       sl.c.canonical_id.label("source_id"),
                       sa.func.coalesce(sc.c.name, sa_.c.name).label("source"),
                       tl.c.canonical_id.label("target_id"),
                       sa.func.coalesce(tc.c.name, ta.c.name).label("target"))
             .select_from(t.relations.join(t.documents, d.id == r.document_id)
                          .join(sa_, sa_.c.id == r.source_actor_id).join(ta, ta.c.id == r.target_actor_id)
                          .outerjoin(sl, sl.c.actor_id == r.source_actor_id)
                          .outerjoin(sc, sc.c.id == sl.c.canonical_id)
                          .outerjoin(tl, tl.c.actor_id == r.target_actor_id)
                          .outerjoin(tc, tc.c.id == tl.c.canonical_id))
             .where(r.origin == "text")
             .order_by(d.ingested_at, r.document_id, r.seq))
    grades = relation_grade_codes(store)
    with store.connection() as conn:
        rows = conn.execute(query).mappings().all()
    return [RelationFact(row["document_id"], row["seq"], row["published"], row["type"], row["source_id"],
                         row["source"], row["target_id"], row["target"], tuple(row["notes"] or ()),
                         grades.get((row["document_id"], row["seq"])))
            for row in rows]
