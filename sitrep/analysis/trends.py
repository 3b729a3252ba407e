"""Trends: how many incidents, and how many killed, per week or month, with the periods that had
none shown as 0. Counted by the database (GROUP BY over ``incidents``), so that one attack
reported five times counts once and a million incidents are counted in well under a second.

How imprecise dates count. An incident counts in a period only when the whole of what its date may
mean lies within that period: a day in its week and month; a month-precision incident in its
month; a stated range ("3 to 5 March") in the period that holds both ends. An incident whose date
is coarser than the period (a month or a year in weekly trends, a year in monthly ones) or whose
range crosses a period boundary (a "week up to 2 February" that starts in January) is counted in no
period and reported as ``imprecise``, so that the totals say what they leave out; ``undated``
likewise. Spreading such an incident over the periods it might fall in would invent counts nobody
reported; putting it on its first day would invent an escalation at the start of every month.

Killed is the sum of each incident's most conservative figure (ACLED's rule); an incident with no
figure adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from sitrep.analysis.timeline_query import (
    Period,
    as_date,
    check_period,
    conditions,
    day_text,
    key_of,
    period_end,
    period_label,
    period_of,
    period_start,
)
from sitrep.resolve.picture import IncidentFilter
from sitrep.store import tables as t
from sitrep.store.store import Store


@dataclass(frozen=True, slots=True)
class TrendPeriod:
    label: str  # 2024-01, 2024-W05
    start: date
    end: date
    incidents: int
    killed: float


@dataclass(frozen=True, slots=True)
class Trend:
    by: str
    where: IncidentFilter
    periods: tuple[TrendPeriod, ...]
    imprecise: int  # matched, but dated too coarsely for one period (see the module's docstring)
    undated: int

    @property
    def incidents(self) -> int:
        return sum(p.incidents for p in self.periods)

    @property
    def killed(self) -> float:
        return sum(p.killed for p in self.periods)


def trends(store: Store, where: IncidentFilter | None = None, *, by: str = "month") -> Trend:
    """Counts and killed per ``by`` (week or month) of the incidents matching ``where``, from the
    first period with any (or ``since``) to the last (or ``until``)."""
    where = where or IncidentFilter()
    period = check_period(by)
    with store.connection() as conn:
        return trends_on(conn, where, period)


def trends_on(conn: sa.Connection, where: IncidentFilter, by: Period) -> Trend:
    i = t.incidents.c
    terms = conditions(conn, where)
    # Grouped by the columns of ix_incidents_dates, in its order: the index alone, no sort.
    query = (sa.select(day_text(i.date_value), day_text(i.date_end), i.date_precision,
                       sa.func.count().label("n"), sa.func.coalesce(sa.func.sum(i.killed), 0).label("killed"))
             .where(i.date_value.is_not(None), *terms)
             .group_by(i.date_value, i.date_end, i.date_precision))
    counts: dict[int, list[float]] = {}
    imprecise = 0
    for value, end, precision, n, killed in conn.execute(query):
        key = period_of(as_date(value), as_date(end), precision, by)
        if key is None:
            imprecise += int(n)
            continue
        cell = counts.setdefault(key, [0, 0.0])
        cell[0] += int(n)
        cell[1] += float(killed)
    undated = 0
    if not (where.since or where.until):
        undated = int(conn.execute(sa.select(sa.func.count()).select_from(t.incidents)
                                   .where(i.date_value.is_(None), *terms)).scalar() or 0)
    keys = period_range(counts, by, where.since, where.until)
    periods = tuple(TrendPeriod(period_label(k, by), period_start(k, by), period_end(k, by),
                                int(counts.get(k, (0, 0.0))[0]), float(counts.get(k, (0, 0.0))[1]))
                    for k in keys)
    return Trend(by, where, periods, imprecise, undated)


def period_range(keys: Iterable[int], by: Period, since: date | None, until: date | None) -> range:
    """Every period from ``since`` (else the first of ``keys``) to ``until`` (else the last)."""
    known = sorted(keys)
    if not known and not (since and until):
        return range(0)
    first = key_of(since, by) if since else known[0]
    last = key_of(until, by) if until else known[-1]
    return range(first, last + 1)
