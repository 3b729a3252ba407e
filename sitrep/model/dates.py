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
