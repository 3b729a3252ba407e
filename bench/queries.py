"""Query speed: timeline, trend and alert queries on a SQLite store of N synthetic incidents
(default 1,000,000), each timed in this run and checked against the one-second target.

The store is built fast, straight into SQLite (executemany, not the extraction pipeline), with the
rows the queries read: documents, events (one report per incident, a tenth with a second report),
actors with their mentions and canonical links, event roles, incidents and their reports.
Synthetic world: 20 countries of 10 provinces, 300 canonical actors (a few very active), 25 years
of dates (most to the day; some to the week, month or year; 2% undated), types mostly ASSAULT, and
escalations planted in a few actor and province series.

Run: .venv/bin/python bench/queries.py [--n 1000000] [--db PATH] [--keep]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from sitrep.analysis.alerts import AlertReport, alerts
from sitrep.analysis.series_counts import rebuild_series_counts
from sitrep.analysis.timeline import timeline
from sitrep.analysis.trends import Trend, trends
from sitrep.resolve.picture import IncidentFilter
from sitrep.store.store import Store

COUNTRIES = [f"C{chr(65 + i)}" for i in range(20)]
PROVINCES = {c: [f"Province {c}-{j}" for j in range(10)] for c in COUNTRIES}
ACTORS = [f"Armed Group {k:03d}" for k in range(300)]
TYPES = ["ASSAULT"] * 6 + ["COERCE", "PROTEST", "MOBILIZE", "ACCUSE"]
FIRST, DAYS = date(2000, 1, 1), 25 * 365
EVENTS_PER_DOCUMENT = 1000
ACTORS_PER_DOCUMENT = 40
NOW = "2026-01-01 00:00:00.000000"


def _precision(rng: random.Random, day: date) -> tuple[str | None, str | None, str | None]:
    """(date_value, date_end, date_precision) as the store writes them."""
    roll = rng.random()
    if roll < 0.02:
        return None, None, None
    if roll < 0.90:
        return day.isoformat(), None, "day"
    if roll < 0.93:
        return day.isoformat(), (day + timedelta(days=6)).isoformat(), "week"
    if roll < 0.99:
        return day.replace(day=1).isoformat(), None, "month"
    return date(day.year, 1, 1).isoformat(), None, "year"


def _day(rng: random.Random, actor: int, province: int) -> date:
    """Mostly uniform; planted escalations: actor 7 in 2012-06, province 3 of CA in 2018-02."""
    if actor == 7 and rng.random() < 0.05:
        return date(2012, 6, 1) + timedelta(days=rng.randrange(30))
    if province == 3 and rng.random() < 0.05:
        return date(2018, 2, 1) + timedelta(days=rng.randrange(28))
    return FIRST + timedelta(days=rng.randrange(DAYS))


def build(path: Path, n: int, seed: int = 7) -> None:
    """A store at ``path`` (migrated by Store.open) filled with ``n`` incidents."""
    Store.open(f"sqlite:///{path}").close()
    rng = random.Random(seed)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA foreign_keys=OFF")
    db.executemany("INSERT INTO canonical_actors (id, key, name, kind) VALUES (?, ?, ?, 'militia')",
                   [(k + 1, f"group:armed group {k:03d}", name, ) for k, name in enumerate(ACTORS)])
    weights = [1.0 / (k + 1) ** 0.8 for k in range(len(ACTORS))]
    documents = (n + EVENTS_PER_DOCUMENT - 1) // EVENTS_PER_DOCUMENT
    actor_row = mention_row = 0
    event_no = incident_no = 0
    for doc in range(documents):
        doc_id = f"{doc:032x}"
        db.execute("INSERT INTO documents (id, source, media_type, authors, text, char_count, ingested_at) "
                   "VALUES (?, ?, 'text/plain', '[]', 'synthetic', 9, ?)", (doc_id, f"synthetic-{doc}", NOW))
        named = sorted(set(rng.choices(range(len(ACTORS)), weights=weights, k=ACTORS_PER_DOCUMENT)))
        rows: dict[int, tuple[int, int]] = {}
        for k in named:
            actor_row += 1
            mention_row += 1
            rows[k] = (actor_row, mention_row)
        db.executemany("INSERT INTO actors (id, document_id, name, kind, origin) "
                       "VALUES (?, ?, ?, 'militia', 'parse')",
                       [(a, doc_id, ACTORS[k]) for k, (a, _) in rows.items()])
        db.executemany("INSERT INTO actor_mentions (id, actor_id, document_id, start, \"end\", text) "
                       "VALUES (?, ?, ?, 0, 9, ?)",
                       [(m, a, doc_id, ACTORS[k]) for k, (a, m) in rows.items()])
        db.executemany("INSERT INTO actor_links (actor_id, canonical_id, rule, evidence) "
                       "VALUES (?, ?, 'same_name', 'bench')", [(a, k + 1) for k, (a, _) in rows.items()])
        events, roles, incident_rows, reports, who = [], [], [], [], []
        count = min(EVENTS_PER_DOCUMENT, n - incident_no)
        for seq in range(count):
            incident_no += 1
            perpetrator, target = rng.choice(named), rng.choice(named)
            country = rng.choice(COUNTRIES)
            province = rng.randrange(10)
            admin1 = PROVINCES[country][province]
            day = _day(rng, perpetrator, province if country == "CA" else -1)
            value, end, precision = _precision(rng, day)
            kind = rng.choice(TYPES)
            killed = rng.choice([None, None, 0.0, 1.0, 2.0, 3.0, 5.0, 12.0])
            incident_rows.append((incident_no, f"{incident_no:032x}", kind, value, end, precision,
                                  f"Town {country}-{province}", admin1, country, killed, 1 + (seq % 3 == 0),
                                  "BCDF"[seq % 4], 1 + seq % 6))
            who.append((incident_no, perpetrator + 1))  # as a rebuild keeps it: the actor who did it
            for _ in range(2 if seq % 10 == 0 else 1):
                event_no += 1
                event_id = f"{event_no:032x}"
                events.append((event_id, doc_id, event_no, kind, value, end, precision, killed))
                roles.append((event_id, "actor", 0, *rows[perpetrator]))
                roles.append((event_id, "recipient", 0, *rows[target]))
                reports.append((event_id, incident_no))
        db.executemany(
            "INSERT INTO events (id, document_id, seq, type, \"trigger\", trigger_start, trigger_end, "
            "sentence_start, sentence_end, date_value, date_end, date_precision, killed, quantities, "
            "status, notes, context, origin) VALUES (?, ?, ?, ?, 'attacked', 0, 8, 0, 9, ?, ?, ?, ?, '[]', "
            "'asserted', '[]', '[]', 'text')", events)
        db.executemany("INSERT INTO event_roles (event_id, role, position, actor_id, mention_id) "
                       "VALUES (?, ?, ?, ?, ?)", roles)
        db.executemany(
            "INSERT INTO incidents (id, key, type, date_value, date_end, date_precision, place_name, "
            "place_admin1, place_country, killed, sources, reliability, credibility, contradictions) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')", incident_rows)
        db.executemany("INSERT INTO incident_events (event_id, incident_id, reason) VALUES (?, ?, 'bench')",
                       reports)
        db.executemany("INSERT INTO incident_actors (incident_id, canonical_id) VALUES (?, ?)", who)
    db.commit()
    db.close()


def _time(label: str, fn: Callable[[], object], describe: Callable[[object], str]) -> float:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    verdict = "under 1 s" if seconds < 1.0 else "OVER 1 s"
    print(f"{label:<62} {seconds:7.3f} s  {verdict:<9}  {describe(result)}")
    return seconds


def _rows(result: object) -> str:
    assert isinstance(result, list)
    return f"{len(result)} rows"


def _periods(result: object) -> str:
    assert isinstance(result, Trend)
    return f"{len(result.periods)} periods, {result.incidents} incidents"


def _alerts(result: object) -> str:
    assert isinstance(result, AlertReport)
    return f"{result.series} series, {len(result.alerts)} alerts"


Query = tuple[str, Callable[[], object], Callable[[object], str]]


def queries(store: Store) -> Iterator[Query]:
    """(label, the call, what it found) for each query timed."""
    since, until = date(2012, 1, 1), date(2012, 12, 31)

    def page(**where: str) -> Callable[[], object]:
        return lambda: timeline(store, IncidentFilter(since=since, until=until, **where), limit=100)

    yield "timeline: first 100, no filter", lambda: timeline(store, limit=100), _rows
    yield "timeline: country CB, 2012, first 100", page(place="CB"), _rows
    yield "timeline: province 'Province CC-4', ASSAULT, 2012, first 100", page(
        type="ASSAULT", place="Province CC-4"), _rows
    yield "timeline: actor 'Armed Group 042', 2012, first 100", page(actor="Armed Group 042"), _rows
    yield "trends: month, whole range, no filter", lambda: trends(store, by="month"), _periods
    yield "trends: week, whole range, ASSAULT", lambda: trends(
        store, IncidentFilter(type="ASSAULT"), by="week"), _periods
    yield "trends: month, country CD", lambda: trends(store, IncidentFilter(place="CD"), by="month"), _periods
    yield "trends: month, actor 'Armed Group 150'", lambda: trends(
        store, IncidentFilter(actor="Armed Group 150"), by="month"), _periods
    yield "alerts: month, country CD (its provinces and itself)", lambda: alerts(
        store, by="month", place="CD"), _alerts
    yield "alerts: week, province 'Province CA-3'", lambda: alerts(
        store, by="week", place="Province CA-3"), _alerts
    yield "alerts: month, actor 'Armed Group 007'", lambda: alerts(
        store, by="month", actor="Armed Group 007"), _alerts
    yield "alerts: month, every province and country series", lambda: alerts(
        store, by="month", kinds=("place",)), _alerts
    yield "alerts: month, every series (300 actors and every place)", lambda: alerts(
        store, by="month"), _alerts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000, help="incidents (default 1,000,000)")
    parser.add_argument("--db", type=Path, help="the SQLite file (default: a temporary one); an existing "
                                                "file is reused as it is")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store")
    args = parser.parse_args()
    folder = None if args.db else Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    path = args.db or (folder or Path(".")) / "queries.db"
    if not path.exists():
        start = time.perf_counter()
        build(path, args.n)
        print(f"built {args.n:,} incidents in {time.perf_counter() - start:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB): {path}")
    with Store.open(f"sqlite:///{path}") as store:
        with store.connection() as conn:
            total = conn.exec_driver_sql("SELECT count(*) FROM incidents").scalar()
            kept = conn.exec_driver_sql("SELECT count(*) FROM series_counts").scalar()
        print(f"{total:,} incidents in {path}")
        if not kept:  # what a rebuild of the picture keeps: the per-period counts of every series
            start = time.perf_counter()
            with store.transaction("keep the per-period counts") as conn:
                kept = rebuild_series_counts(conn)
            took = time.perf_counter() - start
            print(f"kept {kept:,} per-period counts (part of a rebuild) in {took:.1f} s")
        slow = 0
        for label, fn, describe in queries(store):
            slow += _time(label, fn, describe) >= 1.0
    print(f"{slow} of the queries took 1 s or more" if slow else "every query answered in under 1 s")
    if folder is not None:
        if args.keep:
            print(f"kept: {path}")
        else:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
