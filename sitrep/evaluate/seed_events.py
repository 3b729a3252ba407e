"""Score extracted events and relations against a seed gold file (``sitrep-gold/1``).

Events: predicted asserted events are matched one-to-one to core gold events on an accepted type,
a date within the gold precision or range (``may_be_missing``: none is also right) and a place in
the gold admin1/country. Recall is over core events; a prediction matched to an optional gold
event is left out of precision; every other unmatched prediction counts against it. Then, per
matched core event: type (and mode, where the gold gives one), date, place, actor, recipient,
claimed_by, weapon, killed and notes. An actor is right if one of the predicted actors resolves to
one listed; an empty gold list means a predicted actor there is wrong; for CONSULT, AGREE and
COOPERATE actor and recipient may be either way round.

Relations: (source, type, target) after resolving both ends; optional gold relations neither help
nor hurt. Resolution of a predicted actor: its pack id, or its text or name equal to a gold actor's
name or form, or containing one as whole words (the longest form wins: "two American soldiers").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sitrep.evaluate.metrics import Metric, accuracy
from sitrep.model.facts import ActorRef, Event, Extraction, Relation

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
_PLACE_WORDS = re.compile(r"\b(governorate|province|provincial|muhafazat|ostan|state|region|district)\b")


def score_events(gold: dict[str, Any], extraction: Extraction) -> list[Metric]:
    """Event recall/precision and per-field accuracy, and relation recall/precision."""
    actors = GoldActors(gold.get("actors", []))
    events = gold.get("events", []) or []
    core = [g for g in events if not g.get("optional")]
    optional = [g for g in events if g.get("optional")]
    predicted = [e for e in extraction.events if e.status == "asserted"]
    pairs = match_events(predicted, core, actors)
    used = {p for p, _ in pairs}
    left = [i for i in range(len(predicted)) if i not in used]
    optional_pairs = match_events([predicted[i] for i in left], optional, actors)
    dropped = {left[p] for p, _ in optional_pairs}
    counted = len(predicted) - len(dropped)
    hit_ids = {core[g]["id"] for _, g in pairs}
    missed = [g["id"] for g in core if g["id"] not in hit_ids]
    extra = [_label(predicted[i]) for i in range(len(predicted)) if i not in used and i not in dropped]
    metrics = [
        accuracy("events.recall", len(pairs), len(core), f"missed {missed}" if missed else ""),
        accuracy("events.precision", len(pairs), counted, f"extra {extra}" if extra else ""),
    ]
    metrics += _field_metrics([(predicted[p], core[g]) for p, g in pairs], actors)
    metrics += score_relations(gold, extraction.relations, actors)
    return metrics


class GoldActors:
    """The gold actors' names and forms, normalised, for resolving predicted ActorRefs."""

    def __init__(self, actors: Iterable[dict[str, Any]]) -> None:
        self.ids: set[str] = set()
        self.forms: list[tuple[str, str]] = []
        for actor in actors:
            self.ids.add(actor["id"])
            for form in [actor.get("name", ""), *(actor.get("forms") or [])]:
                if form:
                    self.forms.append((norm(form), actor["id"]))

    def resolve(self, ref: ActorRef) -> set[str]:
        if ref.actor_id in self.ids:
            return {str(ref.actor_id)}
        for text in (ref.text, ref.name):
            key = norm(text)
            exact = {i for form, i in self.forms if form == key}
            if exact:
                return exact
        best: set[str] = set()
        longest = 0
        for text in (ref.text, ref.name):
            key = norm(text)
            for form, actor_id in self.forms:
                if len(form) >= longest and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", key):
                    if len(form) > longest:
                        best, longest = set(), len(form)
                    best.add(actor_id)
        return best

    def resolve_all(self, refs: Iterable[ActorRef]) -> set[str]:
        return {i for ref in refs for i in self.resolve(ref)}


def norm(text: str) -> str:
    """Lower case, no diacritics, apostrophes, dots or hyphens, no leading article."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    folded = re.sub(r"[’‘'`ʼ.]", "", folded.lower())
    folded = re.sub(r"[-‐–—_/]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    return re.sub(r"^(the|a|an) ", "", folded)


# --- matching ---------------------------------------------------------------------------------


def match_events(predicted: list[Event], gold: list[dict[str, Any]], actors: GoldActors
                 ) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of compatible (prediction, gold) pairs, preferring pairs that
    agree on more fields (augmenting paths tried in that order)."""
    options: dict[int, list[int]] = {}
    for p, event in enumerate(predicted):
        scored = [(_agreement(event, g, actors), j) for j, g in enumerate(gold) if compatible(event, g)]
        options[p] = [j for _, j in sorted(scored, key=lambda x: -x[0])]
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for j in options[p]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = p
                return True
        return False

    order = sorted(options, key=lambda p: len(options[p]))
    for p in order:
        augment(p, set())
    return sorted((p, j) for j, p in owner.items())


def compatible(event: Event, gold: dict[str, Any]) -> bool:
    return event.type in (gold.get("types") or []) and date_ok(event, gold) and place_ok(event, gold)


def date_ok(event: Event, gold: dict[str, Any]) -> bool:
    spec = gold.get("date")
    if not spec:
        return True
    value = event.date.value if event.date is not None else None
    if value is None:
        return bool(spec.get("may_be_missing"))
    if "range" in spec:
        low, high = (_as_date(x, end=i == 1) for i, x in enumerate(spec["range"]))
        return low <= value <= high
    if "value" not in spec:
        return True
    precision = str(spec.get("precision", "day"))
    got = event.date.precision if event.date is not None else None
    if got in _PRECISION_ORDER and _PRECISION_ORDER[got] > _PRECISION_ORDER.get(precision, 0):
        return False
    want = _as_date(spec["value"])
    if precision == "year":
        return value.year == want.year
    if precision == "month":
        return (value.year, value.month) == (want.year, want.month)
    return value == want


def _as_date(value: Any, *, end: bool = False) -> date:
    if isinstance(value, date):
        return value
    parts = [int(x) for x in str(value).split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        return date(parts[0], parts[1], 28 if end else 1)
    return date(parts[0], parts[1], parts[2])


def place_ok(event: Event, gold: dict[str, Any]) -> bool:
    spec = gold.get("location")
    if not spec:
        return True
    place = event.place
    if place is None or not (place.admin1 or place.country):
        return bool(spec.get("may_be_missing"))
    if spec.get("country") and (place.country or "").upper() != str(spec["country"]).upper():
        return False
    return not spec.get("admin1") or _same_admin1(place.admin1 or "", str(spec["admin1"]))


def _same_admin1(got: str, want: str) -> bool:
    a, b = (_PLACE_WORDS.sub(" ", norm(x)).split() for x in (got, want))
    return bool(a) and (a == b or " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a))


def _agreement(event: Event, gold: dict[str, Any], actors: GoldActors) -> int:
    checks = _checks(event, gold, actors)
    return sum(1 for ok, _ in checks.values() if ok) + len(set(event.notes) & set(gold.get("notes") or []))


# --- fields -----------------------------------------------------------------------------------

Check = tuple[bool, str]


def _checks(event: Event, gold: dict[str, Any], actors: GoldActors) -> dict[str, Check]:
    checks: dict[str, Check] = {}
    mode_ok = gold.get("mode") is None or event.mode == gold["mode"]
    checks["type"] = (event.type in (gold.get("types") or []) and mode_ok, f"{event.type}/{event.mode}")
    checks["date"] = (date_ok(event, gold), str(event.date.value if event.date else None))
    checks["place"] = (place_ok(event, gold), _place_text(event))
    checks.update(_role_checks(event, gold, actors))
    claimed = actors.resolve_all(event.claimed_by)
    want_claim = set(gold.get("claimed_by") or [])
    checks["claimed_by"] = (claimed & want_claim if want_claim else not event.claimed_by,
                            str([a.text for a in event.claimed_by]))
    checks["weapon"] = (_weapon_ok(event.weapon, gold.get("weapon")), str(event.weapon))
    killed = event.count("killed")
    want_killed = gold.get("killed")
    same = killed is not None and want_killed is not None and abs(killed - float(want_killed)) < 1e-9
    checks["killed"] = ((killed is None and want_killed is None) or same, str(killed))
    if "notes" in gold:
        checks["notes"] = (set(event.notes) == set(gold.get("notes") or []), str(list(event.notes)))
    return {k: (bool(ok), got) for k, (ok, got) in checks.items()}


def _role_checks(event: Event, gold: dict[str, Any], actors: GoldActors) -> dict[str, Check]:
    def right(refs: tuple[ActorRef, ...], key: str) -> bool:
        want = set(gold.get(key) or [])
        return bool(actors.resolve_all(refs) & want) if want else not refs

    straight = {"actor": right(event.actors, "actor"), "recipient": right(event.recipients, "recipient")}
    if event.type in SYMMETRIC:
        crossed = {"actor": right(event.recipients, "actor"), "recipient": right(event.actors, "recipient")}
        if sum(crossed.values()) > sum(straight.values()):
            straight = crossed
    out: dict[str, Check] = {}
    for key, refs in (("actor", event.actors), ("recipient", event.recipients)):
        if key in gold:
            out[key] = (straight[key], str([a.text for a in refs]))
    return out


def _weapon_ok(got: str | None, want: Any) -> bool:
    if not want:
        return not got
    if not got:
        return False
    a, b = norm(got), norm(str(want))
    if a == b or b == _initials(a) or a == _initials(b):
        return True
    return re.search(rf"\b{re.escape(b)}\b", a) is not None


def _initials(text: str) -> str:
    return "".join(word[0] for word in text.split() if word)


def _field_metrics(pairs: list[tuple[Event, dict[str, Any]]], actors: GoldActors) -> list[Metric]:
    fields = ("type", "date", "place", "actor", "recipient", "claimed_by", "weapon", "killed", "notes")
    results: dict[str, list[tuple[str, bool, str]]] = {f: [] for f in fields}
    for event, gold in pairs:
        for name, (ok, got) in _checks(event, gold, actors).items():
            results[name].append((gold["id"], ok, got))
    metrics = []
    for name in fields:
        rows = results[name]
        wrong = [f"{gid}: got {got}" for gid, ok, got in rows if not ok]
        metrics.append(accuracy(f"events.{name}", sum(ok for _, ok, _ in rows), len(rows), "; ".join(wrong)))
    return metrics


def _label(event: Event) -> str:
    when = event.date.value if event.date else None
    return f"{event.type} {event.trigger!r} {when} {_place_text(event)}"


def _place_text(event: Event) -> str:
    place = event.place
    return f"{place.text} ({place.admin1}, {place.country})" if place else "None"


# --- relations --------------------------------------------------------------------------------


def score_relations(gold: dict[str, Any], relations: Iterable[Relation], actors: GoldActors) -> list[Metric]:
    """Relation recall and precision over resolved (source, type, target) triples."""
    listed = gold.get("relations", []) or []
    core = {(r["source"], r["type"], r["target"]) for r in listed if not r.get("optional")}
    optional = {(r["source"], r["type"], r["target"]) for r in listed if r.get("optional")}
    found: set[tuple[str, str, str]] = set()
    wrong: set[str] = set()
    for relation in relations:
        if relation.origin != "text":
            continue
        triples = _triples(relation, actors.resolve)
        right = triples & core
        if right:
            found |= right
        elif not triples & optional:
            wrong.add(f"{relation.source.text} {relation.type} {relation.target.text}")
    missed = sorted("/".join(t) for t in core - found)
    total = len(found) + len(wrong)
    return [accuracy("relations.recall", len(found), len(core), f"missed {missed}" if missed else ""),
            accuracy("relations.precision", len(found), total, f"extra {sorted(wrong)}" if wrong else "")]


def _triples(relation: Relation, resolve: Callable[[ActorRef], set[str]]) -> set[tuple[str, str, str]]:
    return {(s, relation.type, t) for s in resolve(relation.source) for t in resolve(relation.target)}
