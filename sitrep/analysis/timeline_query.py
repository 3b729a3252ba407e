"""The SQL that timelines, trends and alerts share: which incidents a filter selects, and the
period (week or month) an incident's date falls in, computed by the database.

Filters mean what they mean for `sitrep incidents` (``IncidentFilter``): a PLOVER type; part of an
actor's name (as a report gave it, or the canonical actor's) in the actor, recipient or
claimed-by role; part of the place's name or province, or its country code; a date that touches
``since`` or later / ``until`` or earlier (a month-precision incident touches every day of its month).

Everything here is portable SQL (SQLite and PostgreSQL). Counting groups incidents by the columns
of the ``ix_incidents_dates`` / ``ix_incidents_places`` indexes in their order (date, end, precision),
so that the database reads the index alone, in order, without sorting; the few thousand groups that
come back are put into weeks or months here (``period_of``).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from sitrep.errors import SitrepError
from sitrep.model.vocab import PLOVER_TYPES
from sitrep.resolve.picture import IncidentFilter
from sitrep.store import tables as t

Period = Literal["week", "month"]
PERIODS: tuple[str, ...] = ("week", "month")

# Roles in which an actor "is in" an incident for filters (attribution is someone else's claim).
FILTER_ROLES: tuple[str, ...] = ("actor", "recipient", "claimed_by")
_EPOCH = date(1970, 1, 1)


def check_filter(where: IncidentFilter) -> None:
    """A clear error for a filter that can select nothing by mistake (unknown type, reversed dates)."""
    if where.type and where.type.upper() not in PLOVER_TYPES:
        raise SitrepError(f"type {where.type!r} is not a PLOVER type; valid: {', '.join(PLOVER_TYPES)}")
    if where.since and where.until and where.since > where.until:
        raise SitrepError(f"since {where.since.isoformat()} is after until {where.until.isoformat()}: "
                          "give the earlier date first")


def check_period(by: str) -> Period:
    if by not in PERIODS:
        raise SitrepError(f"period {by!r} is not one of {', '.join(PERIODS)}")
    return by  # type: ignore[return-value]


def _has(column: sa.ColumnElement[Any], needle: str) -> sa.ColumnElement[bool]:
    return sa.func.lower(column).contains(needle.lower(), autoescape=True)


def has_text(conn: sa.Connection, column: sa.ColumnElement[Any], needle: str) -> sa.ColumnElement[bool]:
    """``column`` contains ``needle``, ignoring case. SQLite's LIKE already ignores (ASCII) case,
    as its lower() folds only ASCII, so there it is a bare LIKE: a third of the time over a million
    rows. Elsewhere lower(column) LIKE lower(needle)."""
    if conn.dialect.name == "sqlite":
        return column.contains(needle, autoescape=True)
    return _has(column, needle)


def actor_ids(actor: str) -> sa.Select[Any]:
    """Ids of ``actors`` rows named ``actor``: part of the name, the pack id, or part of the name of
    the canonical actor the row is linked to."""
    a, link, c = t.actors.c, t.actor_links.c, t.canonical_actors.c
    canonical = (sa.select(link.actor_id)
                 .join(t.canonical_actors, c.id == link.canonical_id)
                 .where(sa.or_(_has(c.name, actor), c.pack_id == actor, c.key == actor)))
    return sa.select(a.id).where(sa.or_(_has(a.name, actor), a.pack_id == actor, a.id.in_(canonical)))


def incidents_naming(actor: str, roles: tuple[str, ...] = FILTER_ROLES) -> sa.Select[Any]:
    """Ids of incidents one of whose reports names ``actor`` in one of ``roles``."""
    r, ie = t.event_roles.c, t.incident_events.c
    events = sa.select(r.event_id).where(r.actor_id.in_(actor_ids(actor)), r.role.in_(roles))
    return sa.select(ie.incident_id).where(ie.event_id.in_(events))


def place_condition(conn: sa.Connection, place: str) -> sa.ColumnElement[bool]:
    """Part of the place's name or province, or its country code (stored as ISO codes, upper case)."""
    i = t.incidents.c
    return sa.or_(has_text(conn, i.place_name, place), has_text(conn, i.place_admin1, place),
                  i.place_country == place.upper())


def conditions(conn: sa.Connection, where: IncidentFilter) -> list[sa.ColumnElement[bool]]:
    """The WHERE terms on ``incidents`` that select what ``where`` asks for."""
    check_filter(where)
    i = t.incidents.c
    terms: list[sa.ColumnElement[bool]] = []
    if where.type:
        terms.append(i.type == where.type.upper())
    if where.place:
        terms.append(place_condition(conn, where.place))
    if where.actor:
        terms.append(i.id.in_(incidents_naming(where.actor)))
    if where.until:
        terms.append(i.date_value <= where.until)
    if where.since:
        terms.extend(_since(conn, where.since))
    return terms


def _since(conn: sa.Connection, since: date) -> list[sa.ColumnElement[bool]]:
    """The date touches ``since`` or later: its end (given, or implied by its precision) is on or
    after it. Also a lower bound on ``date_value`` that an index can use: a year before, or the
    start of the earliest range that reaches ``since``."""
    i = t.incidents.c
    touches = sa.or_(
        sa.func.coalesce(i.date_end, i.date_value) >= since,
        sa.and_(i.date_precision == "week", i.date_value >= since - timedelta(days=6)),
        sa.and_(i.date_precision == "month", i.date_value >= since.replace(day=1)),
        sa.and_(i.date_precision == "year", i.date_value >= date(since.year, 1, 1)),
    )
    earliest_range = conn.execute(sa.select(sa.func.min(i.date_value)).where(i.date_end >= since)).scalar()
    bound = date(since.year - 1, since.month, 1) if since.year > 1 else date.min
    if earliest_range is not None and earliest_range < bound:
        bound = earliest_range
    return [i.date_value >= bound, touches]


# -- periods -----------------------------------------------------------------------------------

def period_start(key: int, by: Period) -> date:
    """The first day of period ``key``."""
    if by == "month":
        return date(key // 12, key % 12 + 1, 1)
    return _EPOCH + timedelta(days=key * 7 - 3)


def period_end(key: int, by: Period) -> date:
    """The last day of period ``key``."""
    start = period_start(key, by)
    if by == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start + timedelta(days=6)


def key_of(day: date, by: Period) -> int:
    """The period ``day`` falls in, as an integer: months since year 0, or Monday-to-Sunday weeks."""
    if by == "month":
        return day.year * 12 + day.month - 1
    return ((day - _EPOCH).days + 3) // 7  # weeks from Monday 1969-12-29


def period_label(key: int, by: Period) -> str:
    """2024-01 for a month; the ISO week and its Monday for a week (2024-W05, from 2024-01-29)."""
    start = period_start(key, by)
    if by == "month":
        return f"{start.year}-{start.month:02d}"
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def date_span(value: date | None, end: date | None, precision: str | None) -> tuple[date | None, date | None]:
    """The first and last day a stored date may mean: its own day; a week from its first day; the
    whole month or year; or the stated range."""
    if value is None:
        return None, None
    if end is not None and end >= value:
        return value, end
    if precision == "year":
        return date(value.year, 1, 1), date(value.year, 12, 31)
    if precision == "month":
        return value.replace(day=1), value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == "week":
        return value, value + timedelta(days=6)
    return value, value


def period_of(value: date | None, end: date | None, precision: str | None, by: Period) -> int | None:
    """The one period that holds all a date may mean (``date_span``), or None: undated, or coarser
    than a period (a month in weeks), or a range across two periods."""
    first, last = date_span(value, end, precision)
    if first is None or last is None:
        return None
    key = key_of(first, by)
    return key if key_of(last, by) == key else None


_WEEK_SHIFT = 10_000  # weeks added before dividing, so that SQL's integer division never meets a negative


class _MonthKey(FunctionElement[int]):
    """Months since year 0 of a DATE column (``key_of(day, "month")``)."""

    type = sa.Integer()
    inherit_cache = True


class _WeekKey(FunctionElement[int]):
    """Monday-to-Sunday weeks of a DATE column (``key_of(day, "week")``)."""

    type = sa.Integer()
    inherit_cache = True


@compiles(_MonthKey)
def _month_key(element: _MonthKey, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    day = compiler.process(column, **kw)
    year, month = f"CAST(EXTRACT(YEAR FROM {day}) AS INTEGER)", f"CAST(EXTRACT(MONTH FROM {day}) AS INTEGER)"
    return f"({year} * 12 + {month} - 1)"


@compiles(_MonthKey, "sqlite")
def _month_key_sqlite(element: _MonthKey, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses  # SQLite keeps a DATE as ISO text: its digits, without parsing it
    day = compiler.process(column, **kw)
    return f"(CAST(substr({day}, 1, 4) AS INTEGER) * 12 + CAST(substr({day}, 6, 2) AS INTEGER) - 1)"


@compiles(_WeekKey)
def _week_key(element: _WeekKey, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    day = compiler.process(column, **kw)
    return f"(({day} - DATE '1970-01-01' + 3 + {7 * _WEEK_SHIFT}) / 7 - {_WEEK_SHIFT})"


@compiles(_WeekKey, "sqlite")
def _week_key_sqlite(element: _WeekKey, compiler: SQLCompiler, **kw: Any) -> str:
    (column,) = element.clauses
    day = compiler.process(column, **kw)
    return f"((CAST(julianday({day}) - 2440587.5 AS INTEGER) + 3 + {7 * _WEEK_SHIFT}) / 7 - {_WEEK_SHIFT})"


def key_sql(column: sa.ColumnElement[Any], by: Period) -> sa.ColumnElement[Any]:
    """``key_of`` in SQL (NULL for NULL), the same on SQLite and PostgreSQL (tests compare both
    with ``key_of``): months since year 0, or Monday-to-Sunday weeks."""
    return _MonthKey(column) if by == "month" else _WeekKey(column)


def period_of_keys(first: int | None, last: int | None, precision: str | None, exact: date | str | None,
                   by: Period) -> int | None:
    """``period_of`` from the period keys of a date's first day (``first``) and stated end
    (``last``, None when none is stated), for dates grouped in SQL: a stated range must lie in one
    period; a month or year with no end is in one month, or no week; a week with no end needs its
    day (``exact``), since a week from a Wednesday spans two."""
    if first is None:
        return None
    if exact is not None:
        return period_of(as_date(exact), None, "week", by)
    if last is not None and last >= first:
        return first if last == first else None
    if precision == "year":
        return None
    if precision == "month":
        return first if by == "month" else None
    return first


def period_columns(by: Period) -> tuple[sa.ColumnElement[Any], ...]:
    """What incidents are grouped by to be counted per period in SQL (one row per period and kind
    of date, not one a day): the period keys of the first day (``first``) and of the stated end
    (``last``), the precision, and the day itself only for a week with no end (``exact``). Read a
    row's period with ``period_of_row``."""
    i = t.incidents.c
    exact = sa.case((sa.and_(i.date_end.is_(None), i.date_precision == "week"), day_text(i.date_value)),
                    else_=sa.null())
    return (key_sql(i.date_value, by).label("first"), key_sql(i.date_end, by).label("last"),
            i.date_precision, exact.label("exact"))


def period_of_row(first: Any, last: Any, precision: str | None, exact: Any, by: Period) -> int | None:
    """``period_of_keys`` of the values ``period_columns`` gave (the driver may give keys as floats)."""
    return period_of_keys(None if first is None else int(first), None if last is None else int(last),
                          precision, exact, by)


def day_text(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """A DATE column as the driver gives it (ISO text on SQLite, a date on PostgreSQL): the same SQL,
    without converting every one of many rows to a date before it is grouped here."""
    return sa.type_coerce(column, sa.String)


def as_date(value: date | str | None) -> date | None:
    """A DATE column's value as a date (raw SQLite rows give ISO text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value
