"""Attach the sentence's dates, places, quantities and weapons to the event they belong to.

A value belongs to an event when its phrase hangs from one of the event's words in the parse
without passing through another clause ("On July 7, ... were killed": yes; "a province bordering
Iran": Iran is the object of another verb, no). Where nothing is attached, a sentence that names
exactly one date gives that one; the publication date is never used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from sitrep.model.facts import DateValue, Place, Quantity
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

T = TypeVar("T", DateValue, Place, Quantity)
_CROSSABLE_VERB_DEPS = {"acl", "amod"}
_MAX_STEPS = 8
_PLACE_NOUNS = frozenset({"region", "province", "governorate", "state", "district", "city", "town", "village",
                          "area", "county", "municipality", "prefecture", "department", "border", "capital"})

# common nouns for the sites where violence and arrests happen ("at a school", "outside the mosque")
SITE_NOUNS = frozenset({
    "airbase", "airfield", "airport", "bakery", "bank", "bar", "barracks", "base", "bazaar", "bridge",
    "building", "bus", "cafe", "café", "camp", "campus", "cathedral", "checkpoint", "church", "cinema",
    "city", "club", "college", "compound", "consulate", "court", "courthouse", "district", "embassy",
    "factory", "farm", "headquarters", "highway", "home", "hospital", "hotel", "house", "jail", "mall",
    "market", "marketplace", "mosque", "museum", "neighborhood", "neighbourhood", "nightclub", "office",
    "outpost", "park", "plaza", "port", "post", "prison", "province", "pub", "region", "residence",
    "restaurant", "road", "school", "shop", "shrine", "square", "stadium", "station", "store", "street",
    "supermarket", "synagogue", "temple", "theater", "theatre", "town", "train", "university", "village"})


SEQUEL_WORDS = frozenset({"after", "before", "following", "since", "until", "preceding"})
ANSWER_NOUNS = frozenset({"response", "retaliation", "reprisal", "revenge", "reaction", "answer",
                          "retribution"})


def tokens_in(doc: Doc, span: Span) -> list[Token]:
    """The tokens a character span covers (expanded to whole tokens)."""
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    return [t for t in chars if not t.is_space] if chars is not None else []


def phrase_head(tokens: Sequence[Token]) -> Token | None:
    """The token of a span whose head lies outside it (the span's syntactic head)."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head is token:
            return token
    return tokens[0] if tokens else None


def distance(head: Token, event_ids: set[int]) -> int | None:
    """Steps up the tree from ``head`` to one of the event's tokens, or None when the path
    leaves through another clause (a verb that is not the event's) or the value is a verb's object."""
    current = head
    for step in range(_MAX_STEPS):
        if current.i in event_ids:
            return step
        parent = current.head
        if parent is current or leads_to_sequel(current, parent):
            return None
        if parent.pos_ in {"VERB", "AUX"} and parent.i not in event_ids:
            if current.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}:
                return None
            if parent.dep_ not in _CROSSABLE_VERB_DEPS:
                return None
        current = parent
    return None


def leads_to_sequel(child: Token, parent: Token) -> bool:
    """Climbing from ``child`` to ``parent`` leaves another incident told as what an act answered or
    came before or after ("in response to the January 28 attack", "after the raid on the camp"):
    its date, place and weapon are its own ("after dawn", "after May 3" are times, and cross)."""
    if parent.lemma_.lower() in ANSWER_NOUNS:
        return True
    return (parent.lower_ in SEQUEL_WORDS and child.dep_ == "pobj"
            and child.ent_type_ not in {"DATE", "TIME"})


def own_clause(anchor: Token) -> set[int]:
    """The anchor's subtree without the incidents it answers or follows."""
    out = set()
    for token in anchor.subtree:
        current = token
        while current.i != anchor.i and not leads_to_sequel(current, current.head):
            current = current.head
        if current.i == anchor.i:
            out.add(token.i)
    return out


def attached(doc: Doc, values: Iterable[T], event_ids: set[int]) -> list[tuple[int, T]]:
    """The values (dates, places, quantities) whose phrase hangs from the event, nearest first."""
    out: list[tuple[int, T]] = []
    for value in values:
        head = phrase_head(tokens_in(doc, value.span))
        if head is None:
            continue
        steps = distance(head, event_ids)
        if steps is not None:
            out.append((steps, value))
    return sorted(out, key=lambda pair: pair[0])


def choose_date(doc: Doc, dates: Sequence[DateValue], event_ids: set[int]) -> DateValue | None:
    usable = [d for d in dates if d.value is not None]
    near = attached(doc, usable, event_ids)
    if near:
        return near[0][1]
    alone = usable[0] if len(usable) == 1 and not usable[0].future else None
    return alone if alone is not None and not _in_other_incident(doc, alone, event_ids) else None


def _in_other_incident(doc: Doc, value: DateValue, event_ids: set[int]) -> bool:
    """The sentence's one date hangs in a phrase about another incident the event answers or
    follows ("struck depots in response to the May 3 attack"): that incident's date, not the event's."""
    head = phrase_head(tokens_in(doc, value.span))
    current = head
    while current is not None and current.head.i != current.i:
        if leads_to_sequel(current, current.head):
            return not any(t.i in event_ids for t in current.subtree)
        current = current.head
    return False


def choose_place(doc: Doc, places: Sequence[Place], event_ids: set[int], clause: set[int]) -> Place | None:
    """The most specific resolved place attached to the event (a country that modifies the event
    noun only when nothing else is); else the most specific in its clause.
    A place that only modifies another noun ("Iran's leader", "the Iran-Iraq commission") or is a
    verb's subject or object is not where the event happened."""
    located = [p for p in places if _locative(doc, p, event_ids)]
    near = [p for _, p in attached(doc, located, event_ids)]
    if not near:
        near = [p for p in located if _inside(doc, p.span, clause)]
    # "U.S. strikes in Iraq": a country named before the event noun says who, "in X" says where
    where = [p for p in near if not (p.precision == 6 and _modifier(doc, p))]
    return most_specific(where or near)


def _modifier(doc: Doc, place: Place) -> bool:
    head = phrase_head(tokens_in(doc, place.span))
    return head is not None and head.dep_ in {"compound", "nmod", "amod"}


def most_specific(places: Sequence[Place]) -> Place | None:
    if not places:
        return None

    def rank(place: Place) -> tuple[int, int]:
        resolved = 0 if (place.admin1 or place.country) else 1
        return (resolved, place.precision if place.precision is not None else 9)

    return min(places, key=rank)


def _inside(doc: Doc, span: Span, ids: set[int]) -> bool:
    return any(t.i in ids for t in tokens_in(doc, span))


def _locative(doc: Doc, place: Place, event_ids: set[int]) -> bool:
    head = phrase_head(tokens_in(doc, place.span))
    if head is None:
        return False
    if head.dep_ in {"dobj", "nsubj", "nsubjpass", "poss", "attr", "dative"}:
        return False
    if head.dep_ in {"compound", "nmod", "amod"} and head.head.i not in event_ids:
        # "Mopti region", "Basra province": a name modifying a place word is still the place
        noun = head.head
        return noun.lemma_.lower() in _PLACE_NOUNS or (noun.dep_ == "pobj" and noun.pos_ == "PROPN")
    return True
