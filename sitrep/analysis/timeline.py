"""The timeline: incidents (one event as all its sources report it) in date order, each with its
date written to its precision (2022-03-14, 2022-03, 2022, a range "2022-03-03 – 2022-03-05", a
week "week 2024-01-27 – 2024-02-02"), type, place, who did it to whom, the killed, its independent
sources and grade. Undated incidents come last (never when a date range is asked for).

Read from the ``incidents`` table in SQL, a page at a time (``limit``/``offset``), so that a store of
a million incidents answers a filtered page quickly; the actors of the page's incidents are read
for those incidents only.
"""

from __future__ import annotations

__all__ = ["TimelineEntry", "date_span", "shown_date", "shown_place", "timeline", "timeline_on"]

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from sitrep.analysis.timeline_query import FILTER_ROLES, conditions, date_span
from sitrep.model.dates import format_range
from sitrep.resolve.grading import grade
from sitrep.resolve.picture import IncidentFilter
from sitrep.store import tables as t
from sitrep.store.store import Store


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One incident on the timeline. ``first``/``last`` are the first and last day its date may
    mean (a month-precision incident: the month's first and last day); None when undated."""

    id: int
    key: str
    date: str  # as shown, to its precision; "undated" when none
    date_value: date | None
    date_end: date | None
    date_precision: str | None
    first: date | None
    last: date | None
    type: str
    mode: str | None
    place: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    killed: float | None
    injured: float | None
    sources: int
    grade: str


def timeline(store: Store, where: IncidentFilter | None = None, *, limit: int | None = None,
             offset: int = 0) -> list[TimelineEntry]:
    """Incidents matching ``where`` in date order (then by number), undated last; at most ``limit``
    from the ``offset``-th on."""
    where = where or IncidentFilter()
    with store.connection() as conn:
        return timeline_on(conn, where, limit=limit, offset=offset)


def timeline_on(conn: sa.Connection, where: IncidentFilter, *, limit: int | None = None,
                offset: int = 0) -> list[TimelineEntry]:
    """``timeline`` on an open connection."""
    i = t.incidents.c
    terms = conditions(conn, where)
    # The page's ids first: every column the filters read is in ix_incidents_dates / _types, so the
    # database walks an index in date order and reads the table only for the page's rows.
    dated = (sa.select(i.id).where(i.date_value.is_not(None), *terms)
             .order_by(i.date_value, i.id).offset(offset))
    if limit is not None:
        dated = dated.limit(limit)
    ids = list(conn.execute(dated).scalars())
    rows = _rows(conn, ids)
    if not (where.since or where.until) and (limit is None or len(rows) < limit):
        # Undated incidents follow the dated ones: skip as many as the offset reaches past them.
        skipped = 0
        if offset and not rows:
            count = (sa.select(sa.func.count()).select_from(t.incidents)
                     .where(i.date_value.is_not(None), *terms))
            skipped = offset - int(conn.execute(count).scalar() or 0)
        undated = (sa.select(t.incidents).where(i.date_value.is_(None), *terms)
                   .order_by(i.id).offset(max(skipped, 0)))
        if limit is not None:
            undated = undated.limit(limit - len(rows))
        rows.extend(conn.execute(undated).mappings())
    people = _people(conn, [row["id"] for row in rows])
    return [_entry(row, people.get(row["id"], {})) for row in rows]


def _rows(conn: sa.Connection, ids: list[int]) -> list[sa.RowMapping]:
    """The incidents numbered ``ids``, in that order."""
    found: dict[int, sa.RowMapping] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update((row["id"], row) for row in
                     conn.execute(sa.select(t.incidents).where(t.incidents.c.id.in_(chunk))).mappings())
    return [found[n] for n in ids]


def _people(conn: sa.Connection, incident_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    """incident id → role → the canonical names (the name as written where none is linked) of the
    actors its reports name in that role, in the order first named (reports in the order stored)."""
    if not incident_ids:
        return {}
    ie, r, a, link, c = (t.incident_events.c, t.event_roles.c, t.actors.c, t.actor_links.c,
                         t.canonical_actors.c)
    e, d = t.events.c, t.documents.c
    found: dict[int, dict[str, list[str]]] = {}
    for start in range(0, len(incident_ids), 500):
        chunk = incident_ids[start:start + 500]
        query = (sa.select(ie.incident_id, r.role, sa.func.coalesce(c.name, a.name).label("name"))
                 .select_from(t.incident_events.join(t.events, e.id == ie.event_id)
                              .join(t.documents, d.id == e.document_id)
                              .join(t.event_roles, r.event_id == ie.event_id)
                              .join(t.actors, a.id == r.actor_id)
                              .outerjoin(t.actor_links, link.actor_id == a.id)
                              .outerjoin(t.canonical_actors, c.id == link.canonical_id))
                 .where(ie.incident_id.in_(chunk), r.role.in_(FILTER_ROLES))
                 .order_by(ie.incident_id, d.ingested_at, d.id, e.seq, r.role, r.position))
        for incident_id, role, name in conn.execute(query):
            names = found.setdefault(incident_id, {}).setdefault(
                "actor" if role == "claimed_by" else role, [])
            if name.casefold() not in (n.casefold() for n in names):
                names.append(name)
    return found


def _entry(row: sa.RowMapping, people: dict[str, list[str]]) -> TimelineEntry:
    first, last = date_span(row["date_value"], row["date_end"], row["date_precision"])
    return TimelineEntry(
        id=row["id"], key=row["key"],
        date=shown_date(row["date_value"], row["date_end"], row["date_precision"]),
        date_value=row["date_value"], date_end=row["date_end"], date_precision=row["date_precision"],
        first=first, last=last, type=row["type"], mode=row["mode"], place=shown_place(row),
        actors=tuple(people.get("actor", ())), recipients=tuple(people.get("recipient", ())),
        killed=row["killed"], injured=row["injured"], sources=row["sources"], grade=grade(row),
    )


def shown_date(value: date | None, end: date | None, precision: str | None) -> str:
    """The date as a person should read it: to its precision, a range with its two ends."""
    if value is None:
        return "undated"
    if precision == "week":
        first, last = date_span(value, end, precision)
        assert first is not None and last is not None
        return f"week {first.isoformat()} – {last.isoformat()}"
    return format_range(value, end, precision)


def shown_place(row: Any) -> str:
    """'Afgooye, Lower Shabeelle, SO': the parts known, without repeats."""
    parts = [row["place_name"], row["place_admin1"], row["place_country"]]
    out: list[str] = []
    for part in parts:
        if part and part not in out:
            out.append(part)
    return ", ".join(out)
