"""What a document is about, for the places stage and for names it cannot place by themselves:
its focus (the place it is most about, or the town named closest to a name), the towns a first
pass located, and towns the text names that no entity covers (clues to its country).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from sitrep.knowledge.gazetteer import Candidate, Gazetteer
from sitrep.model.facts import Place
from sitrep.model.span import Span

Point = tuple[float, float]
TOWN_CLUE = 15_000  # people: a smaller town named in passing is no clue to the country
_CAPITALISED = re.compile(r"(?<![.!?:\"“] )(?<!\n)(?<!^)\b[A-Z][a-z]{3,}(?: [A-Z][a-z]{3,})?\b")
_CLEAR_GAP = 1.5  # score lead over any reading abroad


def document_focus(places: Iterable[Place], *, near: Span | None = None, text: str | None = None
                   ) -> Place | None:
    """The place a document is most about: its most often named town (else province, else
    country), the first named among equals; with ``near``, the town (or district) named closest to
    that span, if any (with ``text``: only a town of the span's own paragraph, else the document's
    focus). For a name nothing resolves (a street, a building): "somewhere there"."""
    places = list(places)
    if near is not None:
        towns = [p for p in places if p.precision in (1, 2, 3) and p.lat is not None
                 and not p.span.overlaps(near)]
        if text is not None:
            start, end = text.rfind("\n", 0, near.start), text.find("\n", near.end)
            end = len(text) if end < 0 else end
            towns = [p for p in towns if start < p.span.start < end]
        if towns:
            return min(towns, key=lambda p: abs(p.span.start - near.start))
    for kinds in ((1, 2), (3, 4), (5, 6)):
        named = [p for p in places if p.precision in kinds and p.name is not None and p.source == "gazetteer"]
        if named:
            counts = Counter((p.name, p.country) for p in named)
            top = max(counts.values())
            return next(p for p in named if counts[(p.name, p.country)] == top)
    return None


def located_towns(keys: Sequence[str], places: Sequence[Place]) -> dict[str, list[Point]]:
    """Points of the towns (and districts) among ``places``, by the key of their name."""
    points: dict[str, list[Point]] = {}
    for key, place in zip(keys, places, strict=True):
        if place.precision in (1, 2, 3) and place.lat is not None and place.lon is not None:
            points.setdefault(key, []).append((place.lat, place.lon))
    return points


def town_clues(gazetteer: Gazetteer, text: str, taken: Sequence[Span]) -> list[Candidate]:
    """Towns the text names outside ``taken`` spans: a capitalised word or two, not opening a
    sentence, whose best reading, well ahead of any abroad, is a town of ``TOWN_CLUE`` people or
    more. Clues to the document's country, never places themselves."""
    towns = []
    for m in _CAPITALISED.finditer(text):
        if any(t.start < m.end() and m.start() < t.end for t in taken):
            continue
        found = gazetteer.lookup(m.group(), limit=5)
        best = found[0] if found else None
        if best is None or best.kind != "city" or not best.primary or best.population < TOWN_CLUE:
            continue
        if all(c.country == best.country for c in found if best.score - c.score < _CLEAR_GAP):
            towns.append(best)
    return towns
