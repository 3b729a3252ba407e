"""Writing a date to the precision it is known to (ONTOLOGY.md "Precision is data")."""

from __future__ import annotations

from datetime import date


def format_date(value: date | None, precision: str | None = None) -> str:
    """A date written to its precision: 2011-07-06, 2011-07 (month) or 2011 (year); "" for none."""
    if value is None:
        return ""
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value.year}-{value.month:02d}"
    return value.isoformat()


def format_range(value: date | None, end: date | None, precision: str | None = None) -> str:
    """``format_date`` of ``value``, and " – END" when a stated end reads differently ("2024-01 –
    2024-03"; a month-precision date ending on its last day is just "2024-01"); "" for none."""
    shown = format_date(value, precision)
    if value is None or end is None or end == value or format_date(end, precision) == shown:
        return shown
    return f"{shown} – {format_date(end, precision)}"
