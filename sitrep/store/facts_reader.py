"""Reading extraction's facts back as the model's value objects (Event, Relation, Quote, ActorRef)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa

from sitrep.errors import NotFound
from sitrep.model.facts import (
    ActorRef,
    Attribution,
    DateValue,
    Event,
    Extraction,
    Mention,
    Place,
    Quantity,
    Quote,
    Relation,
)
from sitrep.model.span import Span
from sitrep.store import tables as t

Refs = Mapping[int, ActorRef]  # actor_mentions.id → the ActorRef it stores
Roles = Mapping[str, Sequence[sa.RowMapping]]  # event id → its event_roles rows


def has_extraction(conn: sa.Connection, document_id: str) -> bool:
    x = t.extractions.c
    return conn.execute(sa.select(x.document_id).where(x.document_id == document_id)).first() is not None


def read_extraction(conn: sa.Connection, document_id: str) -> Extraction:
    """The Extraction stored for ``document_id``, exactly as it was written.

    Raises NotFound when the document was never extracted (or is not stored).
    """
    if not has_extraction(conn, document_id):
        raise NotFound(
            f"document {document_id!r} has no stored extraction; run `sitrep extract {document_id}`"
        )
    listed, refs = actor_mentions(conn, document_id)
    roles = event_roles(conn, document_id)
    return Extraction(
        document_id=document_id,
        events=tuple(
            event_from_row(r, roles.get(r["id"], ()), refs) for r in _rows(conn, t.events, document_id)
        ),
        relations=tuple(relation_from_row(r, refs) for r in _rows(conn, t.relations, document_id)),
        quotes=tuple(quote_from_row(r, refs) for r in _rows(conn, t.quotes, document_id)),
        actors=listed,
        mentions=tuple(
            Mention(r["kind"], _span(r), r["text"], r["label"], r["key"])
            for r in _rows(conn, t.mentions, document_id)
        ),
    )


def actor_mentions(conn: sa.Connection, document_id: str) -> tuple[tuple[ActorRef, ...], dict[int, ActorRef]]:
    """(the document's Extraction.actors in order, every stored actor mention by its row id)."""
    m, a = t.actor_mentions.c, t.actors.c
    query = (
        sa.select(m.id, m.seq, m.text, m.start, m.end, a.name, a.kind, a.country, a.pack_id, a.role, a.origin)
        .select_from(t.actor_mentions.join(t.actors, m.actor_id == a.id))
        .where(m.document_id == document_id)
        .order_by(m.id)
    )
    refs: dict[int, ActorRef] = {}
    listed: list[tuple[int, ActorRef]] = []
    for r in conn.execute(query).mappings():
        ref = ActorRef(
            text=r["text"],
            span=_span(r),
            name=r["name"],
            kind=r["kind"],
            country=r["country"],
            actor_id=r["pack_id"],
            role=r["role"],
            origin=r["origin"],
        )
        refs[r["id"]] = ref
        if r["seq"] is not None:
            listed.append((r["seq"], ref))
    return tuple(ref for _, ref in sorted(listed, key=lambda item: item[0])), refs


def event_roles(conn: sa.Connection, document_id: str) -> dict[str, list[sa.RowMapping]]:
    """The role rows of every event of ``document_id``, by event id."""
    r, e = t.event_roles.c, t.events.c
    query = (
        sa.select(t.event_roles)
        .select_from(t.event_roles.join(t.events, r.event_id == e.id))
        .where(e.document_id == document_id)
        .order_by(r.event_id, r.role, r.position)
    )
    roles: dict[str, list[sa.RowMapping]] = defaultdict(list)
    for row in conn.execute(query).mappings():
        roles[row["event_id"]].append(row)
    return roles


def event_from_row(row: Mapping[Any, Any], roles: Sequence[Mapping[Any, Any]], refs: Refs) -> Event:
    """The Event an ``events`` row and its ``event_roles`` rows store."""
    by_role: dict[str, dict[int, Mapping[Any, Any]]] = defaultdict(dict)
    for role in roles:
        by_role[role["role"]][role["position"]] = role

    def named(role: str) -> tuple[ActorRef, ...]:
        return tuple(refs[r["mention_id"]] for _, r in sorted(by_role[role].items()))

    attributed = tuple(
        Attribution(
            actor=refs[r["mention_id"]],
            by=refs[by_role["attributed_by"][position]["mention_id"]]
            if position in by_role["attributed_by"]
            else None,
            text=r["text"] if r["text"] is not None else "",
        )
        for position, r in sorted(by_role["attributed_to"].items())
    )
    return Event(
        type=row["type"],
        trigger=row["trigger"],
        trigger_span=_span(row, "trigger_"),
        sentence=_span(row, "sentence_"),
        mode=row["mode"],
        acled=(row["acled_event_type"], row["acled_sub_event_type"]) if row["acled_event_type"] else None,
        actors=named("actor"),
        recipients=named("recipient"),
        claimed_by=named("claimed_by"),
        attributed_to=attributed,
        weapon=row["weapon"],
        date=_date(row),
        place=_place(row),
        quantities=tuple(
            Quantity(**{**q, "span": Span(q["span"]["start"], q["span"]["end"])}) for q in row["quantities"]
        ),
        status=row["status"],
        notes=tuple(row["notes"]),
        context=tuple(row["context"]),
        origin=row["origin"],
        site=Place(row["site_text"], Span(row["site_start"], row["site_end"]))
        if row["site_text"] is not None else None,
    )


def relation_from_row(row: Mapping[Any, Any], refs: Refs) -> Relation:
    return Relation(
        source=refs[row["source_mention_id"]],
        type=row["type"],
        target=refs[row["target_mention_id"]],
        span=_span(row),
        sentence=_span(row, "sentence_"),
        notes=tuple(row["notes"]),
        origin=row["origin"],
    )


def quote_from_row(row: Mapping[Any, Any], refs: Refs) -> Quote:
    speaker = row["speaker_mention_id"]
    return Quote(
        text=row["text"],
        span=_span(row),
        sentence=_span(row, "sentence_"),
        speaker=refs[speaker] if speaker is not None else None,
        notes=tuple(row["notes"]),
    )


def _date(row: Mapping[Any, Any]) -> DateValue | None:
    if row["date_text_start"] is None:
        return None
    fields = {name: row[f"date_{name}"] for name in t.DATE_FIELDS}
    return DateValue(**{**fields, "future": bool(fields["future"])}, span=_span(row, "date_text_"))


def _place(row: Mapping[Any, Any]) -> Place | None:
    if row["place_text_start"] is None:
        return None
    return Place(**{name: row[f"place_{name}"] for name in t.PLACE_FIELDS}, span=_span(row, "place_text_"))


def _rows(conn: sa.Connection, table: sa.Table, document_id: str) -> list[sa.RowMapping]:
    query = sa.select(table).where(table.c.document_id == document_id).order_by(table.c.seq)
    return list(conn.execute(query).mappings())


def _span(row: Mapping[Any, Any], prefix: str = "") -> Span:
    return Span(row[f"{prefix}start"], row[f"{prefix}end"])
