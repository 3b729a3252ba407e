"""Escalation alerts: the periods in which violence by one actor, or in one place, rises well above
that series' own recent level; each marked against the user's milestones, so that "escalation
ahead of a decision point" can be checked against the data.

The series. Incidents (one event however many sources report it) of the violent types (ASSAULT
unless told otherwise), counted per week or month as ``sitrep trends`` counts them (an incident
dated too coarsely for one period counts in none). One series per canonical actor, counting the
incidents it did (actor or claimed-by role in any report; an incident counts once however many
reports name it), one per province (admin1) and one per country.

The rule. For each period t of a series with counts c:

- baseline λ = the mean of the ``window`` periods before t (default 8; at least ``min_history``
  periods, default 4, must come before t, so a series' first periods are never judged), floored at
  ``floor`` (default 0.5 incidents a period), so that a series that was quiet is not judged against
  zero: with λ = 0 any single incident would be infinitely unlikely;
- the count must be at least ``min_count`` (default 3): a first-ever incident, or two, is news but not
  an escalation by itself;
- p = P(X ≥ c | baseline), the upper tail. X is Poisson(λ) (``scipy.stats.poisson.sf(c - 1, λ)``)
  when the window's sample variance s² is at most its mean; when the window is overdispersed
  (s² > λ: bursts and lulls, common in conflict data) X is negative binomial with the same mean and
  the window's variance (method of moments: n = λ² / (s² − λ), p = n / (n + λ);
  ``scipy.stats.nbinom.sf(c - 1, n, p)``), whose fatter tail does not flag a burst like the ones the
  series already had;
- the period is an alert when p < ``alpha`` (default 0.01).

An alert period stays in the baseline of the periods after it, so a sustained new level stops
alerting once it is the norm. With many series and periods, about ``alpha`` of the quiet ones would
pass by chance under the Poisson model: read an alert as "look here", with its p-value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import sqlalchemy as sa

from sitrep.analysis.milestones import Milestone, Nearest, load, nearest
from sitrep.analysis.timeline_query import (
    Period,
    check_filter,
    check_period,
    has_text,
    key_of,
    period_columns,
    period_end,
    period_label,
    period_of_row,
    period_start,
)
from sitrep.errors import SitrepError
from sitrep.resolve.picture import PERPETRATOR_ROLES, IncidentFilter
from sitrep.store import tables as t
from sitrep.store.store import Store

VIOLENT_TYPES: tuple[str, ...] = ("ASSAULT",)


@dataclass(frozen=True, slots=True)
class AlertRule:
    """The rule's parameters (see the module's docstring)."""

    window: int = 8
    min_history: int = 4
    floor: float = 0.5
    min_count: int = 3
    alpha: float = 0.01

    def __post_init__(self) -> None:
        if self.window < 1 or not 1 <= self.min_history <= self.window:
            raise SitrepError(f"window {self.window} and min_history {self.min_history}: need "
                              "1 <= min_history <= window")
        if self.floor <= 0:
            raise SitrepError(f"floor {self.floor}: the baseline's floor must be above 0")
        if not 0 < self.alpha < 1:
            raise SitrepError(f"alpha {self.alpha}: a probability between 0 and 1 (e.g. 0.01)")
        if self.min_count < 1:
            raise SitrepError(f"min_count {self.min_count}: at least 1")


@dataclass(frozen=True, slots=True)
class Judgement:
    """One period a series alerts in: its index in the series, the count, the baseline (λ, after the
    floor), the window's variance, the test used and P(X ≥ count)."""

    index: int
    count: int
    baseline: float
    variance: float
    test: str  # poisson | negative binomial
    p_value: float


def detect(counts: Sequence[int], rule: AlertRule | None = None) -> list[Judgement]:
    """The periods of ``counts`` (one series, every period, zeros included) that the rule flags."""
    rule = rule or AlertRule()
    c = np.asarray(counts, dtype=float)
    if c.size == 0:
        return []
    sums = np.concatenate(([0.0], np.cumsum(c)))
    squares = np.concatenate(([0.0], np.cumsum(c * c)))
    index = np.arange(c.size)
    begin = np.maximum(0, index - rule.window)
    n = (index - begin).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (sums[index] - sums[begin]) / n
        variance = ((squares[index] - squares[begin]) - n * mean * mean) / (n - 1)
    variance = np.where(n > 1, np.maximum(variance, 0.0), 0.0)
    baseline = np.maximum(np.nan_to_num(mean), rule.floor)
    candidates = np.flatnonzero((n >= rule.min_history) & (c >= rule.min_count) & (c > baseline))
    found = []
    for at in candidates:
        lam, var, count = float(baseline[at]), float(variance[at]), int(c[at])
        if var > lam:
            size = lam * lam / (var - lam)
            p_value, test = negative_binomial_tail(count, size, size / (size + lam)), "negative binomial"
        else:
            p_value, test = poisson_tail(count, lam), "poisson"
        if p_value < rule.alpha:
            found.append(Judgement(int(at), count, lam, var, test, p_value))
    return found


def poisson_tail(count: int, mean: float) -> float:
    """P(X >= count), X ~ Poisson(mean): ``scipy.stats.poisson.sf(count - 1, mean)``, computed as the
    regularized incomplete gamma P(count, mean) (scipy.special loads in half the time of scipy.stats)."""
    from scipy.special import gammainc

    return 1.0 if count <= 0 else float(gammainc(count, mean))


def negative_binomial_tail(count: int, size: float, p: float) -> float:
    """P(X >= count), X ~ NB(size, p): ``scipy.stats.nbinom.sf(count - 1, size, p)``, computed as the
    regularized incomplete beta I(1 - p; count, size)."""
    from scipy.special import betainc

    return 1.0 if count <= 0 else float(betainc(count, size, 1.0 - p))


@dataclass(frozen=True, slots=True)
class Alert:
    """A period in which one series rose well above its baseline, and the milestones near it."""

    kind: str  # actor | admin1 | country
    series: str
    period: str
    start: date
    end: date
    count: int
    baseline: float
    test: str
    p_value: float
    milestones: Nearest

    @property
    def near(self) -> str:
        return self.milestones.describe()


@dataclass(frozen=True, slots=True)
class AlertReport:
    by: str
    types: tuple[str, ...]
    rule: AlertRule
    series: int  # how many series were judged
    periods: int  # how many periods each spans
    first: date | None
    last: date | None
    alerts: tuple[Alert, ...]
    milestones: tuple[Milestone, ...] = field(default=())


def alerts(store: Store, *, by: str = "month", actor: str | None = None, place: str | None = None,
           types: Sequence[str] = VIOLENT_TYPES, since: date | None = None, until: date | None = None,
           rule: AlertRule | None = None, kinds: Sequence[str] | None = None,
           use_kept: bool = True) -> AlertReport:
    """Judge every actor and place series (only the actors named ``actor`` when it is given, only
    the provinces and countries matching ``place`` when that is; only the ``kinds`` of series,
    "actor" and/or "place", when given) over ``since``..``until``. The whole store for all time
    reads the counts kept at rebuild (``series_counts``) unless ``use_kept`` is false."""
    period = check_period(by)
    rule = rule or AlertRule()
    if kinds is None:
        kinds = ("actor", "place") if not (actor or place) else (
            (("actor",) if actor else ()) + (("place",) if place else ()))
    unknown = set(kinds) - {"actor", "place"}
    if unknown:
        raise SitrepError(f"series {', '.join(sorted(unknown))}: give actor or place")
    types = tuple(x.upper() for x in types)
    if not types:
        raise SitrepError("no event type to count: give at least one (ASSAULT, …)")
    for kind in types:
        check_filter(IncidentFilter(type=kind, since=since, until=until))
    with store.connection() as conn:
        whole = use_kept and not (actor or place or since or until)
        kept = _kept_series(conn, period, types, kinds) if whole else None
        series: dict[tuple[str, str], dict[int, int]] = kept or {}
        if kept is None and "actor" in kinds:
            series.update(_actor_series(conn, period, types, actor, since, until))
        if kept is None and "place" in kinds:
            series.update(_place_series(conn, period, types, place, since, until))
        marks = load(conn)
    keys = [k for counts in series.values() for k in counts]
    if not keys and not (since and until):
        return AlertReport(by, types, rule, len(series), 0, since, until, (), tuple(marks))
    first = key_of(since, period) if since else min(keys)
    last = key_of(until, period) if until else max(keys)
    found = []
    for (kind, name), counts in series.items():
        values = [counts.get(k, 0) for k in range(first, last + 1)]
        for judged in detect(values, rule):
            key = first + judged.index
            start, end = period_start(key, period), period_end(key, period)
            found.append(Alert(kind, name, period_label(key, period), start, end, judged.count,
                               judged.baseline, judged.test, judged.p_value, nearest(marks, start, end)))
    found.sort(key=lambda a: (a.start, a.p_value, a.kind, a.series))
    return AlertReport(by, types, rule, len(series), last - first + 1, period_start(first, period),
                       period_end(last, period), tuple(found), tuple(marks))


def _dated(types: tuple[str, ...], since: date | None, until: date | None) -> list[sa.ColumnElement[bool]]:
    i = t.incidents.c
    terms = [i.date_value.is_not(None), i.type.in_(types)]
    if since:
        terms.append(i.date_value >= since)
    if until:
        terms.append(sa.func.coalesce(i.date_end, i.date_value) <= until)
    return terms


def _actor_series(conn: sa.Connection, by: Period, types: tuple[str, ...], actor: str | None,
                  since: date | None, until: date | None) -> dict[tuple[str, str], dict[int, int]]:
    i, ie, r, link, c = (t.incidents.c, t.incident_events.c, t.event_roles.c, t.actor_links.c,
                         t.canonical_actors.c)
    columns = period_columns(by)
    rows: list[Any] = []
    if actor:
        # One actor's incidents found from its side: canonical actor → its references → their roles
        # → their reports' incidents, each step by an index; then only those incidents are read.
        for canonical_id, name in conn.execute(sa.select(c.id, c.name).where(_naming(actor)).order_by(c.id)):
            references = sa.select(link.actor_id).where(link.canonical_id == canonical_id)
            events = sa.select(r.event_id).where(r.actor_id.in_(references), r.role.in_(PERPETRATOR_ROLES))
            reports = sa.select(ie.incident_id).where(ie.event_id.in_(events))
            query = (sa.select(*columns, sa.func.count().label("n"))
                     .where(i.id.in_(reports), *_dated(types, since, until))
                     .group_by(*columns))
            rows.extend(_ActorRow(canonical_id, name, row.first, row.last, row.date_precision, row.exact,
                                  row.n) for row in conn.execute(query))
    else:
        # Every actor: who did each incident is kept at rebuild (``incident_actors``: each canonical
        # actor any report names as actor or claimant, once), so this is one indexed join.
        who = t.incident_actors.c
        query = (sa.select(c.id, c.name, *columns, sa.func.count().label("n"))
                 .select_from(t.incident_actors.join(t.incidents, i.id == who.incident_id)
                              .join(t.canonical_actors, c.id == who.canonical_id))
                 .where(*_dated(types, since, until))
                 .group_by(c.id, c.name, *columns))
        rows = list(conn.execute(query).all())
    series: dict[tuple[str, str], dict[int, int]] = {}
    names: dict[int, str] = {}
    for row in rows:
        names.setdefault(row.id, row.name)
    shared = {name for name, times in Counter(names.values()).items() if times > 1}
    for row in rows:
        label = f"{row.name} (#{row.id})" if row.name in shared else row.name
        found = period_of_row(row.first, row.last, row.date_precision, row.exact, by)
        if found is not None:
            counts = series.setdefault(("actor", label), {})
            counts[found] = counts.get(found, 0) + int(row.n)
    if actor and not rows and conn.execute(sa.select(c.id).where(_naming(actor)).limit(1)).first() is None:
            raise SitrepError(f"actor {actor!r}: no canonical actor is named so (give part of a name as "
                              "`sitrep actors` lists them, or a pack id)")
    return series


@dataclass(frozen=True, slots=True)
class _ActorRow:
    id: int
    name: str
    first: Any
    last: Any
    date_precision: str | None
    exact: Any
    n: int


def _naming(actor: str) -> sa.ColumnElement[bool]:
    c = t.canonical_actors.c
    return sa.or_(sa.func.lower(c.name).contains(actor.lower(), autoescape=True), c.pack_id == actor,
                  c.key == actor)


def _place_series(conn: sa.Connection, by: Period, types: tuple[str, ...], place: str | None,
                  since: date | None, until: date | None) -> dict[tuple[str, str], dict[int, int]]:
    i = t.incidents.c
    columns = period_columns(by)  # grouped by period in SQL
    query = (sa.select(i.place_country, i.place_admin1, *columns, sa.func.count())
             .where(*_dated(types, since, until),
                    sa.or_(i.place_country.is_not(None), i.place_admin1.is_not(None)))
             .group_by(i.place_country, i.place_admin1, *columns))
    if place:
        query = query.where(sa.or_(has_text(conn, i.place_admin1, place), i.place_country == place.upper()))
    # Counted per (country, province) first; the country's series is then the sum of its provinces'.
    cells: dict[tuple[str | None, str | None], dict[int, int]] = {}
    for country, admin1, first_key, last_key, precision, day, n in conn.execute(query).all():
        found = period_of_row(first_key, last_key, precision, day, by)
        if found is not None:
            counts = cells.get((country, admin1))
            if counts is None:
                counts = cells[(country, admin1)] = {}
            counts[found] = counts.get(found, 0) + n
    series = _place_named(cells, place)
    if place and not series:
        known = conn.execute(sa.select(sa.func.count()).select_from(t.incidents)
                             .where(i.place_country == place.upper())).scalar()
        if not known and not _admin1_known(conn, place):
            raise SitrepError(f"place {place!r}: no incident's province or country matches it (give "
                              "part of a province's name or a country code as `sitrep incidents` lists them)")
    return series


def _place_named(cells: dict[tuple[str | None, str | None], dict[int, int]], place: str | None
                 ) -> dict[tuple[str, str], dict[int, int]]:
    """The province and country series of (country, province) cells (a country's series is the sum of
    its provinces'), only those matching ``place`` when it is given."""
    needle = (place or "").casefold()
    series: dict[tuple[str, str], dict[int, int]] = {}
    for (country, admin1), counts in cells.items():
        names = []
        if admin1 and (not needle or needle in admin1.casefold()):
            names.append(("admin1", f"{admin1}, {country}" if country else admin1))
        if country and (not needle or needle == country.casefold()):
            names.append(("country", country))
        for name in names:
            total = series.setdefault(name, {})
            for key, n in counts.items():
                total[key] = total.get(key, 0) + n
    return series


def _kept_series(conn: sa.Connection, by: Period, types: tuple[str, ...], kinds: Sequence[str]
                 ) -> dict[tuple[str, str], dict[int, int]] | None:
    """Every actor and place series from the counts kept at rebuild (``series_counts``); None when
    none were kept for ``by`` (a store not rebuilt since revision 0006)."""
    sc, c = t.series_counts.c, t.canonical_actors.c
    if conn.execute(sa.select(sc.id).where(sc.by == by).limit(1)).first() is None:
        return None
    query = (sa.select(sc.kind, sc.series, sc.area, sc.period, sa.func.sum(sc.n))
             .where(sc.by == by, sc.type.in_(types), sc.kind.in_(tuple(kinds)))
             .group_by(sc.kind, sc.series, sc.area, sc.period))
    actors: dict[int, dict[int, int]] = {}
    cells: dict[tuple[str | None, str | None], dict[int, int]] = {}
    for kind, series_id, area, key, n in conn.execute(query).tuples():
        if kind == "actor":
            counts = actors.setdefault(int(series_id), {})
        else:
            counts = cells.setdefault((series_id, area), {})
        counts[int(key)] = counts.get(int(key), 0) + int(n)
    names = dict(conn.execute(sa.select(c.id, c.name).where(c.id.in_(list(actors)))).tuples().all())
    shared = {name for name, times in Counter(names.values()).items() if times > 1}
    found: dict[tuple[str, str], dict[int, int]] = {}
    for actor_id, counts in actors.items():
        name = names.get(actor_id, f"#{actor_id}")
        found[("actor", f"{name} (#{actor_id})" if name in shared else name)] = counts
    found.update(_place_named(cells, None))
    return found


def _admin1_known(conn: sa.Connection, place: str) -> bool:
    i = t.incidents.c
    named = has_text(conn, i.place_admin1, place)
    query = sa.select(i.id).where(named).limit(1)
    return conn.execute(query).first() is not None
