"""Milestones in a real SQLite store: added, listed by day, removed, and the nearest ones to a period."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sitrep.analysis import milestones
from sitrep.analysis.milestones import Milestone, nearest
from sitrep.errors import NotFound, SitrepError
from sitrep.store.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        yield opened


def test_added_milestones_are_listed_by_day_and_survive_reopening(store: Store, tmp_path: Path) -> None:
    late = milestones.add(store, date(2011, 12, 31), "US withdrawal deadline")
    early = milestones.add(store, date(2011, 10, 21), "  Withdrawal   announced ")
    assert early.label == "Withdrawal announced"
    assert milestones.listed(store) == [early, late]
    with Store.open(store.url) as again:
        assert milestones.listed(again) == [early, late]


def test_declaring_a_milestone_again_changes_nothing(store: Store) -> None:
    first = milestones.add(store, date(2011, 12, 31), "US withdrawal deadline")
    assert milestones.add(store, date(2011, 12, 31), "US  withdrawal deadline") == first
    assert milestones.find(store, date(2011, 12, 31), "US withdrawal deadline") == first
    assert milestones.find(store, date(2011, 12, 30), "US withdrawal deadline") is None
    assert milestones.listed(store) == [first]


def test_remove_deletes_one_and_an_unknown_id_is_named(store: Store) -> None:
    kept = milestones.add(store, date(2011, 12, 31), "US withdrawal deadline")
    gone = milestones.add(store, date(2011, 6, 1), "Talks")
    assert milestones.remove(store, gone.id) == gone
    assert milestones.listed(store) == [kept]
    with pytest.raises(NotFound, match=f"no milestone 99: the milestones are {kept.id}"):
        milestones.remove(store, 99)


def test_an_empty_label_is_refused(store: Store) -> None:
    with pytest.raises(SitrepError, match="needs a label"):
        milestones.add(store, date(2011, 12, 31), "   ")
    assert milestones.listed(store) == []


def test_nearest_finds_the_milestones_around_a_period() -> None:
    marks = [Milestone(1, date(2011, 10, 21), "Withdrawal announced"),
             Milestone(2, date(2011, 12, 31), "US withdrawal deadline")]
    november = nearest(marks, date(2011, 11, 1), date(2011, 11, 30))
    assert (november.ahead, november.days_ahead) == (marks[1], 31)
    assert (november.behind, november.days_behind) == (marks[0], 11)
    assert november.describe() == ("31 days before 'US withdrawal deadline'; "
                                   "11 days after 'Withdrawal announced'")
    december = nearest(marks, date(2011, 12, 1), date(2011, 12, 31))
    assert december.days_ahead == 0
    assert december.describe().startswith("in the period of 'US withdrawal deadline' (2011-12-31)")
    later = nearest(marks, date(2012, 1, 2))
    assert later.ahead is None and later.days_behind == 2
    assert later.describe() == "2 days after 'US withdrawal deadline'"
    assert nearest([], date(2012, 1, 1)).describe() == ""
