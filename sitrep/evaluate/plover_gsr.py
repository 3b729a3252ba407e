"""Score sitrep on the PLOVER gold-standard records (``plover_gsr/dev.json``): one sentence each.

Which event stands for the sentence: the gold codes one event per sentence, usually the main
clause's. sitrep's value objects carry no parse, so the choice is by position: the **first
event in text order** (news sentences put the main event early; reporting verbs such as
"said" are not events), skipping negated material events; a sentence with no event counts as
wrong. An event that has not happened is coded as what was said about it (``plover_type``):
"X will give Y a grant" is AGREE, "X would boycott the vote" THREATEN, "Y must hand over the
suspects" REQUEST, "X would not meet Y" REJECT.

The records use PLOVER 0.5 labels; they are compared in today's 16 types after ``LEGACY``:
DEMAND → REQUEST, DISAPPROVE → ACCUSE (disapprove), INVESTIGATE → ACCUSE (investigate),
FIGHT → ASSAULT. Metrics: ``plover.type.accuracy`` (every record; per-type results and the
commonest confusions in the detail), and, reported only: ``plover.type.any_event`` (the gold
type is how some event of the sentence is coded: what a better choice of event could reach),
``plover.actor.match`` /
``plover.target.match`` (records with a source / target: some gold actor text overlaps — one
contains the other as whole words, lower-cased — some actor / recipient text of the chosen
event), ``plover.dead.match`` (records with a number of dead: the chosen event's ``killed``
count equals it) and ``plover.location.match`` (records with a location: its name overlaps the
chosen event's place text).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.metrics import Metric, accuracy
from sitrep.evaluate.wikievents import Extractor, contains_words, extract_all, normalise
from sitrep.export.plover_coding import main_event, plover_type
from sitrep.model.facts import Event, Extraction

LEGACY: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}


def gold_type(label: str) -> str:
    """A PLOVER 0.5 label in today's scheme (unchanged unless ``LEGACY`` renames it)."""
    return LEGACY.get(label, (label, None))[0]


def evaluate_plover(path: str | Path, pipeline: Extractor, *, limit: int | None = None) -> list[Metric]:
    """Run ``pipeline`` on each record's sentence and score the chosen event against the record."""
    records = load_plover(path, limit=limit)
    return score_plover(records, extract_all(pipeline, [r["text"] for r in records]))


def load_plover(path: str | Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: PLOVER gold file not found")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(_is_record(r) for r in data):
        raise SitrepError(f"{path}: expected a JSON list of PLOVER records with 'event' and 'text'")
    return data[:limit] if limit is not None else data


def _is_record(value: object) -> bool:
    return isinstance(value, dict) and "event" in value and "text" in value


def score_plover(records: Sequence[dict[str, Any]], extractions: Sequence[Extraction]) -> list[Metric]:
    if len(records) != len(extractions):
        raise SitrepError(f"{len(records)} gold records but {len(extractions)} extractions")
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusions: Counter[tuple[str, str]] = Counter()
    checks: dict[str, list[int]] = {"actor": [], "target": [], "dead": [], "location": []}
    anywhere = 0
    for record, extraction in zip(records, extractions, strict=True):
        want = gold_type(record["event"])
        event = main_event(extraction)
        text = str(record["text"])
        anywhere += any(plover_type(e, text) == want for e in extraction.events)
        got = plover_type(event, text) if event else "none"
        total[want] += 1
        if got == want:
            right[want] += 1
        else:
            confusions[(want, got)] += 1
        for name, hit in _checks(record, event).items():
            checks[name].append(hit)
    per_type = ", ".join(f"{t} {right[t]}/{n}" for t, n in sorted(total.items(), key=lambda kv: -kv[1]))
    confused = ", ".join(f"{w}→{g} {n}" for (w, g), n in confusions.most_common(8))
    metrics = [accuracy("plover.type.accuracy", sum(right.values()), sum(total.values()),
                        f"per type: {per_type}; confusions: {confused}"),
               accuracy("plover.type.any_event", anywhere, sum(total.values()),
                        "the gold type is how some event of the sentence is coded (plover_type)")]
    metrics += [accuracy(f"plover.{name}.match", sum(hits), len(hits)) for name, hits in checks.items()]
    return metrics


def _checks(record: dict[str, Any], event: Event | None) -> dict[str, int]:
    """The reported checks that apply to this record: 1 when the chosen event passes, else 0."""
    out: dict[str, int] = {}
    sources, targets = _actor_texts(record.get("source")), _actor_texts(record.get("target"))
    if sources:
        out["actor"] = int(event is not None and _overlap(sources, [a.text for a in event.actors]))
    if targets:
        out["target"] = int(event is not None and _overlap(targets, [a.text for a in event.recipients]))
    dead = _number(record.get("dead"))
    if dead is not None:
        out["dead"] = int(event is not None and event.count("killed") == dead)
    location = record.get("eventLoc")
    place = location.get("name") if isinstance(location, dict) else None
    if place:
        out["location"] = int(event is not None and event.place is not None
                              and _overlap([place], [event.place.text]))
    return out


def _actor_texts(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    return [a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText")]


def _overlap(gold: Sequence[str], predicted: Sequence[str]) -> bool:
    """Some gold text and some predicted text overlap: one holds the other as whole words."""
    for g in (normalise(x) for x in gold):
        for p in (normalise(x) for x in predicted):
            if g and p and (contains_words(p, g) or contains_words(g, p)):
                return True
    return False


def _number(value: object) -> float | None:
    try:
        return float(str(value).replace(",", "")) if value not in (None, "") else None
    except ValueError:
        return None
