"""Who did it and to whom, read off the dependency parse.

Verbs: the actor is the subject of an active verb (or of the verb that controls it: "vowed to
attack", "stormed the village and killed"; with a conjoined person noun no actor names: "gunmen
and suicide bombers attacked"), or the "by" agent of a passive one unless that agent is
an instrument ("killed by a bomb"); the recipient is the object, the passive subject, or the object of
"against/on/at" (and "with" for meetings and deals). Nouns: the possessor, the "by" phrase, an actor
compound ("a Hamas attack"); the recipient after "on/against/with"; an event noun that is the
object of a light verb or sits in "in a meeting" takes the verb's subject as actor (also the
subject of "were involved in the attack").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.extract.events.affected import UNDERGO_VERBS, affected, agent, included, is_event_noun
from sitrep.extract.events.attach import SITE_NOUNS
from sitrep.extract.events.lexicon import LIGHT_VERBS, REPORTING_LIGHT_VERBS
from sitrep.extract.events.phrases import ActorIndex, resolve_relative
from sitrep.extract.events.triggers import Hit
from sitrep.model.facts import ActorRef

if TYPE_CHECKING:
    from spacy.tokens import Token

SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_FORCE = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_TARGET_PREPS = {"against", "on", "upon", "at", "targeting"}
_PARTAKE_VERBS = frozenset({"take", "participate", "join", "involve", "fight", "fire", "use", "kill"})
_ON_PREPS = {"against", "on", "upon", "targeting"}
_MEET_PREPS = {"with", "between"}
_HARM_VERBS = frozenset({"kill", "wound", "injure", "arrest", "detain", "abduct", "kidnap", "capture",
                         "behead", "assassinate", "execute", "massacre", "slay"})
_DEVICE_VERBS = frozenset({"detonate"})  # what one detonates is a device, never whom it hurt
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_CONTROL_DEPS = {"xcomp", "conj", "advcl", "pcomp"}
_LEADER_VERBS = {"lead", "head", "command"}
_COUNTRY_WORDS = {"country", "countries", "nation", "nations", "side", "sides", "state", "states",
                  "government", "governments", "party", "parties"}


@dataclass
class Roles:
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    instruments: list[Token] = field(default_factory=list)
    subject_event: Token | None = None  # the verb's subject is itself an event noun
    governor: Token | None = None  # the verb an event noun hangs from ("announced a goal of ...")


def roles_for(hit: Hit, index: ActorIndex, is_instrument: Callable[[Token], bool],
              states: list[ActorRef], triggers: frozenset[int] | None = None) -> Roles:
    """``triggers``: the token indexes of the sentence's event words, when known: a participle
    clause ("..., wounding 13") takes the subject of the clause it hangs from only if that clause
    states an event too ("gunmen stormed the town, killing 5", not "police are hunting a suspect
    ..., wounding 13", where the parser hung the participle on the wrong verb)."""
    roles = Roles()
    if hit.nominal and hit.anchor is hit.token:
        _noun_roles(hit, index, is_instrument, roles, states)
    else:
        _verb_roles(hit, index, is_instrument, roles, states, triggers)
    return roles


def _verb_roles(hit: Hit, index: ActorIndex, is_instrument: Callable[[Token], bool], roles: Roles,
                states: list[ActorRef], triggers: frozenset[int] | None = None) -> None:
    verb = hit.anchor
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)
    subject = _subject(verb, triggers)
    if subject is not None and subject.dep_ == "nsubjpass" and subject.head is not verb:
        # "X was ambushed and killed": X undergoes the conjunct too; "X was hit by a blast,
        # killing 5": X neither does nor undergoes the participle
        passive = passive or verb.dep_ == "conj"
        subject = subject if passive or verb.dep_ == "xcomp" else None
    if subject is not None and subject.head.i == verb.i and (
            _bare_participle(verb) or _objectless_harm(verb)):
        passive = True  # "20 others injured", "with two guards wounded": the subject underwent it
    if (subject is not None and subject.dep_ == "nsubjpass" and verb.dep_ == "xcomp" and verb.tag_ == "VBN"
            and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children)):
        passive = True  # "two members were reported killed", "three were believed wounded"
    relative = subject is not None and resolve_relative(subject) is not subject
    if subject is not None:
        subject = resolve_relative(subject)
    if subject is not None and not passive and verb.lemma_.lower() in UNDERGO_VERBS:
        roles.recipients += affected(hit, subject, index, is_instrument)  # "two people died"
    elif subject is not None and not passive:
        if is_instrument(subject) or is_event_noun(subject, hit):
            roles.subject_event = subject
            if is_instrument(subject):
                roles.instruments.append(subject)
                roles.actors += _owner_of(subject, index, states)
        else:
            # "a base in X that wounded 12": the relative's antecedent acts only if it is an actor itself
            named = index.covering(subject) if relative else _leader_or(subject, index)
            unnamed = [] if relative else index.phrase_actor(subject) or agent(subject, index)
            roles.actors += named or unnamed
            if named and not relative:  # "gunmen and suicide bombers attacked": a conjunct no actor names
                roles.actors += [a for c in subject.conjuncts if c.i > subject.i
                                 and not any(x.span.start <= c.idx < x.span.end for x in roles.actors)
                                 for a in agent(c, index)]
    elif subject is not None and verb.lemma_.lower() in _DEVICE_VERBS:
        roles.instruments.append(subject)  # "huge devices were detonated": what went off, not whom
    elif subject is not None:
        roles.recipients += affected(hit, subject, index, is_instrument)
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                if is_instrument(pobj):  # "killed by mortar fire from X": X fired it
                    roles.instruments.append(pobj)
                    roles.actors += _owner_of(pobj, index, states)
                else:  # "killed by a suicide bomber": an attacker no one named
                    roles.actors += _leader_or(pobj, index) or agent(pobj, index)
        elif child.dep_ == "dobj" and verb.lemma_.lower() in _DEVICE_VERBS:
            roles.instruments.append(child)  # "detonated two devices": the devices went off
        elif child.dep_ in {"dobj", "dative"} and child is not hit.token:
            roles.recipients += affected(hit, child, index, is_instrument)
        elif child.dep_ == "prep" and child.lower_ == "including" and hit.type in _FORCE:
            # "dozens were arrested, including a teacher": more of those the act was done to
            roles.recipients += included(hit, child, index, is_instrument)
        elif child.dep_ == "prep":
            _prep_roles(hit, child, index, roles, states, is_instrument)
    if subject is None and hit.type in _FORCE:
        roles.recipients += [a for noun in _participle_bearer(verb)
                             for a in affected(hit, noun, index, is_instrument)]
    head = verb.head
    if verb.dep_ == "advcl" and head.lemma_.lower() in UNDERGO_VERBS:  # "two died when a bomb exploded"
        roles.recipients += [a for c in head.children if c.dep_ == "nsubj"
                             for a in affected(hit, c, index, is_instrument)]
    if hit.anchor is not hit.token:  # light verb: the event noun's own modifiers count too
        _noun_modifiers(hit.token, index, is_instrument, roles, states, hit)
    if hit.token.pos_ == "VERB":
        for child in hit.token.children:
            if child.dep_ == "acl" and child.lemma_.lower() == "target":
                roles.recipients += _objects(child, index)


def _objectless_harm(verb: Token) -> bool:
    """"identified the three soldiers killed when ...": a verb of harm that always takes an object
    in the active voice, written with none (and no auxiliary), is a participle the tagger read as a
    past tense: its subject underwent it."""
    if verb.lemma_.lower() not in _HARM_VERBS or verb.tag_ not in {"VBD", "VBN"}:
        return False
    if any(c.dep_ in {"aux", "auxpass", "dobj", "dative", "ccomp", "xcomp"} for c in verb.children):
        return False
    return not any(c.dep_ == "dobj" for conj in verb.conjuncts for c in conj.children)


def _bare_participle(verb: Token) -> bool:
    """A past participle with no auxiliary and no object: passive in meaning."""
    return verb.tag_ == "VBN" and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children)


def _participle_bearer(verb: Token) -> list[Token]:
    """Who a bare past participle says underwent it: the noun it follows ("four men injured",
    "there were six men injured"), or the object of "with" just before it ("two died, with three
    others injured")."""
    if verb.tag_ not in {"VBN", "VBD"} or any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children):
        return []  # the parser may tag "with two others injured" VBD
    head = verb.head
    passive = verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)  # "X, shot by police"
    if verb.dep_ == "acl" and passive and head.pos_ in {"NOUN", "PROPN"} and head.i < verb.i:
        first = head
        while first.dep_ == "conj" and first.head.pos_ in {"NOUN", "PROPN"}:
            first = first.head
        if first.dep_ == "appos" and first.head.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ == "conj" for c in first.children):
            return [first.head]  # "six women, a boy and three men injured": the whole list (see affected)
        return [head]
    if verb.dep_ == "advcl":
        return [pobj for prep in verb.head.children if prep.dep_ == "prep" and prep.lower_ == "with"
                for pobj in prep.children if pobj.dep_ == "pobj" and prep.right_edge.i == verb.i - 1]
    return []


def _owner_of(instrument: Token, index: ActorIndex, states: list[ActorRef]) -> list[ActorRef]:
    """"Turkish warplanes struck", "mortar fire from X": whose weapon it was, from its modifiers
    or the "from" phrase, unless it names a country ("rockets from Lebanon" says where from)."""
    found: list[ActorRef] = []
    for child in instrument.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"}:
            found += index.covering(child) or [s for s in states if s.span.start == child.idx]
        elif child.dep_ == "prep" and child.lower_ == "from":  # "rockets from X"
            found += [a for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in _PLACE_ENTS
                      for a in index.for_phrase(g) if a.kind != "state"]
    return found


def _subject(verb: Token, triggers: frozenset[int] | None = None) -> Token | None:
    """The verb's subject, or that of the verb controlling it ("vowed to attack", "X stormed
    the town and killed", "an operation targeting"); a participle clause climbs only to a verb in
    ``triggers`` or one of carrying out (when ``triggers`` is given, see ``roles_for``)."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
                return child
        head = current.head
        if (triggers is not None and current.dep_ == "advcl" and current.tag_ == "VBG"
                and head.i not in triggers and head.lemma_.lower() not in LIGHT_VERBS | _PARTAKE_VERBS
                and any(c.dep_ == "nsubj" for c in head.children)):
            return None  # an active clause that states no event: its subject did not do this
        if current.dep_ in _CONTROL_DEPS and head is not current and head.pos_ in {"VERB", "AUX"}:
            current = current.head
            continue
        if current.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
            current = head.head  # "fled after stabbing": who fled stabbed
            continue
        return None
    return None


def _prep_roles(hit: Hit, prep: Token, index: ActorIndex, roles: Roles, states: list[ActorRef],
                is_instrument: Callable[[Token], bool]) -> None:
    word = prep.lower_
    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
        if word in _TARGET_PREPS:  # "fired on protesters"; "at" a site is where ("at a school")
            site = is_site(pobj)  # "shot on the street", "at X, the bus station": where, not whom
            roles.recipients += (affected(hit, pobj, index, is_instrument) if word in _ON_PREPS and not site
                                 else [] if site and pobj.pos_ == "PROPN" else index.for_phrase(pobj))
        elif word in _MEET_PREPS and hit.type in SYMMETRIC:
            roles.recipients += _between(pobj, index, states)
        elif word == "between":
            _sides(pobj, index, roles)


def is_site(noun: Token) -> bool:
    """A site noun ("a school"), or a name that an apposition says is one ("X, the bus station")."""
    return noun.lemma_.lower() in SITE_NOUNS or (noun.pos_ == "PROPN" and any(
        c.dep_ == "appos" and c.lemma_.lower() in SITE_NOUNS for c in noun.children))


def _noun_roles(hit: Hit, index: ActorIndex, is_instrument: Callable[[Token], bool], roles: Roles,
                states: list[ActorRef]) -> None:
    noun = hit.token
    _noun_modifiers(noun, index, is_instrument, roles, states, hit)
    governor = governing_verb(noun)
    if governor is not None and governor.lemma_.lower() in REPORTING_LIGHT_VERBS and hit.type in _FORCE:
        governor = None  # "announced the attack": the announcer did not carry it out
    roles.governor = governor
    if not roles.actors and governor is not None:
        subject = _subject(governor)
        if subject is not None and governor.lemma_.lower() in UNDERGO_VERBS:
            # "two guards died in the attack": the attack's victims, not its authors
            roles.recipients += affected(hit, resolve_relative(subject), index, is_instrument)
        elif subject is not None and (subject.dep_ != "nsubjpass" or _involved(governor)) and not _bystander(
                hit, governor):  # "34 people were involved in the plot": they took part
            roles.actors += _leader_or(resolve_relative(subject), index) or index.phrase_actor(subject)


def _involved(verb: Token) -> bool:
    """"were involved in", "took part in": a passive in form that says who took part."""
    return verb.lemma_.lower() in {"involve", "implicate"}


def _bystander(hit: Hit, governor: Token) -> bool:
    """"300 people were eating at the time of the explosion": who does something during an act of
    force did not carry it out, unless the verb is one of carrying out or taking part."""
    lemma = governor.lemma_.lower()
    return hit.type in _FORCE and lemma not in LIGHT_VERBS | _PARTAKE_VERBS


def _noun_modifiers(noun: Token, index: ActorIndex, is_instrument: Callable[[Token], bool], roles: Roles,
                    states: list[ActorRef], hit: Hit) -> None:
    for child in noun.children:
        dep = child.dep_
        if dep == "poss" and child.pos_ != "PRON":
            roles.actors += index.for_phrase(child)
        elif dep in {"compound", "amod", "nmod"} and not is_instrument(child) and child.ent_type_ not in {
                "DATE", "TIME", "CARDINAL", "LOC", "FAC", "EVENT"} and child.lemma_.lower() not in SITE_NOUNS:
            # "a Hamas attack", "a French airstrike": the modifier names who did it
            named = [a for a in index.covering(child) if a.kind != "person" or dep != "amod"]
            if hit.nominal and noun is hit.token and dep == "compound":
                # "the Orla bombing", "the Kano bombing": a name the tagger knew nothing
                # of that sits before an event noun names a venue or a town as often as an author
                named = [a for a in named if not (a.origin == "ner" and a.kind in {None, "person"})]
            roles.actors += named or [a for a in states if a.span.start == child.idx]
        elif dep in {"prep", "agent"}:
            word = child.lower_
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                if word == "by":
                    (roles.instruments.append(pobj) if is_instrument(pobj)
                     else roles.actors.extend(_leader_or(pobj, index) or agent(pobj, index)))
                elif word == "of" and hit.type in SYMMETRIC | {"MOBILIZE", "PROTEST"}:
                    roles.actors += _leader_or(pobj, index)
                elif word == "of" and hit.type in _FORCE:  # "the killing of three guards"
                    roles.recipients += affected(hit, pobj, index, is_instrument)
                elif word in _TARGET_PREPS:  # "the plot against the mayor"; "an attack on a base" is where
                    site = is_site(pobj)
                    roles.recipients += (affected(hit, pobj, index, is_instrument)
                                         if word in _ON_PREPS and not site else index.for_phrase(pobj))
                elif word in _MEET_PREPS and hit.type in SYMMETRIC:
                    roles.recipients += _between(pobj, index, states)
                elif word == "between":
                    _sides(pobj, index, roles)
        elif dep == "acl" and child.lemma_.lower() == "target":
            roles.recipients += _objects(child, index)
    if hit.type in SYMMETRIC and not roles.recipients and not roles.actors:
        parties = _parties(noun, states)
        roles.actors += parties[:1]
        roles.recipients += parties[1:]


def _sides(pobj: Token, index: ActorIndex, roles: Roles) -> None:
    """"fighting between X and Y": X acts, Y is acted on (a battle has two sides; the order is the text's)."""
    sides = index.for_phrase(pobj)
    if sides and not roles.actors:
        roles.actors.append(sides[0])
        sides = sides[1:]
    roles.recipients += sides


def _objects(verb: Token, index: ActorIndex) -> list[ActorRef]:
    return [a for c in verb.children if c.dep_ == "dobj" for a in index.for_phrase(c)]


def _leader_or(head: Token, index: ActorIndex) -> list[ActorRef]:
    """"a delegation led by X" names X; otherwise the phrase's own actors."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_.lower() in _LEADER_VERBS:
            for agent in (c for c in child.children if c.dep_ == "agent"):
                leaders = [a for g in agent.children if g.dep_ == "pobj" for a in index.for_phrase(g)]
                if leaders:
                    return leaders
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                nested = _leader_or(pobj, index)
                if nested and any(c.dep_ == "acl" for c in pobj.children):
                    return nested
    return index.for_phrase(head)


def _between(pobj: Token, index: ActorIndex, states: list[ActorRef]) -> list[ActorRef]:
    """"with X", "between X and Y"; "between the two countries" means the states the sentence names."""
    found = index.for_phrase(pobj)
    if not found and pobj.lemma_.lower() in _COUNTRY_WORDS | {"country"}:
        return _one_per_country(states)
    return found


def _parties(noun: Token, states: list[ActorRef]) -> list[ActorRef]:
    """A deal with no named parties: the states its own description names ("a deal that will
    supply Iraqi power plants with Iranian gas")."""
    tokens = list(noun.subtree)
    inside = [a for a in states if any(t.idx <= a.span.start < t.idx + len(t) for t in tokens)]
    return _one_per_country(inside)


def _one_per_country(states: list[ActorRef]) -> list[ActorRef]:
    seen: set[str | None] = set()
    out = []
    for state in states:
        key = state.country or state.name
        if key not in seen:
            seen.add(key)
            out.append(state)
    return out


def governing_verb(noun: Token) -> Token | None:
    """The verb an event noun hangs from: "said in a June meeting" (in/during/at), or a light verb
    up a short chain of "of" nouns ("announced a goal of increasing trade")."""
    current = noun
    for _ in range(4):
        head = current.head
        if head is current:
            return None
        if current.dep_ == "pobj" and head.lower_ in {"in", "during", "at"} and head.head.pos_ == "VERB":
            return head.head
        if current.dep_ in {"dobj", "nsubjpass"} and head.pos_ == "VERB":
            return head if head.lemma_.lower() in LIGHT_VERBS | REPORTING_LIGHT_VERBS else None
        if current.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
            current = head.head
            continue
        if current.dep_ in {"amod", "compound"} or (current.dep_ == "pobj" and head.lower_ == "of"):
            current = head
            continue
        return None
    return None
