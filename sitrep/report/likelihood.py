"""Estimative language: the ICD 203 likelihood scale, and confidence kept apart from it.

ONTOLOGY.md: exactly seven bands, each with its two permitted wordings; confidence (low, moderate,
high) is a separate statement, never in the same sentence as a likelihood term.

How sitrep picks a term for a reported incident (``likelihood_for``), from its Admiralty grade and
its independent sources:

=================================================  =====================
information credibility (the grade's digit)         term
=================================================  =====================
1 confirmed by other sources                        very likely
2 probably true                                     likely
3 possibly true                                     roughly even chance
4 doubtful                                          unlikely
5 improbable                                        very unlikely
6 cannot be judged (or no grade)                    none: not estimated
=================================================  =====================

One band up (never past "almost certain") when the source reliability is A or B and two or more
independent sources report it; one band down (never below "almost no chance") when a single source
with reliability D, E or F carries it. ``confidence_for`` grades the evidence behind a set of
judgments: high with three or more independent sources on an A/B-graded incident; moderate with
two or more independent sources on some incident; low otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Band:
    """One band of the ICD 203 scale: its two wordings and its probability range (percent)."""

    term: str
    alternative: str
    low: int
    high: int


SCALE: tuple[Band, ...] = (
    Band("almost no chance", "remote", 1, 5),
    Band("very unlikely", "highly improbable", 5, 20),
    Band("unlikely", "improbable", 20, 45),
    Band("roughly even chance", "roughly even odds", 45, 55),
    Band("likely", "probable", 55, 80),
    Band("very likely", "highly probable", 80, 95),
    Band("almost certain", "nearly certain", 95, 99),
)
CONFIDENCE_LEVELS: tuple[str, ...] = ("low", "moderate", "high")

# every written form of a scale term (adverbs included: "almost certainly", "probably")
_FORMS = sorted({form for band in SCALE for form in (
    band.term, band.alternative, band.term + "ly" if band.term.endswith("certain") else band.term,
    band.alternative + "ly" if band.alternative.endswith("certain") else band.alternative,
)} | {"probably", "improbably", "highly probably"}, key=len, reverse=True)
_LIKELIHOOD = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in _FORMS) + r")(?![\w-])",
                         re.IGNORECASE)
_CONFIDENCE = re.compile(r"\b(low|moderate|high)[- ]confidence\b|\bconfidence\b", re.IGNORECASE)
_OFF_SCALE = re.compile(r"\b(possibly|possible|perhaps|maybe|might|could well|almost surely|"
                        r"certainly|definitely|doubtless|surely)\b", re.IGNORECASE)


def likelihood_terms(text: str) -> list[str]:
    """The ICD 203 terms ``text`` uses, as written (lower case), in order."""
    return [m.group(1).lower() for m in _LIKELIHOOD.finditer(text)]


def mentions_confidence(text: str) -> bool:
    return _CONFIDENCE.search(text) is not None


def check_sentence(text: str, *, off_scale: bool = True) -> list[str]:
    """What breaks the rules in one sentence: a likelihood term beside a confidence statement,
    or (with ``off_scale``) estimative words off the ICD 203 scale. Empty when it is clean."""
    problems = []
    terms = likelihood_terms(text)
    if terms and mentions_confidence(text):
        problems.append(f"likelihood ({', '.join(terms)}) and confidence in one sentence: {text!r}")
    off = [m.group(1).lower() for m in _OFF_SCALE.finditer(_LIKELIHOOD.sub(" ", text))] if off_scale else []
    if off:
        problems.append(f"estimative words off the ICD 203 scale ({', '.join(off)}): {text!r}")
    return problems


def check_sentences(texts: list[str], *, off_scale: bool = True) -> list[str]:
    """``check_sentence`` over many sentences."""
    return [problem for text in texts for problem in check_sentence(text, off_scale=off_scale)]


def band_of(term: str) -> Band:
    """The band a written term belongs to ("probable" → likely). ValueError when it is off the scale."""
    folded = term.strip().lower()
    for band in SCALE:
        forms = {band.term, band.alternative}
        forms |= {f + "ly" for f in forms if f.endswith("certain")}
        if folded in forms:
            return band
    raise ValueError(f"{term!r} is not on the ICD 203 scale; use one of: "
                     + ", ".join(b.term for b in SCALE))


def likelihood_for(credibility: int | None, reliability: str | None, sources: int) -> Band | None:
    """The band for an incident graded ``reliability``/``credibility`` with ``sources`` independent
    sources (see the module's table); None when its credibility cannot be judged."""
    if credibility is None or not 1 <= credibility <= 5:
        return None
    index = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}[credibility]
    if (reliability or "").upper() in ("A", "B") and sources >= 2:
        index += 1
    elif (reliability or "").upper() in ("D", "E", "F") and sources <= 1:
        index -= 1
    return SCALE[max(0, min(index, len(SCALE) - 1))]


def confidence_for(grades: list[tuple[str | None, int]]) -> str:
    """low, moderate or high, from each judged incident's (reliability, independent sources)."""
    if any((rel or "").upper() in ("A", "B") and n >= 3 for rel, n in grades):
        return "high"
    if any(n >= 2 for _, n in grades):
        return "moderate"
    return "low"
