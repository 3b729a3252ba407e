"""Which stored events report the same incident: pure rules over event records, every merge with
its reason in words.

An incident is atomic per day and place (ACLED's rule). Two reports are of one incident when:

- both are asserted (a denied, planned or threatened event never merges) and they are not the
  same sentence of one document;
- their types are equal, or of one family (``FAMILIES``: an abduction may be coded ASSAULT by one
  source and COERCE by another);
- their dates agree within their precision (a month contains its days, a headline's week contains
  the day; two exact days one apart are allowed, and kept side by side as sources that differ;
  further apart never); a report with no date must not be later than its document;
- their places agree: the same place, one inside the other (a town in its province or country),
  or two sites within ``NEAR_KM`` of each other; two towns in different provinces never merge;
  a report with no place does not block but earns nothing;
- and the evidence adds up to ``MERGE_SCORE`` (see ``compare``): same day, same place, same mode,
  the same actors or recipients, the same figures, and the note that cites a headline beside the
  document's own sentence.

Reports are taken best-dated first; each joins the incident whose every member it is compatible
with and whose best member it matches best, or starts one. The user's decisions come last and
win: ``merge A B`` puts B's incident into A's, ``split A`` takes A out on its own.
"""

from __future__ import annotations

import calendar
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

MERGE_SCORE = 3.5
NEAR_KM = 30.0
FAMILIES: tuple[frozenset[str], ...] = (frozenset({"ASSAULT", "COERCE"}),)
_PRECISION_RANK = {"day": 0, "week": 2, "month": 3, "year": 4}
_ROLES = ("actors", "claimed_by", "attributed_to")


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One stored event as merging sees it. Actor sets hold canonical actor ids; ``names`` gives
    the display name of each id and ``folded`` the folded names as the text gave them."""

    id: str
    document_id: str
    order: int  # the stored order: earliest ingested document first, then the event's position
    type: str
    sentence: tuple[int, int]
    status: str = "asserted"
    origin: str = "text"
    mode: str | None = None
    notes: tuple[int, ...] = ()
    date_value: date | None = None
    date_end: date | None = None
    date_precision: str | None = None
    date_kind: str | None = None
    published: date | None = None
    place_name: str | None = None
    place_admin1: str | None = None
    place_country: str | None = None
    place_precision: int | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    actors: frozenset[int] = frozenset()
    recipients: frozenset[int] = frozenset()
    claimed_by: frozenset[int] = frozenset()
    attributed_to: frozenset[int] = frozenset()
    names: Mapping[int, str] = field(default_factory=dict)
    folded: Mapping[str, frozenset[str]] = field(default_factory=dict)  # role -> folded names
    killed: float | None = None
    injured: float | None = None

    @property
    def interval(self) -> tuple[date, date] | None:
        """The days the date covers, by its precision; None when undated."""
        value = self.date_value
        if value is None or self.date_kind == "unresolved":
            return None
        precision = self.date_precision or "day"
        if self.date_end is not None and self.date_end >= value:
            return value, self.date_end
        if precision == "week":
            return value - timedelta(days=3), value + timedelta(days=3)
        if precision == "month":
            return value.replace(day=1), value.replace(day=calendar.monthrange(value.year, value.month)[1])
        if precision == "year":
            return date(value.year, 1, 1), date(value.year, 12, 31)
        return value, value

    @property
    def exact_day(self) -> date | None:
        """The day, when the date is one exact day."""
        interval = self.interval
        return interval[0] if interval is not None and interval[0] == interval[1] else None

    @property
    def has_place(self) -> bool:
        return self.place_name is not None or self.place_country is not None

    def people(self, role: str) -> frozenset[int]:
        return frozenset(getattr(self, role))


@dataclass(frozen=True, slots=True)
class Comparison:
    """How two reports compare: ``compatible`` (no rule keeps them apart), the evidence ``score``,
    and the words for each finding (``reasons``), or why they stay apart (``blocked``)."""

    compatible: bool
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    blocked: str | None = None

    @property
    def merges(self) -> bool:
        return self.compatible and self.score >= MERGE_SCORE

    @property
    def reason(self) -> str:
        return ", ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Decision:
    """A user's decision on events: ``merge`` (``a`` and ``b`` are one incident) or ``split``
    (``a`` is its own incident)."""

    id: int
    action: str
    a: str
    b: str | None = None


@dataclass
class Cluster:
    """One incident's reports, each with the reason it joined (the first one's says it came first)."""

    members: list[tuple[EventRecord, str]] = field(default_factory=list)

    @property
    def records(self) -> list[EventRecord]:
        return [record for record, _ in self.members]

    @property
    def key(self) -> str:
        """The id of the earliest-stored report: stable across rebuilds."""
        return min(self.records, key=lambda r: (r.order, r.id)).id


@dataclass(frozen=True, slots=True)
class Grouping:
    """The incidents (``clusters``), and the decisions that named events no longer stored."""

    clusters: list[Cluster]
    skipped_decisions: tuple[Decision, ...] = ()


def compare(a: EventRecord, b: EventRecord) -> Comparison:
    """Whether ``a`` and ``b`` may be one incident, and how strongly the evidence says so."""
    if a.status != "asserted" or b.status != "asserted":
        return Comparison(False, blocked="only asserted events merge")
    if a.document_id == b.document_id and a.sentence == b.sentence:
        return Comparison(False, blocked="the same sentence")
    reasons: list[str] = []
    score = 0.0
    for part in (_types, _dates, _places, _roles, _figures, _note_link):
        found = part(a, b)
        if found is None:
            continue
        if isinstance(found, str):
            return Comparison(False, blocked=found)
        points, words = found
        score += points
        if words:
            reasons.append(words)
    if (a.document_id == b.document_id and a.origin == b.origin == "text"
            and not _same_place(a, b) and not _note_linked(a, b)):
        return Comparison(False, blocked="two sentences of one document at places not shown to be one")
    return Comparison(True, score, tuple(reasons))


def group(records: Iterable[EventRecord], decisions: Sequence[Decision] = ()) -> Grouping:
    """The incidents of ``records`` (asserted ones only), decisions applied last."""
    asserted = sorted((r for r in records if r.status == "asserted"), key=_priority)
    clusters: list[Cluster] = []
    index = _DayIndex()
    for record in asserted:
        best: tuple[float, int, str] | None = None
        for candidate in index.candidates(record):
            joined = _join(record, clusters[candidate])
            if joined is not None and (best is None or (joined[0], -candidate) > (best[0], -best[1])):
                best = (joined[0], candidate, joined[1])
        if best is None:
            index.add(len(clusters), record)
            clusters.append(Cluster([(record, "first report")]))
        else:
            clusters[best[1]].members.append((record, best[2]))
            index.add(best[1], record)
    return _decide(clusters, decisions)


class _DayIndex:
    """Incidents by type family and by the days their dated reports cover (a day either side
    too), so that a report is compared only with incidents it may join."""

    def __init__(self) -> None:
        self.by_day: dict[tuple[str, date], set[int]] = {}
        self.by_family: dict[str, set[int]] = {}
        self.undated: dict[str, set[int]] = {}

    def add(self, cluster: int, record: EventRecord) -> None:
        family = _family(record.type)
        self.by_family.setdefault(family, set()).add(cluster)
        interval = record.interval
        if interval is None:
            self.undated.setdefault(family, set()).add(cluster)
            return
        for day in _days(interval, slack=1):
            self.by_day.setdefault((family, day), set()).add(cluster)

    def candidates(self, record: EventRecord) -> list[int]:
        family = _family(record.type)
        interval = record.interval
        if interval is None:
            return sorted(self.by_family.get(family, ()))
        found = set(self.undated.get(family, ()))
        for day in _days(interval):
            found.update(self.by_day.get((family, day), ()))
        return sorted(found)


def _days(interval: tuple[date, date], *, slack: int = 0) -> Iterable[date]:
    day, last = interval[0] - timedelta(days=slack), interval[1] + timedelta(days=slack)
    while day <= last:
        yield day
        day += timedelta(days=1)


def _family(event_type: str) -> str:
    family = next((f for f in FAMILIES if event_type in f), None)
    return "+".join(sorted(family)) if family else event_type


def _join(record: EventRecord, cluster: Cluster) -> tuple[float, str] | None:
    """The score and reason of ``record`` joining ``cluster``: compatible with every member,
    matched by its best one; None when it may not join."""
    best: Comparison | None = None
    best_member: EventRecord | None = None
    for member in cluster.records:
        comparison = compare(record, member)
        if not comparison.compatible:
            return None
        if best is None or comparison.score > best.score:
            best, best_member = comparison, member
    if best is None or best_member is None or not best.merges:
        return None
    return best.score, f"matches {_label(best_member)}: {best.reason}"


def _decide(clusters: list[Cluster], decisions: Sequence[Decision]) -> Grouping:
    where: dict[str, Cluster] = {}
    for cluster in clusters:
        for record in cluster.records:
            where[record.id] = cluster
    skipped = []
    for decision in decisions:
        known = decision.a in where and (decision.b is None or decision.b in where)
        if decision.action == "merge" and decision.b is not None and known:
            target, source = where[decision.a], where[decision.b]
            if target is source:
                continue
            for record, _ in source.members:
                target.members.append((record, f"merged by the user (decision {decision.id}: "
                                               f"{decision.a} and {decision.b} are one incident)"))
                where[record.id] = target
            source.members.clear()
        elif decision.action == "split" and decision.a in where:
            cluster = where[decision.a]
            if len(cluster.members) == 1:
                continue
            record = next(r for r in cluster.records if r.id == decision.a)
            cluster.members = [(r, why) for r, why in cluster.members if r.id != decision.a]
            alone = Cluster([(record, f"split off by the user (decision {decision.id})")])
            clusters.append(alone)
            where[record.id] = alone
        else:
            skipped.append(decision)
    return Grouping([c for c in clusters if c.members], tuple(skipped))


def _priority(record: EventRecord) -> tuple[int, int, int, int, str]:
    precision = _PRECISION_RANK.get(record.date_precision or "", 5) if record.interval else 5
    exact = 0 if record.exact_day is not None else 1
    return (0 if record.origin == "text" else 1, precision + exact, 0 if record.has_place else 1,
            record.order, record.id)


def _label(record: EventRecord) -> str:
    if record.origin == "citation" and record.notes:
        return f"title of note {record.notes[0]} {record.id[:12]}"
    return f"event {record.id[:12]}"


# -- the parts of a comparison: None (nothing to say), a reason to stay apart, or (points, words) --

Part = tuple[float, str] | str | None


def _types(a: EventRecord, b: EventRecord) -> Part:
    if a.type == b.type:
        points, words = 1.0, f"same type {a.type}"
    elif any(a.type in family and b.type in family for family in FAMILIES):
        points, words = -0.5, f"types of one family ({a.type}, {b.type})"
    else:
        return f"different types {a.type} and {b.type}"
    if a.mode and a.mode == b.mode:
        points, words = points + 0.5, f"{words}, same mode {a.mode}"
    return points, words


def _dates(a: EventRecord, b: EventRecord) -> Part:
    first, second = a.interval, b.interval
    if first is None and second is None:
        return -1.0, "no date in either report"
    if first is None or second is None:
        dated, undated = (a, b) if first is not None else (b, a)
        span = dated.interval
        assert span is not None
        if undated.published is not None and span[0] > undated.published:
            return f"dated {_when(dated)}, after the undated report's document ({undated.published})"
        return -1.0, f"date {_when(dated)} (no date in the other report)"
    day_a, day_b = a.exact_day, b.exact_day
    if day_a is not None and day_b is not None:
        if day_a == day_b:
            return 2.0, f"date {day_a} within day precision"
        if abs((day_a - day_b).days) == 1:
            return -1.0, f"dates a day apart ({min(day_a, day_b)} vs {max(day_a, day_b)}: sources differ)"
        return f"different days {day_a} and {day_b}"
    if first[0] <= second[1] and second[0] <= first[1]:
        narrow, wide = (a, b) if _width(first) <= _width(second) else (b, a)
        points = 1.0 if (wide.date_precision or "day") in ("day", "week") else 0.5
        return points, f"date {_when(narrow)} within {_when(wide)}"
    return f"dates {_when(a)} and {_when(b)} do not overlap"


def _places(a: EventRecord, b: EventRecord) -> Part:
    if not a.has_place or not b.has_place:
        return None if not a.has_place and not b.has_place else (0.0, "place unknown in one report")
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return f"different countries {a.place_country} and {b.place_country}"
    if _fold(a.place_name) and _fold(a.place_name) == _fold(b.place_name):
        return 2.0, f"same place {a.place_name}"
    if a.place_precision is None or b.place_precision is None:
        return 0.0, f"places {a.place_name} and {b.place_name} (one not found in the gazetteer)"
    wide, narrow = (a, b) if a.place_precision >= b.place_precision else (b, a)
    if (wide.place_precision or 0) >= 5:
        return 0.5, f"{narrow.place_name} lies in {wide.place_name or wide.place_country}"
    if (wide.place_precision or 0) >= 4:
        area = _fold(wide.place_admin1 or wide.place_name)
        if area in (_fold(narrow.place_admin1), _fold(narrow.place_name)):
            return 1.0, f"{narrow.place_name} lies in {wide.place_name}"
        return f"different provinces {wide.place_name} and {narrow.place_admin1 or narrow.place_name}"
    distance = _distance(a, b)
    if distance is not None:
        if distance <= NEAR_KM:
            return 0.5, f"{a.place_name} is {distance:.0f} km from {b.place_name}"
        return f"different places {a.place_name} and {b.place_name} ({distance:.0f} km apart)"
    if a.place_admin1 and _fold(a.place_admin1) == _fold(b.place_admin1):
        return 0.0, f"{a.place_name} and {b.place_name} in one province ({a.place_admin1})"
    return f"different places {a.place_name} and {b.place_name}"


def _roles(a: EventRecord, b: EventRecord) -> Part:
    points, words = 0.0, []
    doers = _agree(a, b, _ROLES)
    if doers:
        points += 1.5
        words.append(f"actors agree ({doers})")
    receivers = _agree(a, b, ("recipients",))
    if receivers:
        points += 1.5
        words.append(f"recipients agree ({receivers})")
    return (points, ", ".join(words)) if words else None


def _figures(a: EventRecord, b: EventRecord) -> Part:
    points, words = 0.0, []
    for kind, weight in (("killed", 1.0), ("injured", 0.5)):
        x, y = getattr(a, kind), getattr(b, kind)
        if x is None or y is None:
            continue
        if x == y:
            points += weight
            words.append(f"{kind} {_number(x)} in both")
        else:
            words.append(f"{kind} {_number(x)} vs {_number(y)} (sources differ)")
    return (points, ", ".join(words)) if words else None


def _note_link(a: EventRecord, b: EventRecord) -> Part:
    if _note_linked(a, b):
        title = a if a.origin == "citation" else b
        return 3.0, f"the title cited in note {title.notes[0]} stands beside the document's own sentence"
    return None


def _note_linked(a: EventRecord, b: EventRecord) -> bool:
    if a.document_id != b.document_id or {a.origin, b.origin} != {"citation", "text"}:
        return False
    title, text = (a, b) if a.origin == "citation" else (b, a)
    return bool(title.notes) and title.notes[0] in text.notes


def _same_place(a: EventRecord, b: EventRecord) -> bool:
    found = _places(a, b)
    return isinstance(found, tuple) and found[0] > 0


def _agree(a: EventRecord, b: EventRecord, roles: Sequence[str]) -> str:
    ids_a = frozenset().union(*(a.people(r) for r in roles))
    ids_b = frozenset().union(*(b.people(r) for r in roles))
    shared = sorted(ids_a & ids_b)
    if shared:
        return ", ".join(a.names.get(i) or b.names.get(i) or str(i) for i in shared)
    folded_a = frozenset().union(*(a.folded.get(r, frozenset()) for r in roles))
    folded_b = frozenset().union(*(b.folded.get(r, frozenset()) for r in roles))
    return ", ".join(sorted(folded_a & folded_b))


def _distance(a: EventRecord, b: EventRecord) -> float | None:
    if None in (a.place_lat, a.place_lon, b.place_lat, b.place_lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.place_lat, a.place_lon, b.place_lat, b.place_lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _width(interval: tuple[date, date]) -> int:
    return (interval[1] - interval[0]).days


def _when(record: EventRecord) -> str:
    interval = record.interval
    if interval is None:
        return "undated"
    if interval[0] == interval[1]:
        return interval[0].isoformat()
    precision = record.date_precision or "range"
    return f"{precision} {interval[0]}..{interval[1]}"


def _fold(name: str | None) -> str:
    return " ".join((name or "").casefold().replace("-", " ").split())


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def consensus(records: Sequence[EventRecord]) -> dict[str, object]:
    """An incident's own fields from its reports: the commonest type and mode, the most precise
    date (the commonest exact day, on a tie the earliest-stored report's; else the narrowest range),
    the most precise place, and the most conservative figures (ACLED's rule)."""
    types = Counter(r.type for r in records)
    modes = Counter(r.mode for r in records if r.mode)
    days = Counter(r.exact_day for r in records if r.exact_day is not None)
    fields: dict[str, object] = {
        "type": _commonest(types, [r.type for r in records]),
        "mode": _commonest(modes, [r.mode for r in records if r.mode]) if modes else None,
    }
    if days:
        first_seen = {}
        for record in sorted(records, key=lambda r: (r.order, r.id)):
            if record.exact_day is not None:
                first_seen.setdefault(record.exact_day, record.order)
        day = sorted(days, key=lambda d: (-days[d], first_seen[d], d))[0]
        fields.update(date_value=day, date_end=None, date_precision="day")
    else:
        dated = [r for r in records if r.interval is not None]
        if dated:
            narrow = min(dated, key=lambda r: (_width(r.interval), r.order))  # type: ignore[arg-type]
            start, end = narrow.interval  # type: ignore[misc]
            fields.update(date_value=start, date_end=end if end != start else None,
                          date_precision=narrow.date_precision or "day")
        else:
            fields.update(date_value=None, date_end=None, date_precision=None)
    placed = [r for r in records if r.has_place]
    if placed:
        best = min(placed, key=lambda r: (r.place_precision or 9, r.order))
        fields.update(place_name=best.place_name, place_admin1=best.place_admin1,
                      place_country=best.place_country, place_lat=best.place_lat, place_lon=best.place_lon,
                      place_precision=best.place_precision)
    else:
        fields.update(place_name=None, place_admin1=None, place_country=None, place_lat=None,
                      place_lon=None, place_precision=None)
    for kind in ("killed", "injured"):
        values = [getattr(r, kind) for r in records if getattr(r, kind) is not None]
        fields[kind] = min(values) if values else None
    return fields


def _commonest(counts: Counter[str], in_order: list[str]) -> str:
    top = max(counts.values())
    return next(value for value in in_order if counts[value] == top)
