"""Independent sources per incident and per relation, and where the sources differ.

A *source* is one published piece: a cited article, or a stored document speaking for itself.
Pieces are the same source when they share a specific URL (one that names an article, not a
section page such as ``/News/Releases/``) or a title of four words or more: a note that cites a
stored news item's URL or headline is that news item. So two notes citing one article count once.

What a report rests on: a sentence with notes rests on the pieces its notes cite (a report and
the article it cites are not independent: the report adds no source of its own); a sentence
without cited pieces rests on its document; a citation-title event rests on the cited piece.
The independent sources of an incident (or relation) are the distinct sources its reports rest on.

Where reports differ (killed, injured, the day, the place, who claimed it) every value is kept
with its sources side by side; the incident's figure is the most conservative one (ACLED's rule).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from sitrep.resolve.event_store import canonical_actors, load_records
from sitrep.resolve.events import EventRecord, _distance, _number
from sitrep.store import tables as t

MIN_TITLE_WORDS = 4
FIELDS = ("killed", "injured", "date", "place", "claimed_by")
_NON_WORD = re.compile(r"[^\w]+")
_SLUG = re.compile(r"\d|[-_.][^/]*[-_.]|\.(?:s?html?|php|aspx?)$")


@dataclass(frozen=True, slots=True)
class Source:
    """One independent source: its key, a label in words, the outlets or publishers that name
    it, the web domains it lives on, and ``kind``: article (cited or stored) or document."""

    key: str
    label: str
    outlets: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    kind: str = "article"


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sources one report (an event or a relation) rests on, and which notes led to them."""

    sources: tuple[str, ...]
    via_notes: tuple[int, ...] = ()


@dataclass
class Sources:
    """The store's pieces, grouped into sources, and what each fact rests on."""

    sources: dict[str, Source] = field(default_factory=dict)
    _of_item: dict[str, str] = field(default_factory=dict)
    _citations: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)

    def of_document(self, document_id: str) -> str:
        return self._of_item[f"doc:{document_id}"]

    def of_note(self, document_id: str, note: int) -> list[str]:
        return [self._of_item[c["item"]] for c in self._citations.get((document_id, note), [])]

    def for_fact(self, document_id: str, notes: Sequence[int], origin: str = "text",
                 span: tuple[int, int] | None = None) -> Evidence:
        """What a fact of ``document_id`` rests on (see the module's docstring)."""
        if origin == "citation" and notes:
            cited = self._citations.get((document_id, notes[0]), [])
            inside = [c for c in cited if span is not None and c["start"] <= span[0] and span[1] <= c["end"]]
            chosen = inside or cited
            if chosen:
                return Evidence(tuple(dict.fromkeys(self._of_item[c["item"]] for c in chosen)), (notes[0],))
        cited_keys = [key for note in notes for key in self.of_note(document_id, note)]
        if cited_keys:
            return Evidence(tuple(dict.fromkeys(cited_keys)), tuple(notes))
        return Evidence((self.of_document(document_id),))


def load_sources(conn: sa.Connection) -> Sources:
    """Every stored document and citation, grouped into sources by URL and title."""
    d, c = t.documents.c, t.citations.c
    items: dict[str, dict[str, Any]] = {}
    citations: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for row in conn.execute(sa.select(d.id, d.url, d.title, d.publisher, d.source).order_by(d.id)).mappings():
        items[f"doc:{row['id']}"] = {"kind": "document", "url": row["url"], "title": row["title"],
                                     "outlet": row["publisher"], "source": row["source"]}
    for row in conn.execute(
        sa.select(c.document_id, c.note_number, c.idx, c.start, c.end, c.title, c.outlet, c.url, c.raw,
                  c.authors)
        .order_by(c.document_id, c.note_number, c.idx)
    ).mappings():
        item = f"cite:{row['document_id']}:{row['note_number']}:{row['idx']}"
        # an organisation as author ("U.S. Department of Defense, “Statement …”") is the outlet
        outlet = row["outlet"] or (row["authors"][0] if len(row["authors"] or ()) == 1 else None)
        items[item] = {"kind": "article", "url": row["url"], "title": row["title"], "outlet": outlet,
                       "raw": row["raw"]}
        citations[(row["document_id"], row["note_number"])].append(
            {"item": item, "start": row["start"], "end": row["end"]})
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for item, info in items.items():
        keys = [item, *_identity_keys(info)]
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for item in items:
        groups[find(item)].append(item)
    found = Sources(_citations=dict(citations))
    for members in groups.values():
        ordered = sorted(members, key=lambda m: (not m.startswith("cite:"), m))
        source = _source(min(members), [items[m] for m in ordered])
        found.sources[source.key] = source
        for member in members:
            found._of_item[member] = source.key
    return found


def _identity_keys(info: Mapping[str, Any]) -> list[str]:
    keys = []
    url = normal_url(info.get("url"))
    if url and _specific(url):
        keys.append(f"url:{url}")
    title = fold_title(info.get("title"))
    if title and len(title.split()) >= MIN_TITLE_WORDS:
        keys.append(f"title:{title}")
    if info["kind"] == "article" and not keys:
        raw = fold_title(info.get("raw"))
        if raw:
            keys.append(f"raw:{raw}")
    return keys


def _source(key: str, infos: Sequence[Mapping[str, Any]]) -> Source:
    outlets = tuple(dict.fromkeys(i["outlet"].strip() for i in infos if i.get("outlet")))
    domains = tuple(dict.fromkeys(d for d in (domain_of(i.get("url")) for i in infos) if d))
    kind = "article" if any(i["kind"] == "article" for i in infos) or any(i.get("url") for i in infos) \
        else "document"
    title = next((i["title"] for i in infos if i.get("title")), None)
    who = outlets[0] if outlets else (domains[0] if domains else None)
    if title and who:
        label = f"{who}, “{title}”"
    elif title:
        label = f"“{title}”"
    else:
        raw = next((i.get("raw") or i.get("source") for i in infos if i.get("raw") or i.get("source")), key)
        label = f"{who}, {raw}" if who else str(raw)
    return Source(key, label[:200], outlets, domains, kind)


def normal_url(url: str | None) -> str | None:
    """A URL without scheme, ``www.``, fragment or trailing slash, lower-case host."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    path = parts.path.rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def _specific(url: str) -> bool:
    """Whether a (normalised) URL names one piece rather than a section of a site."""
    path = url.partition("/")[2]
    if "?" in url:
        return True
    last = path.rsplit("/", 1)[-1] if path else ""
    return bool(path) and bool(_SLUG.search(last) or re.search(r"\d", path))


def domain_of(url: str | None) -> str | None:
    normal = normal_url(url)
    return normal.split("/", 1)[0].split("?", 1)[0] if normal else None


def fold_title(title: str | None) -> str | None:
    if not title:
        return None
    folded = " ".join(_NON_WORD.sub(" ", title.casefold()).split())
    return folded or None


# -- incidents -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Report:
    """One report of an incident: the event, and the sources it rests on."""

    record: EventRecord
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Corroboration:
    """An incident's independent sources and the fields its reports disagree on
    (field → [{value, sources: [labels], reports: [event ids]}])."""

    sources: tuple[str, ...]
    contradictions: dict[str, list[dict[str, Any]]]


def corroborate_reports(reports: Sequence[Report], sources: Mapping[str, Source],
                        names: Mapping[int, str] | None = None) -> Corroboration:
    """The independent sources of one incident's reports, and where they differ."""
    keys = tuple(dict.fromkeys(key for report in reports for key in report.evidence.sources))
    values: dict[str, dict[Any, tuple[list[str], list[str]]]] = defaultdict(dict)

    def put(field: str, value: Any, report: Report) -> None:
        where, which = values[field].setdefault(value, ([], []))
        where.extend(k for k in report.evidence.sources if k not in where)
        which.append(report.record.id)

    for report in reports:
        record = report.record
        for kind in ("killed", "injured"):
            if getattr(record, kind) is not None:
                put(kind, float(getattr(record, kind)), report)
        if record.exact_day is not None:
            put("date", record.exact_day.isoformat(), report)
        if record.place_name and (record.place_precision or 9) <= 2:
            put("place", record.place_name, report)
        for claimant in sorted(record.claimed_by):
            name = (names or record.names).get(claimant, str(claimant))
            if not is_generic(name):  # "Militias (Iraq)" describes a claimant, it names none
                put("claimed_by", name, report)
    differ: dict[str, list[dict[str, Any]]] = {}
    for field_name in FIELDS:
        found = values.get(field_name, {})
        if field_name == "place":
            found = _distinct_places(found, reports)
        if len(found) < 2:
            continue
        differ[field_name] = [
            {"value": _json_value(value), "sources": [sources[k].label for k in where], "reports": which}
            for value, (where, which) in sorted(found.items(), key=lambda kv: str(kv[0]))
        ]
    return Corroboration(keys, differ)


def is_generic(name: str) -> bool:
    """Whether ``name`` is a generic actor's canonical name ("Militias (Iraq)", "Government of
    Iraq" is not: a state is named), made from a pack's generic-actor templates."""
    return any(pattern.fullmatch(name) for pattern in _generic_patterns())


@lru_cache(maxsize=1)
def _generic_patterns() -> tuple[re.Pattern[str], ...]:
    from sitrep.knowledge.pack import load_packs

    patterns = []
    for group in load_packs().groups:
        if group.state:
            continue
        pieces = re.split(r"(\{country\}|\{the_country\})", group.name)
        patterns.append(re.compile("".join(".+?" if p in ("{country}", "{the_country}") else re.escape(p)
                                           for p in pieces)))
    return tuple(patterns)


def _distinct_places(found: dict[Any, tuple[list[str], list[str]]], reports: Sequence[Report]
                     ) -> dict[Any, tuple[list[str], list[str]]]:
    """Place names that stand for different places: a site and its town 5 km apart are one."""
    by_name = {r.record.place_name: r.record for r in reports if r.record.place_name in found}
    kept: dict[Any, tuple[list[str], list[str]]] = {}
    for name, value in found.items():
        same = next((k for k in kept if (_distance(by_name[k], by_name[name]) or 99.0) <= 5.0), None)
        if same is None:
            kept[name] = value
        else:
            kept[same][0].extend(s for s in value[0] if s not in kept[same][0])
            kept[same][1].extend(value[1])
    return kept


def _json_value(value: Any) -> Any:
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    return value


@dataclass(frozen=True, slots=True)
class CorroborationSummary:
    """What ``corroborate`` wrote: incidents, those with two or more independent sources, and
    those whose sources differ."""

    incidents: int
    corroborated: int
    contradicted: int


def incident_reports(conn: sa.Connection, sources: Sources | None = None,
                     records: Iterable[EventRecord] | None = None) -> dict[int, list[Report]]:
    """incidents.id → its reports with their evidence."""
    sources = sources or load_sources(conn)
    by_id = {r.id: r for r in (records if records is not None else load_records(conn))}
    found: dict[int, list[Report]] = defaultdict(list)
    rows = conn.execute(
        sa.select(t.incident_events.c.incident_id, t.incident_events.c.event_id)
    ).all()
    for incident_id, event_id in rows:
        record = by_id.get(event_id)
        if record is None:
            continue
        evidence = sources.for_fact(record.document_id, record.notes, record.origin, record.sentence)
        found[incident_id].append(Report(record, evidence))
    for reports in found.values():
        reports.sort(key=lambda r: (r.record.order, r.record.id))
    return found


def corroborate(conn: sa.Connection, sources: Sources | None = None) -> CorroborationSummary:
    """Write each incident's independent source count and contradictions."""
    sources = sources or load_sources(conn)
    _, names = canonical_actors(conn)
    reports = incident_reports(conn, sources)
    corroborated = contradicted = 0
    for incident_id, members in reports.items():
        found = corroborate_reports(members, sources.sources, names)
        corroborated += len(found.sources) >= 2
        contradicted += bool(found.contradictions)
        conn.execute(sa.update(t.incidents).where(t.incidents.c.id == incident_id)
                     .values(sources=len(found.sources), contradictions=found.contradictions))
    return CorroborationSummary(len(reports), corroborated, contradicted)


# -- relations -----------------------------------------------------------------------------------

RelationKey = tuple[int, str, int]


@dataclass(frozen=True, slots=True)
class RelationGroup:
    """One relation across the store (canonical source, type, canonical target): the relation
    rows that state it and the independent sources they rest on."""

    key: RelationKey
    relations: tuple[int, ...]
    sources: tuple[str, ...]


def relation_groups(conn: sa.Connection, sources: Sources | None = None) -> dict[RelationKey, RelationGroup]:
    """Stated relations (origin text; pack knowledge is no source) grouped across documents."""
    sources = sources or load_sources(conn)
    canonical, _ = canonical_actors(conn)
    r = t.relations.c
    rows = conn.execute(
        sa.select(r.id, r.document_id, r.source_actor_id, r.type, r.target_actor_id, r.notes)
        .where(r.origin == "text").order_by(r.document_id, r.seq)
    ).all()
    ids: dict[RelationKey, list[int]] = defaultdict(list)
    keys: dict[RelationKey, list[str]] = defaultdict(list)
    for row in rows:
        key = (canonical.get(row.source_actor_id, row.source_actor_id), row.type,
               canonical.get(row.target_actor_id, row.target_actor_id))
        ids[key].append(row.id)
        evidence = sources.for_fact(row.document_id, tuple(row.notes or ()))
        keys[key].extend(k for k in evidence.sources if k not in keys[key])
    return {key: RelationGroup(key, tuple(ids[key]), tuple(keys[key])) for key in ids}


def describe_count(count: int) -> str:
    return f"{_number(float(count))} independent source" + ("s" if count != 1 else "")
