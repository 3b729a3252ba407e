"""From triggers to events in one sentence: read each trigger's roles, date, place, numbers and
weapon; merge the triggers that tell one incident ("an attack ... that killed 5" is one ASSAULT);
drop generic mentions; apply claims and attributions; build Event values."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep.extract.events.acled import WeaponInfo, classify
from sitrep.extract.events.attach import (
    ANSWER_NOUNS,
    SEQUEL_WORDS,
    attached,
    choose_date,
    choose_place,
    most_specific,
    own_clause,
    phrase_head,
    tokens_in,
)
from sitrep.extract.events.frame import Frame, Sentence, is_instrument
from sitrep.extract.events.lexicon import LIGHT_VERBS
from sitrep.extract.events.modality import is_generic, status_of
from sitrep.extract.events.phrases import span_of
from sitrep.extract.events.roles import roles_for
from sitrep.extract.events.triggers import Hit
from sitrep.extract.events.weapons import WeaponHit
from sitrep.extract.events.where import places_as_modifiers, places_as_recipients, site_of, visit_place
from sitrep.model.facts import ActorRef, DateValue, Event, Place, Quantity
from sitrep.model.span import Span
from sitrep.model.vocab import PLOVER_MODES

if TYPE_CHECKING:
    from spacy.tokens import Token

_FORCE = {"ASSAULT", "COERCE", "MOBILIZE"}
_COUNTS = {"killed", "injured", "arrested"}
_ATTEMPT_NOUNS = {"attempt", "plot", "bid"}
_CAUSE_VERBS = {"prompt", "provoke", "trigger", "spark"}  # one act that brought about another
_TOLL_WORDS = {"kill", "killing", "die", "dead", "death", "injure", "injury", "wound", "hurt"}


def build_frames(sentence: Sentence, hits: list[Hit]) -> list[Frame]:
    hits = _drop_light_verbs(hits)
    triggers = frozenset(i for h in hits for i in (h.token.i, h.anchor.i))
    frames = [_frame(sentence, hit, triggers) for hit in hits]
    _relative_clauses(sentence, frames)
    frames = _merge(sentence, frames)
    for frame in frames:
        _fill(sentence, frame)
    _share_counts(sentence, frames)
    return frames


def _drop_light_verbs(hits: list[Hit]) -> list[Hit]:
    anchors = {h.anchor.i for h in hits if h.anchor is not h.token}
    return [h for h in hits if not (h.token.i in anchors and h.token.lemma_.lower() in LIGHT_VERBS)]


def _frame(sentence: Sentence, hit: Hit, triggers: frozenset[int] = frozenset()) -> Frame:
    roles = roles_for(hit, sentence.index, lambda t: is_instrument(sentence, t), sentence.states, triggers)
    frame = Frame([hit], roles)
    if roles.governor is not None:  # "announced on July 6 a goal of increasing trade"
        frame.extra.add(roles.governor.i)
    frame.date = _date(sentence, frame)
    frame.place = choose_place(sentence.doc, sentence.where, frame.ids, _clause(hit))
    return frame


def _relative_clauses(sentence: Sentence, frames: list[Frame]) -> None:
    """"a similar offensive ... that cleared militia networks in Basra": a relative clause about an
    event noun tells what the event did (its object is the recipient), wherever the parser hung it."""
    nouns = sorted((f for f in frames if f.main.nominal), key=lambda f: f.main.token.i)
    taken = {i for f in frames for i in f.ids}
    for verb in sentence.sent:
        if verb.pos_ != "VERB" or verb.i in taken or not _relative_subject_token(verb):
            continue
        before = [f for f in nouns if f.main.token.i < verb.i]
        if not before:
            continue
        frame = before[-1]
        frame.extra.add(verb.i)
        if not frame.roles.recipients:
            frame.roles.recipients = [a for c in verb.children if c.dep_ == "dobj"
                                      for a in sentence.index.for_phrase(c)]
        frame.date = frame.date or _date(sentence, frame)
        frame.place = frame.place or choose_place(sentence.doc, sentence.where, frame.ids, set())


def _relative_subject_token(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"that", "which"} for c in verb.children)


def _clause(hit: Hit) -> set[int]:
    return own_clause(hit.anchor)


def _date(sentence: Sentence, frame: Frame) -> DateValue | None:
    ids = frame.ids
    heads = sentence.date_heads
    for date in sentence.dates:
        head = heads.get(date.span.start)
        if date.value is not None and head is not None and head in ids:
            frame.dated = True
            return date
    near = attached(sentence.doc, [d for d in sentence.dates if d.value is not None], ids)
    if near:
        frame.dated = True
        return near[0][1]
    return choose_date(sentence.doc, sentence.dates, ids)


def _family(kind: str) -> str:
    return "FORCE" if kind in _FORCE else kind


def _merge(sentence: Sentence, frames: list[Frame]) -> list[Frame]:
    """Merge frames that tell one incident: an event noun that is the subject of a verb trigger
    ("an attack ... killed"), a relative clause ("... that killed 5") with the nearest event noun
    before it, and any two triggers of one family in a sentence whose dates and places agree."""
    frames = sorted(frames, key=lambda f: _depth(f.main.anchor))
    merged: list[Frame] = []
    for frame in frames:
        target = _merge_target(frame, merged)
        if target is None:
            merged.append(frame)
        else:
            _absorb(target, frame)
    return sorted(merged, key=lambda f: f.main.token.i)


def _merge_target(frame: Frame, merged: list[Frame]) -> Frame | None:
    hit = frame.main
    same = [m for m in merged if _family(m.main.type) == _family(hit.type)
            and not _sequel(m.main.token, hit.token)]
    if not same:
        return None
    for other in same:
        if other.roles.subject_event is not None and other.roles.subject_event.i in frame.ids:
            return other
        if frame.roles.subject_event is not None and frame.roles.subject_event.i in other.ids:
            return other
    if _relative_subject(hit):
        before = [m for m in same if m.main.token.i < hit.token.i]
        if before:
            return max(before, key=lambda m: m.main.token.i)
    for other in same:
        if _compatible(other, frame) and not _described(other.main.token, hit.token):
            return other
    return None


def _described(a: Token, b: Token) -> bool:
    """One trigger lies in a relative clause that describes someone ("killed X, a commander whom Y
    held responsible for planning attacks on Z"): the attacks are what X is said to have done,
    not more of the killing. A clause about a thing ("a device that exploded, wounding 13") is the
    incident itself."""
    above_a = [a, *a.ancestors]
    above_b = [b, *b.ancestors]
    common = next((t for t in above_a if t in above_b), None)
    if common is None:
        return False
    path = above_a[:above_a.index(common)] + above_b[:above_b.index(common)]
    return any(t.dep_ == "relcl" and any(c.lower_ in {"who", "whom", "whose"} for c in t.subtree)
               for t in path)


def _sequel(a: Token, b: Token) -> bool:
    """"hit 85 targets in response to the attack", "came days after aircraft hit": one act told as
    the answer to, or the time before or after, another is a second incident with its own date."""
    above_a = [a, *a.ancestors]
    above_b = [b, *b.ancestors]
    common = next((t for t in above_a if t in above_b), None)
    if common is None:
        return False
    path = [t for t in above_a[:above_a.index(common)]] + [t for t in above_b[:above_b.index(common)]]
    for token in path:
        if token.lower_ in SEQUEL_WORDS or token.lemma_.lower() in ANSWER_NOUNS:
            return True
        if token.pos_ == "VERB" and token.lemma_.lower() in _CAUSE_VERBS:
            return True  # "killed in attacks, prompting airstrikes": the strikes answer the attacks
        if any(c.dep_ == "mark" and c.lower_ in SEQUEL_WORDS for c in token.children):
            return True
    return False


def _relative_subject(hit: Hit) -> bool:
    return _relative_subject_token(hit.anchor)


def _compatible(a: Frame, b: Frame) -> bool:
    if a.date is not None and b.date is not None and a.date.value != b.date.value:
        return False
    if a.place is not None and b.place is not None and (a.place.admin1, a.place.country) != (
            b.place.admin1, b.place.country):
        return False
    actors_a = {x.name for x in a.roles.actors}
    actors_b = {x.name for x in b.roles.actors}
    if actors_a and actors_b and not actors_a & actors_b:
        return False
    return a.main.type == b.main.type or _linked(a.main, b.main)


def _linked(a: Hit, b: Hit) -> bool:
    """One trigger hangs from the other (a participle, an object, a conjunct)."""
    return a.anchor in b.token.ancestors or b.anchor in a.token.ancestors


def _absorb(target: Frame, frame: Frame) -> None:
    target.hits += frame.hits
    roles, extra = target.roles, frame.roles
    roles.actors = _union(roles.actors, extra.actors)
    roles.recipients = _union(roles.recipients, extra.recipients)
    roles.instruments += extra.instruments
    if target.date is None and frame.date is not None:
        target.date, target.dated = frame.date, frame.dated
    target.extra |= frame.extra
    target.place = most_specific([p for p in (target.place, frame.place) if p is not None])


def _union(a: list[ActorRef], b: list[ActorRef]) -> list[ActorRef]:
    keys = {(x.span.start, x.span.end) for x in a}
    return a + [x for x in b if (x.span.start, x.span.end) not in keys]


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _fill(sentence: Sentence, frame: Frame) -> None:
    """Numbers, weapon, the place of a visit or a hosting, status and genericity."""
    ids = frame.ids
    frame.quantities = _quantities(sentence, ids)
    frame.weapon = _weapon(sentence, frame)
    places_as_recipients(sentence, frame)
    places_as_modifiers(sentence, frame)
    visit_place(sentence, frame)
    if frame.place is not None and frame.main.type in _FORCE and any(
            _overlap(a.span, frame.place.span) for a in frame.roles.actors):
        frame.place = None  # "the U.S. killing of X": the country that did it, not where
    if frame.place is None and frame.main.type == "ASSAULT":
        frame.place = _place_of_target(sentence, frame)
    site = site_of(sentence, frame)
    if frame.place is None:
        frame.place = site
    elif site is not None and not _overlap(site.span, frame.place.span):
        frame.site = site  # "at the Central cafe in Kano": Kano, and the cafe within it
    frame.roles.recipients = [r for r in frame.roles.recipients
                              if (r.span.start, r.span.end) not in {(a.span.start, a.span.end)
                                                                   for a in frame.roles.actors}]
    future = frame.date is not None and frame.date.future
    frame.status = status_of(frame.main, future_date=future)
    counted = any(q.kind in _COUNTS for q in frame.quantities)
    specifics = sum(bool(x) for x in (frame.date, frame.place, frame.weapon, frame.roles.actors,
                                      frame.roles.recipients, frame.quantities))
    frame.generic = all(is_generic(h, specifics=specifics, dated=frame.dated, counted=counted)
                        for h in frame.hits)


def _place_of_target(sentence: Sentence, frame: Frame) -> Place | None:
    """"The federal building in X was shattered by a blast": where what was hit stands is where."""
    heads = {h.i for r in frame.roles.recipients
             for h in [phrase_head(tokens_in(sentence.doc, r.span))] if h is not None}
    return choose_place(sentence.doc, sentence.where, heads, set()) if heads else None


def _quantities(sentence: Sentence, ids: set[int]) -> list[Quantity]:
    """Numbers whose governing verb is the event's, or whose phrase hangs from the event."""
    found = [q for q in sentence.quantities if sentence.quantity_verbs.get(q.span.start) in ids]
    found += [q for _, q in attached(sentence.doc, sentence.quantities, ids) if q not in found]
    return found


def _weapon(sentence: Sentence, frame: Frame) -> WeaponInfo | None:
    ids = frame.ids
    instruments = {t.i for t in frame.roles.instruments}
    for weapon in sentence.weapons:
        if weapon.ids & instruments:
            return weapon.info
    near = attached(sentence.doc, [_WeaponValue(w) for w in sentence.weapons], ids)
    return near[0][1].weapon.info if near else None


@dataclass(frozen=True)
class _WeaponValue:
    weapon: WeaponHit

    @property
    def span(self) -> Span:
        return span_of(self.weapon.tokens)


def _share_counts(sentence: Sentence, frames: list[Frame]) -> None:
    """A death or injury count no trigger holds goes to the sentence's one violent event."""
    held = {id(q) for f in frames for q in f.quantities}
    loose = [q for q in sentence.quantities if id(q) not in held and q.kind in _COUNTS]
    force = [f for f in frames if f.main.type in _FORCE]
    if loose and len(force) == 1:
        force[0].quantities += loose


def to_event(sentence: Sentence, frame: Frame) -> Event:
    hit = _reported(frame)
    mode, acled = classify(hit.type, hit.mode or _first_mode(frame), hit.acled, frame.weapon,
                           frame.roles.actors, frame.roles.recipients)
    words = tuple(sorted({*(hit.words or (hit.token,)), *_attempt(hit), *_result(hit)}, key=lambda t: t.i))
    return Event(
        type=hit.type, trigger=" ".join(t.text for t in words), trigger_span=span_of(words),
        sentence=sentence.span, mode=mode,
        acled=acled, actors=tuple(frame.roles.actors), recipients=tuple(frame.roles.recipients),
        claimed_by=tuple(frame.claimed_by), attributed_to=tuple(frame.attributed),
        weapon=frame.weapon.name if frame.weapon else None, date=frame.date, place=frame.place,
        site=frame.site,
        quantities=tuple(frame.quantities), status=frame.status, notes=sentence.notes)


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _attempt(hit: Hit) -> tuple[Token, ...]:
    """"an assassination attempt", "a failed bomb plot": the noun the trigger modifies says the act
    was tried, and belongs to the trigger."""
    head = hit.token.head
    if hit.token.dep_ == "compound" and head.lemma_.lower() in _ATTEMPT_NOUNS and head.i == hit.token.i + 1:
        return (head,)
    return ()


def _result(hit: Hit) -> tuple[Token, ...]:
    """"shot dead", "beaten to death": the result a verb's complement states belongs to the
    trigger (it tells a killing, not only a shooting)."""
    if hit.token.pos_ != "VERB":
        return ()
    found: list[Token] = []
    for child in hit.token.children:
        if child.dep_ in {"oprd", "acomp", "advmod"} and child.lower_ == "dead":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ == "to":
            death = [g for g in child.children if g.dep_ == "pobj" and g.lower_ == "death"]
            found += [child, death[0]] if death else []
    return tuple(found)


def _reported(frame: Frame) -> Hit:
    """The trigger an event is told by: its main one, except that an incident told by its toll
    ("an explosion ..., killing 168") is the attack when the toll is counted (the counts keep
    the killing)."""
    main = frame.main
    if main.type != "ASSAULT" or main.token.lemma_.lower() not in _TOLL_WORDS:
        return main
    if not any(q.kind in {"killed", "injured"} and q.value > 0 for q in frame.quantities):
        return main
    attacks = [h for h in frame.hits[1:] if h.type == "ASSAULT" and h.token.lemma_.lower() not in _TOLL_WORDS]
    return attacks[0] if attacks else main


def _first_mode(frame: Frame) -> str | None:
    valid = PLOVER_MODES.get(frame.main.type, ())
    return next((h.mode for h in frame.hits if h.mode in valid), None)
