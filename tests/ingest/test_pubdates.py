from __future__ import annotations

from datetime import date

import pytest

from sitrep.ingest.pubdates import find_date


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Delta Times, July 2, 2011, http://x", date(2011, 7, 2), "day"),
        ("Delta Times, 2 July 2011.", date(2011, 7, 2), "day"),
        ("Delta Times, Sept. 9, 2011.", date(2011, 9, 9), "day"),
        ("posted 2011-07-02", date(2011, 7, 2), "day"),
        ("Centre for Frontier Studies, May 2011", date(2011, 5, 1), "month"),
        ("(London: Northgate, 2018)", date(2018, 1, 1), "year"),
    ],
)
def test_reference_date_forms(text: str, value: date, precision: str) -> None:
    found = find_date(text)
    assert found is not None
    assert (found.value, found.precision) == (value, precision)


def test_the_first_date_wins_and_bounds_are_respected() -> None:
    text = "Post, May 2, 2011, accessed June 3, 2012"
    found = find_date(text)
    assert found is not None and found.value == date(2011, 5, 2)
    later = find_date(text, found.end)
    assert later is not None and later.value == date(2012, 6, 3)


def test_impossible_dates_amounts_and_numbers_are_not_dates() -> None:
    impossible = find_date("February 30, 2011")
    assert impossible is not None and impossible.precision == "year"  # only the year is sure
    assert find_date("raised to $2011 and 12,000 troops") is None
