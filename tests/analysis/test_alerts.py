"""Escalation alerts: the rule on constructed series, and alerts per actor and place on a real
SQLite store, marked against milestones."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from scipy.stats import nbinom, poisson

from sitrep.analysis import milestones
from sitrep.analysis.alerts import AlertRule, alerts, detect, negative_binomial_tail, poisson_tail
from sitrep.analysis.series_counts import rebuild_series_counts
from sitrep.errors import SitrepError
from sitrep.store import tables
from sitrep.store.store import Store

# -- the rule on constructed series -------------------------------------------------------------


def test_a_flat_series_gives_no_alert() -> None:
    assert detect([3] * 24) == []
    assert detect([0] * 24) == []


def test_a_jump_gives_one_alert_with_its_poisson_tail() -> None:
    found = detect([1, 0, 1, 1, 0, 1, 1, 0, 6, 1, 1])
    assert [(j.index, j.count, j.test) for j in found] == [(8, 6, "poisson")]
    judged = found[0]
    assert judged.baseline == pytest.approx(5 / 8)
    assert judged.p_value == pytest.approx(poisson.sf(5, 5 / 8))


def test_a_first_ever_incident_is_not_an_alert_and_the_floor_keeps_zero_from_judging() -> None:
    assert detect([0] * 10 + [1]) == []
    assert detect([0] * 10 + [2]) == []  # below the minimum count
    assert detect([0] * 10 + [3]) == []  # P(X >= 3 | 0.5) = 0.014: against the floor, not against 0
    found = detect([0] * 10 + [4])
    assert [(j.index, j.baseline) for j in found] == [(10, 0.5)]
    assert found[0].p_value == pytest.approx(poisson.sf(3, 0.5))


def test_the_first_periods_are_never_judged() -> None:
    assert detect([0, 0, 0, 9]) == []  # three periods of history, four needed
    assert [j.index for j in detect([0, 0, 0, 0, 9])] == [4]


def test_an_overdispersed_series_is_judged_by_the_negative_binomial() -> None:
    bursty = [0, 12] * 4 + [14]
    mean = 6.0
    variance = sum((x - mean) ** 2 for x in bursty[:8]) / 7
    assert poisson.sf(13, mean) < 0.01  # a Poisson test would flag it
    assert detect(bursty) == []  # bursts like this are this series' habit
    size = mean * mean / (variance - mean)
    assert nbinom.sf(13, size, size / (size + mean)) > 0.01
    found = detect([0, 12] * 4 + [60])  # far beyond even its bursts
    assert [(j.index, j.test) for j in found] == [(8, "negative binomial")]
    assert [j.test for j in detect([5, 7] * 4 + [20])] == ["poisson"]  # a steady window


def test_a_sustained_new_level_stops_alerting_once_it_is_the_norm() -> None:
    found = detect([1] * 8 + [8] * 12)
    assert [j.index for j in found][:1] == [8]
    assert 19 not in [j.index for j in found]


@pytest.mark.parametrize("count", [1, 2, 3, 7, 20])
@pytest.mark.parametrize("mean", [0.5, 1.0, 6.0])
def test_the_tails_are_scipy_stats_upper_tails(count: int, mean: float) -> None:
    assert poisson_tail(count, mean) == pytest.approx(poisson.sf(count - 1, mean), rel=1e-9)
    size = mean * mean / 3.0
    p = size / (size + mean)
    assert negative_binomial_tail(count, size, p) == pytest.approx(nbinom.sf(count - 1, size, p), rel=1e-9)


def test_the_rule_checks_its_parameters() -> None:
    with pytest.raises(SitrepError, match="alpha 2"):
        AlertRule(alpha=2)
    with pytest.raises(SitrepError, match="min_history"):
        AlertRule(window=3, min_history=4)
    with pytest.raises(SitrepError, match="floor"):
        AlertRule(floor=0)


# -- alerts per actor and place on a store ------------------------------------------------------


def _world(store: Store) -> None:
    """Group A: one attack a month in Bay, Somalia, 2011-01 to 2011-12, then 7 in 2011-11 (besides
    the usual one). Group B: one attack a month in Banaadir all year. A month-precision incident in
    2011-11 (counted in its month) and COERCE incidents (not violence by default)."""
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with store.transaction("build a test world") as conn:
        conn.execute(sa.insert(tables.documents).values(
            id="d" * 32, source="test", media_type="text/plain", authors=[], text="x", char_count=1,
            ingested_at=now))
        for number, name in ((1, "Group A"), (2, "Group B")):
            conn.execute(sa.insert(tables.actors).values(id=number, document_id="d" * 32, name=name,
                                                          origin="parse"))
            conn.execute(sa.insert(tables.actor_mentions).values(
                id=number, actor_id=number, document_id="d" * 32, start=0, end=1, text=name))
            conn.execute(sa.insert(tables.canonical_actors).values(id=number, key=f"group:{name.lower()}",
                                                                    name=name))
            conn.execute(sa.insert(tables.actor_links).values(actor_id=number, canonical_id=number,
                                                               rule="same_name", evidence="test"))
        number = 0

        def incident(day: date, actor: int, admin1: str, *, precision: str = "day",
                     type: str = "ASSAULT") -> None:
            nonlocal number
            number += 1
            event = f"{number:032x}"
            conn.execute(sa.insert(tables.incidents).values(
                id=number, key=event, type=type, date_value=day, date_precision=precision,
                place_admin1=admin1, place_country="SO", sources=1, contradictions={}))
            conn.execute(sa.insert(tables.events).values(
                id=event, document_id="d" * 32, seq=number, type=type, trigger="x", trigger_start=0,
                trigger_end=1, sentence_start=0, sentence_end=1, quantities=[], status="asserted",
                notes=[], context=[]))
            conn.execute(sa.insert(tables.event_roles).values(event_id=event, role="actor", position=0,
                                                               actor_id=actor, mention_id=actor))
            conn.execute(sa.insert(tables.incident_events).values(event_id=event, incident_id=number,
                                                                   reason="test"))
            # who did it, as a rebuild keeps it (sitrep.resolve.picture)
            conn.execute(sa.insert(tables.incident_actors).values(incident_id=number, canonical_id=actor))

        for month in range(1, 13):
            incident(date(2011, month, 10), 1, "Bay")
            incident(date(2011, month, 12), 2, "Banaadir")
            incident(date(2011, month, 14), 2, "Banaadir", type="COERCE")
        for day in range(1, 7):
            incident(date(2011, 11, day), 1, "Bay")
        incident(date(2011, 11, 1), 1, "Bay", precision="month")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        _world(opened)
        yield opened


def test_the_escalating_actor_and_place_alert_and_nothing_else(store: Store) -> None:
    report = alerts(store, by="month")
    assert report.series == 5  # Group A, Group B, Bay, Banaadir, SO
    assert report.periods == 12 and report.first == date(2011, 1, 1) and report.last == date(2011, 12, 31)
    assert {(a.kind, a.series, a.period, a.count) for a in report.alerts} == {
        ("actor", "Group A", "2011-11", 8), ("admin1", "Bay, SO", "2011-11", 8),
        ("country", "SO", "2011-11", 9)}
    bay = next(a for a in report.alerts if a.kind == "admin1")
    assert bay.baseline == pytest.approx(1.0) and bay.test == "poisson"
    assert bay.p_value == pytest.approx(poisson.sf(7, 1.0))


def test_alerts_say_how_far_the_nearest_milestones_are(store: Store) -> None:
    milestones.add(store, date(2011, 12, 31), "US withdrawal deadline")
    milestones.add(store, date(2011, 10, 21), "Withdrawal announced")
    report = alerts(store, by="month", actor="group a")
    assert [a.series for a in report.alerts] == ["Group A"]
    assert report.alerts[0].near == ("31 days before 'US withdrawal deadline'; "
                                     "11 days after 'Withdrawal announced'")


def test_one_place_and_the_types_that_count(store: Store) -> None:
    assert [a.series for a in alerts(store, place="banaadir").alerts] == []
    assert [(a.kind, a.series) for a in alerts(store, place="bay").alerts] == [("admin1", "Bay, SO")]
    coerce = alerts(store, types=("COERCE",), kinds=("place",))
    assert coerce.series == 2 and coerce.alerts == ()


def test_weekly_alerts_leave_out_the_month_precision_incident(store: Store) -> None:
    report = alerts(store, by="week", actor="Group A")
    assert [(a.period, a.count) for a in report.alerts] == [("2011-W44", 6)]  # 1 to 6 November


def test_unknown_series_are_named(store: Store) -> None:
    with pytest.raises(SitrepError, match="actor 'Group Z': no canonical actor"):
        alerts(store, actor="Group Z")
    with pytest.raises(SitrepError, match="place 'Narnia'"):
        alerts(store, place="Narnia")
    with pytest.raises(SitrepError, match="series tanks"):
        alerts(store, kinds=("tanks",))
    with pytest.raises(SitrepError, match="'RIOT' is not a PLOVER type"):
        alerts(store, types=("RIOT",))
    with pytest.raises(SitrepError, match="since 2012-01-01 is after until 2011-01-01"):
        alerts(store, since=date(2012, 1, 1), until=date(2011, 1, 1))


@pytest.mark.parametrize("by", ["week", "month"])
def test_the_counts_kept_at_rebuild_judge_the_whole_store_as_counting_does(store: Store, by: str) -> None:
    counted = alerts(store, by=by, use_kept=False)
    with store.transaction("keep the counts") as conn:
        assert rebuild_series_counts(conn) > 0
    kept = alerts(store, by=by)
    assert (kept.series, kept.periods, kept.first, kept.last) == (
        counted.series, counted.periods, counted.first, counted.last)
    assert kept.alerts == counted.alerts
    assert (any(a.kind == "actor" for a in kept.alerts) and any(a.kind != "actor" for a in kept.alerts)) or (
        by == "week")
