"""How PLOVER codes what a sentence says: which event stands for it, and how an event that has not
happened is coded as the statement made about it (a promise is AGREE, a threat THREATEN, a demand
REQUEST, a refusal REJECT). Used by the PLOVER export and by the PLOVER evaluation alike."""

from __future__ import annotations

import re

from sitrep.model.facts import Event, Extraction


def main_event(extraction: Extraction) -> Event | None:
    """The first event in text order that PLOVER would code: news sentences put the main event
    first, and an event that is only promised, threatened or demanded is coded as that statement
    (``plover_type``). A negated material event is skipped ("did not attack"); a negated cooperative
    one stands, as a refusal ("would not meet" is REJECT)."""
    events = sorted(extraction.events, key=lambda e: (e.trigger_span.start, e.trigger_span.end))
    standing = [e for e in events if e.status != "negated" or e.type in _COOPERATIVE]
    return standing[0] if standing else None


_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_HARMFUL = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_UNSAID = frozenset({"planned", "hypothetical", "threatened"})
_OBLIGED = re.compile(r"\b(must|should|ought to|has to|have to)\b(\W+\w+){0,4}\W*$", re.I)
_ATTEMPT = re.compile(r"\b(attempt(s|ed|ing)?|tr(y|ied|ies|ying))\s+to\s*$", re.I)
_PURPOSE = re.compile(r"\b(to|in order to)\s*$", re.I)
_CONDITION = re.compile(r"\b(unless|or else|or face|otherwise)\b", re.I)


def plover_type(event: Event, text: str = "", *, sentence_text: str | None = None) -> str:
    """How PLOVER codes an event that has not happened but is said: a promise or offer of a
    cooperative act ("will provide aid", "offered to withdraw") is AGREE, a statement that one will
    do harm or that is made with a condition ("would boycott", "will withdraw ... unless") is
    THREATEN, a statement that another must act ("Y must hand over") is REQUEST, and a refusal of a
    cooperative act ("would not meet") is REJECT. Asserted events and verbal ones keep their type.
    ``text`` is the document the event's spans point into, or ``sentence_text`` the words of the
    event's sentence alone (the modal words are read from them)."""
    kind = event.type
    if event.status == "negated":
        return "REJECT" if kind in _COOPERATIVE else kind
    if event.status not in _UNSAID or kind not in _COOPERATIVE | _HARMFUL:
        return kind
    if sentence_text is not None:
        text, offset = sentence_text, event.sentence.start
    else:
        text, offset = text[event.sentence.start : event.sentence.end], event.sentence.start
    before = text[: event.trigger_span.start - offset]
    after = text[event.trigger_span.end - offset :]
    purpose = kind == "PROTEST" and event.status == "planned" and _PURPOSE.search(before)
    if _ATTEMPT.search(before) or purpose:
        return kind  # "tried to kill" is coded as the attack; "closed shops to protest" as the protest
    if _OBLIGED.search(before):
        return "REQUEST"
    if kind in _HARMFUL or event.status == "threatened" or _CONDITION.search(after):
        return "THREATEN"
    return "AGREE"
