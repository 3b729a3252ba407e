"""Trends on a real SQLite store: counts and killed per week and month, empty periods as 0, and
imprecise dates counted only where all they may mean lies in one period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from sitrep.analysis.timeline_query import key_of, period_end, period_label, period_of, period_start
from sitrep.analysis.trends import trends
from sitrep.errors import SitrepError
from sitrep.resolve.picture import IncidentFilter
from sitrep.store import tables
from sitrep.store.store import Store


def add_incident(store: Store, number: int, day: date | None, precision: str | None = "day", *,
                 end: date | None = None, type: str = "ASSAULT", **fields: Any) -> None:
    with store.transaction("add a test incident") as conn:
        conn.execute(sa.insert(tables.incidents).values(
            id=number, key=f"{number:032x}", type=type, date_value=day, date_end=end,
            date_precision=precision if day else None, sources=1, contradictions={}, **fields))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """January: 2 day-dated (one on Wednesday 3rd, one on Monday 15th); none in February; March:
    one day, one month-precision, one range across two weeks; a year; an undated; a PROTEST in KE."""
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        add_incident(opened, 1, date(2024, 1, 3), killed=2, place_country="SO", place_admin1="Bay")
        add_incident(opened, 2, date(2024, 1, 15), killed=5, place_country="SO", place_admin1="Bay")
        add_incident(opened, 3, date(2024, 3, 20), place_country="SO")
        add_incident(opened, 4, date(2024, 3, 1), "month", killed=10, place_country="SO")
        add_incident(opened, 5, date(2024, 3, 2), end=date(2024, 3, 5), place_country="SO")
        add_incident(opened, 6, date(2024, 1, 1), "year", killed=100, place_country="SO")
        add_incident(opened, 7, None, place_country="SO")
        add_incident(opened, 8, date(2024, 1, 4), type="PROTEST", killed=1, place_country="KE")
        yield opened


def test_monthly_counts_with_empty_months_as_zero(store: Store) -> None:
    found = trends(store, IncidentFilter(type="ASSAULT"), by="month")
    assert [(p.label, p.incidents, p.killed) for p in found.periods] == [
        ("2024-01", 2, 7.0), ("2024-02", 0, 0.0), ("2024-03", 3, 10.0)]
    assert (found.imprecise, found.undated) == (1, 1)  # the year; the undated
    assert found.incidents == 5 and found.killed == 17


def test_weekly_counts_leave_out_the_month_and_the_range_across_weeks(store: Store) -> None:
    found = trends(store, IncidentFilter(type="ASSAULT"), by="week")
    counted = {p.label: p.incidents for p in found.periods if p.incidents}
    # 2024-03-02 (Saturday) to 03-05 (Tuesday) crosses a week; the March month and the year do not fit.
    assert counted == {"2024-W01": 1, "2024-W03": 1, "2024-W12": 1}
    assert found.imprecise == 3
    assert found.periods[0].start == date(2024, 1, 1) and found.periods[-1].end == date(2024, 3, 24)
    assert len(found.periods) == 12  # every week from the first to the last, empty ones as 0


def test_filters_and_a_date_range_fix_the_periods(store: Store) -> None:
    found = trends(store, IncidentFilter(place="SO", since=date(2023, 12, 1), until=date(2024, 2, 29)))
    assert [(p.label, p.incidents) for p in found.periods] == [("2023-12", 0), ("2024-01", 2), ("2024-02", 0)]
    assert found.undated == 0
    assert trends(store, IncidentFilter(place="KE")).incidents == 1
    assert trends(store, IncidentFilter(place="nowhere")).periods == ()


def test_bad_input_is_named(store: Store) -> None:
    with pytest.raises(SitrepError, match="period 'day' is not one of week, month"):
        trends(store, by="day")
    with pytest.raises(SitrepError, match="not a PLOVER type"):
        trends(store, IncidentFilter(type="RIOT"))


def test_periods_round_trip_and_hold_what_fits() -> None:
    for day in (date(1969, 12, 28), date(1970, 1, 1), date(2024, 2, 29), date(2011, 12, 31)):
        for by in ("week", "month"):
            key = key_of(day, by)  # type: ignore[arg-type]
            assert period_start(key, by) <= day <= period_end(key, by)  # type: ignore[arg-type]
    assert period_start(key_of(date(2024, 1, 31), "week"), "week") == date(2024, 1, 29)  # a Monday
    assert period_label(key_of(date(2024, 1, 31), "week"), "week") == "2024-W05"
    assert period_of(date(2024, 3, 1), None, "month", "month") == key_of(date(2024, 3, 9), "month")
    assert period_of(date(2024, 3, 1), None, "month", "week") is None
    assert period_of(date(2024, 3, 4), None, "week", "week") == key_of(date(2024, 3, 10), "week")
    assert period_of(None, None, None, "month") is None
