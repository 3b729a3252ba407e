"""Incidents counted per series and period, kept at rebuild, so that judging every series of the
store (`sitrep alerts` with no filter) reads a few thousand rows instead of every incident.

A series is an actor (canonical, as actor or claimant of any report: ``incident_actors``) or a
(country, province) cell; counts are kept per type and per period (week and month), by the same
rule as the queries that count on the fly (``period_of_keys``: an incident counts in a period
only when all its date may mean lies within it). ``alerts`` uses them when it judges the whole
store for all time, and counts on the fly when a filter or a date range is given.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import sqlalchemy as sa

from sitrep.analysis.timeline_query import PERIODS, period_columns, period_of_row
from sitrep.store import tables as t


def rebuild_series_counts(conn: sa.Connection) -> int:
    """``series_counts`` rebuilt whole from ``incidents`` and ``incident_actors``; the rows written."""
    conn.execute(sa.delete(t.series_counts))
    rows: list[dict[str, Any]] = []
    for by in PERIODS:
        rows += [{"by": by, "kind": "actor", "series": str(actor), "area": None, "type": kind,
                  "period": period, "n": n}
                 for (actor, kind, period), n in _counted(conn, by, actor=True).items()]
        rows += [{"by": by, "kind": "place", "series": country, "area": admin1, "type": kind,
                  "period": period, "n": n}
                 for (country, admin1, kind, period), n in _counted(conn, by, actor=False).items()]
    for start in range(0, len(rows), 5000):
        conn.execute(sa.insert(t.series_counts), rows[start:start + 5000])
    return len(rows)


def _counted(conn: sa.Connection, by: str, *, actor: bool) -> Counter[tuple[Any, ...]]:
    i, who = t.incidents.c, t.incident_actors.c
    dates = period_columns(by)  # type: ignore[arg-type]
    if actor:
        keys: tuple[Any, ...] = (who.canonical_id, i.type)
        source: Any = t.incident_actors.join(t.incidents, i.id == who.incident_id)
        where = [i.date_value.is_not(None)]
    else:
        keys = (i.place_country, i.place_admin1, i.type)
        source = t.incidents
        where = [i.date_value.is_not(None), sa.or_(i.place_country.is_not(None), i.place_admin1.is_not(None))]
    query = (sa.select(*keys, *dates, sa.func.count()).select_from(source).where(*where)
             .group_by(*keys, *dates))
    counted: Counter[tuple[Any, ...]] = Counter()
    for row in conn.execute(query).tuples():
        *series, first_key, last_key, precision, day, n = row
        found = period_of_row(first_key, last_key, precision, day, by)  # type: ignore[arg-type]
        if found is not None:
            counted[(*series, found)] += int(n)
    return counted
