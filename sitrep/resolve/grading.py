"""Admiralty grades ("B2"): source reliability A–F from an editable table, information
credibility 1–6 from corroboration and contradiction (ONTOLOGY.md, "Claims, attribution and
grading").

Reliability (the letter) of a source comes from the reliability table: sitrep's defaults
(``data/reliability.yaml``, each entry with its reason) overridden entry by entry by the user's own
table (``$SITREP_RELIABILITY``, else ``${XDG_CONFIG_HOME:-~/.config}/sitrep/reliability.yaml``).
A source no entry names is F (cannot be judged). An incident or relation takes the letter of its
most reliable independent source.

Credibility (the number), from the independent sources ``n`` and the fields they differ on:

- 1 confirmed: n ≥ 2, one of them A or B, and no contradiction;
- 2 probably true: n ≥ 2 without contradiction but no A/B source, or differing only on figures;
- 3 possibly true: one source (A–E), or n ≥ 2 differing on one of day, place or claimant;
- 4 doubtful: one source graded D or E, n ≥ 2 differing on two or more of day, place and claimant,
  or several sources while another source denies it (a negated report of the same incident);
- 5 improbable: one source, denied by another;
- 6 cannot be judged: no source, or one source of reliability F.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml

from sitrep.errors import SitrepError
from sitrep.resolve.corroboration import (
    Corroboration,
    Source,
    Sources,
    corroborate_reports,
    incident_reports,
    load_sources,
    relation_groups,
)
from sitrep.resolve.event_store import canonical_actors, load_records
from sitrep.resolve.events import EventRecord, compare
from sitrep.store import tables as t

DEFAULTS = Path(__file__).parent / "data" / "reliability.yaml"
ENV = "SITREP_RELIABILITY"
LETTERS = "ABCDEF"
RELIABLE = frozenset("AB")
CORE_FIELDS = frozenset({"date", "place", "claimed_by"})
STIX_CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}
_FOLD = re.compile(r"[^\w]+")


class ReliabilityError(SitrepError):
    """A reliability table that cannot be read: names the file and the entry."""


@dataclass(frozen=True, slots=True)
class ReliabilityEntry:
    name: str
    grade: str
    reason: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    origin: str = "default"  # default | the user's file


@dataclass(frozen=True, slots=True)
class Rating:
    """A source's letter, why, and the entry that gave it (None: in no entry, so F)."""

    letter: str
    reason: str
    entry: str | None = None


@dataclass(frozen=True)
class ReliabilityTable:
    """Entries by folded name; lookups by domain and by outlet name."""

    entries: tuple[ReliabilityEntry, ...]

    def rate(self, source: Source) -> Rating:
        """The best letter any entry gives the source's domains or outlets; F when none does."""
        found = [entry for entry in self.entries if _matches(entry, source)]
        if not found:
            return Rating("F", "not in the reliability table: cannot be judged")
        best = min(found, key=lambda e: LETTERS.index(e.grade))
        return Rating(best.grade, best.reason, best.name)

    def entry(self, name: str) -> ReliabilityEntry | None:
        key = fold(name)
        return next((e for e in self.entries if fold(e.name) == key), None)


def fold(name: str) -> str:
    return " ".join(_FOLD.sub(" ", name.casefold()).split())


def _matches(entry: ReliabilityEntry, source: Source) -> bool:
    for domain in source.domains:
        if any(domain == d or domain.endswith("." + d) for d in entry.domains):
            return True
    names = {fold(entry.name), *(fold(a) for a in entry.aliases)}
    return any(fold(outlet) in names for outlet in source.outlets)


def user_table_path() -> Path:
    """Where the user's reliability table is looked for."""
    explicit = os.environ.get(ENV)
    if explicit:
        return Path(explicit).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME", "")
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "sitrep" / "reliability.yaml"


def load_table(path: Path | None = None) -> ReliabilityTable:
    """The defaults, overridden by the user's table (``path``, else ``user_table_path()``).

    ``$SITREP_RELIABILITY`` naming a file that does not exist is an error; the default location
    may simply be absent."""
    entries = {fold(e.name): e for e in _read(DEFAULTS, "default")}
    explicit = path is not None or bool(os.environ.get(ENV))
    user = path if path is not None else user_table_path()
    if user.exists():
        for entry in _read(user, str(user)):
            entries[fold(entry.name)] = entry
    elif explicit:
        raise ReliabilityError(f"{user}: no such reliability table (set by {ENV})" if path is None
                               else f"{user}: no such reliability table")
    return ReliabilityTable(tuple(entries.values()))


def _read(path: Path, origin: str) -> list[ReliabilityEntry]:
    return list(_parse(path.read_text(encoding="utf-8"), path, origin))


def _parse(text: str, path: Path, origin: str) -> Iterable[ReliabilityEntry]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ReliabilityError(f"{path}: not valid YAML ({exc})") from exc
    if data is None:
        return
    if not isinstance(data, Mapping) or not isinstance(data.get("sources", []), list):
        raise ReliabilityError(f"{path}: expected a mapping with a `sources:` list of entries")
    for number, item in enumerate(data.get("sources") or [], start=1):
        yield _entry(item, path, number, origin)


def _entry(item: Any, path: Path, number: int, origin: str) -> ReliabilityEntry:
    where = f"{path}: entry {number}"
    if not isinstance(item, Mapping):
        raise ReliabilityError(f"{where}: expected a mapping with name, grade and reason, got {item!r}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ReliabilityError(f"{where}: `name` is missing or empty")
    where = f"{where} ({name})"
    grade = str(item.get("grade", "")).strip().upper()
    if len(grade) != 1 or grade not in LETTERS:
        raise ReliabilityError(f"{where}: grade {item.get('grade')!r} is not one of A, B, C, D, E, F")
    reason = item.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ReliabilityError(f"{where}: `reason` is missing: say in one line why the grade is {grade}")
    lists = {}
    for key in ("aliases", "domains"):
        value = item.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ReliabilityError(f"{where}: `{key}` must be a list of strings, got {value!r}")
        lists[key] = tuple(v.strip().lower() if key == "domains" else v.strip() for v in value)
    unknown = set(item) - {"name", "grade", "reason", "aliases", "domains"}
    if unknown:
        raise ReliabilityError(f"{where}: unknown keys {sorted(unknown)}; expected name, grade, reason, "
                               "aliases, domains")
    return ReliabilityEntry(name.strip(), grade, reason.strip(), lists["aliases"], lists["domains"], origin)


@lru_cache(maxsize=1)
def default_table() -> ReliabilityTable:
    return ReliabilityTable(tuple(_read(DEFAULTS, "default")))


# -- grades ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Grade:
    """An Admiralty grade: ``reliability`` A–F, ``credibility`` 1–6, and the reasons in words."""

    reliability: str
    credibility: int
    reasons: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.reliability}{self.credibility}"

    @property
    def code(self) -> str:
        return str(self)

    @property
    def stix_confidence(self) -> int | None:
        """STIX confidence of the credibility (1→90 … 5→10; 6, cannot be judged: none)."""
        return STIX_CONFIDENCE.get(self.credibility)


def grade(incident: Any) -> str:
    """"B2" for anything with ``reliability`` and ``credibility`` (a row, a mapping, a Grade);
    "—" when it has not been graded."""
    get = incident.get if isinstance(incident, Mapping) else lambda k: getattr(incident, k, None)
    letter, number = get("reliability"), get("credibility")
    return f"{letter}{number}" if letter and number else "—"


def grade_sources(sources: Sequence[Source], table: ReliabilityTable, *,
                  contradictions: Mapping[str, Any] | None = None, denied: bool = False) -> Grade:
    """The grade of a fact resting on ``sources`` (its independent sources), given the fields
    they differ on and whether another source denies it (see the module's docstring)."""
    ratings = [(source, table.rate(source)) for source in sources]
    reasons: list[str] = []
    if ratings:
        best_source, best = min(ratings, key=lambda sr: LETTERS.index(sr[1].letter))
        letter = best.letter
        reasons.append(f"{letter}: best source {best_source.label} ({best.reason})")
    else:
        letter = "F"
        reasons.append("F: no source")
    letters = {rating.letter for _, rating in ratings}
    number, why = _credibility(len(ratings), letters, set(contradictions or {}), denied)
    reasons.append(f"{number}: {why}")
    return Grade(letter, number, tuple(reasons))


def _credibility(n: int, letters: set[str], differ: set[str], denied: bool) -> tuple[int, str]:
    if denied:
        return (4, f"{n} sources, but another source denies it") if n >= 2 else \
            (5, "one source, denied by another")
    if n == 0:
        return 6, "no source"
    if n == 1:
        (letter,) = letters
        if letter == "F":
            return 6, "one source whose reliability cannot be judged"
        if letter in "DE":
            return 4, f"one source, graded {letter}, uncorroborated"
        return 3, "one source, not corroborated"
    core = sorted(differ & CORE_FIELDS)
    if len(core) >= 2:
        return 4, f"{n} independent sources differ on {', '.join(core)}"
    if core:
        return 3, f"{n} independent sources differ on {core[0]}"
    if differ:
        return 2, f"{n} independent sources, differing on {', '.join(sorted(differ))}"
    if letters & RELIABLE:
        return 1, f"confirmed by {n} independent sources, one of them usually reliable or better"
    return 2, f"{n} independent sources agree, none graded A or B"


# -- in the store ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GradingSummary:
    """Incidents graded, by grade ("B2" → count)."""

    incidents: int
    grades: dict[str, int]


def grade_incidents(conn: sa.Connection, table: ReliabilityTable | None = None,
                    sources: Sources | None = None) -> GradingSummary:
    """Write each incident's reliability and credibility."""
    table = table or load_table()
    sources = sources or load_sources(conn)
    _, names = canonical_actors(conn)
    records = load_records(conn)
    reports = incident_reports(conn, sources, records)
    denied = denied_incidents(records, reports)
    counts: dict[str, int] = {}
    for incident_id, members in reports.items():
        found: Corroboration = corroborate_reports(members, sources.sources, names)
        result = grade_sources([sources.sources[k] for k in found.sources], table,
                               contradictions=found.contradictions, denied=incident_id in denied)
        conn.execute(sa.update(t.incidents).where(t.incidents.c.id == incident_id)
                     .values(reliability=result.reliability, credibility=result.credibility))
        counts[str(result)] = counts.get(str(result), 0) + 1
    return GradingSummary(len(reports), dict(sorted(counts.items())))


def denied_incidents(records: Sequence[EventRecord], reports: Mapping[int, Sequence[Any]]) -> set[int]:
    """Incidents a negated report of another document matches (as if it were asserted)."""
    negated = [replace(r, status="asserted") for r in records if r.status == "negated"]
    found = set()
    for incident_id, members in reports.items():
        for denial in negated:
            if any(m.record.document_id != denial.document_id and compare(denial, m.record).merges
                   for m in members):
                found.add(incident_id)
                break
    return found


def incident_grade(conn: sa.Connection, incident_id: int, table: ReliabilityTable | None = None) -> Grade:
    """The grade of one incident with its reasons (what ``grade_incidents`` wrote, explained)."""
    table = table or load_table()
    sources = load_sources(conn)
    _, names = canonical_actors(conn)
    records = load_records(conn)
    reports = incident_reports(conn, sources, records)
    members = reports.get(incident_id, [])
    found = corroborate_reports(members, sources.sources, names)
    denied = incident_id in denied_incidents(records, {incident_id: members})
    return grade_sources([sources.sources[k] for k in found.sources], table,
                         contradictions=found.contradictions, denied=denied)


def relation_grades(conn: sa.Connection, table: ReliabilityTable | None = None
                    ) -> dict[tuple[int, str, int], Grade]:
    """(canonical source id, type, canonical target id) → the grade of that relation across the
    store, from the independent sources of the sentences that state it."""
    table = table or load_table()
    sources = load_sources(conn)
    return {key: grade_sources([sources.sources[k] for k in group.sources], table)
            for key, group in relation_groups(conn, sources).items()}
