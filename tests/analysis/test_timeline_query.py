"""Periods computed in SQL agree with the same periods computed in Python, on the store's backend
(SQLite here; PostgreSQL through tests/store when ``SITREP_TEST_PG_URL`` is set)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from sitrep.analysis.timeline_query import key_of, key_sql, period_of, period_of_keys

DAYS = [date(1969, 12, 28), date(1970, 1, 1), date(2000, 2, 29), date(2011, 12, 31), date(2012, 1, 1),
        date(2024, 1, 28), date(2024, 1, 29), date(2024, 2, 4), date(2024, 2, 5), date(1899, 7, 14)]


@pytest.fixture(scope="module")
def engine() -> sa.Engine:
    return sa.create_engine("sqlite://")


@pytest.mark.parametrize("by", ["month", "week"])
def test_key_sql_is_key_of(engine: sa.Engine, by: str) -> None:
    days = sa.Table("days", sa.MetaData(), sa.Column("day", sa.Date))
    every = DAYS + [date(2023, 12, 25) + timedelta(days=n) for n in range(21)]
    with engine.begin() as conn:
        days.create(conn, checkfirst=True)
        conn.execute(days.delete())
        conn.execute(days.insert(), [{"day": d} for d in every])
        found = conn.execute(sa.select(days.c.day, key_sql(days.c.day, by))).all()
    assert [(day, int(key)) for day, key in found] == [(d, key_of(d, by)) for d in every]


@pytest.mark.parametrize("by", ["month", "week"])
def test_period_of_keys_is_period_of(by: str) -> None:
    starts = [date(2024, 1, 29), date(2024, 1, 31), date(2024, 2, 1), date(2024, 3, 1)]
    for value, precision in itertools.product(starts, [None, "day", "week", "month", "year"]):
        for end in (None, value, value + timedelta(days=3), value + timedelta(days=40)):
            first = key_of(value, by)
            last = key_of(end, by) if end is not None else None
            exact = value if end is None and precision == "week" else None
            expected = period_of(value, end, precision, by)
            assert period_of_keys(first, last, precision, exact, by) == expected, (value, end, precision, by)
