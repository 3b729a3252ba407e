"""Verbs whose PLOVER type depends on their object or complement, as PLOVER codes them.

- Stopping something: halting aid is SANCTION (discontinue), cancelling a visit or breaking off talks
  SANCTION (withdraw), lifting a ban or curfew CONCEDE, lifting a blockade RETREAT, calling off a
  strike CONCEDE, halting an offensive RETREAT (ceasefire), withdrawing inspectors or peacekeepers
  SANCTION (expel).
- Giving: sending arms or handing over medicine is AID.
- Committing oneself: "promised to withdraw", "offered talks" is AGREE; "vowed to fight" THREATEN.
- Other verbs: "denied the request" is REJECT, "blocked the resolution" REJECT but "blocked the
  road" PROTEST (obstruct), "protested that ..." ACCUSE, "captured the town" ASSAULT, "violated the
  ceasefire" ASSAULT, "declared a state of emergency" COERCE (martial law).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sitrep.extract.events.lexicon import EventKnowledge

if TYPE_CHECKING:
    from spacy.tokens import Token

Typed = tuple[str, str | None]

STOP_VERBS = frozenset({"halt", "suspend", "stop", "cut", "freeze", "end", "reduce", "cancel", "call",
                        "break", "withhold", "lift", "ease", "relax", "prohibit", "terminate", "scrap",
                        "scale", "discontinue", "abandon", "postpone", "curtail", "drop", "remove",
                        "downgrade", "loosen"})
_EASE_VERBS = frozenset({"lift", "ease", "relax", "loosen", "remove", "end", "cancel", "scrap", "drop"})
_CALL_OFF_VERBS = frozenset({"call", "end", "suspend", "cancel", "stop", "halt", "abandon"})
_SHARED = frozenset({"intelligence", "information", "evidence", "data", "technology", "expertise"})
_PARTICLE_NEEDED = {"call": "off", "break": "off", "scale": "back"}  # "called off", "broke off"
WITHDRAW_VERBS = frozenset({"withdraw", "pull", "recall"})
TRANSFER_VERBS = frozenset({"give", "send", "ship", "deliver", "provide", "donate", "airlift", "hand",
                            "extend", "continue", "resume", "supply", "grant", "channel", "disburse"})
COMMIT_VERBS = frozenset({"promise", "pledge", "offer", "vow", "swear", "commit", "undertake"})
SAY_VERBS = frozenset({"say", "declare", "insist", "tell", "reiterate", "state", "stress", "argue", "add",
                       "write", "maintain", "repeat", "emphasize", "emphasise", "announce", "remind"})
HARMFUL_TYPES = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "THREATEN"})

AID_OBJECTS = frozenset({"aid", "assistance", "supply", "supplies", "funding", "fund", "loan", "credit",
                         "shipment", "delivery", "food", "medicine", "arm", "arms", "weapon", "grant",
                         "money", "relief", "donation", "equipment", "vaccine", "fuel", "subsidy"})
RELATION_OBJECTS = frozenset({"tie", "relation", "talk", "talks", "negotiation", "contact", "visit", "trip",
                              "meeting", "cooperation", "trade", "mediation", "dialogue", "summit", "link"})
RESTRICTION_OBJECTS = frozenset({"ban", "sanction", "embargo", "curfew", "restriction", "measure",
                                 "emergency", "law", "closure", "lockdown", "censorship", "control"})
MILITARY_RESTRICTIONS = frozenset({"blockade", "siege"})
PROTEST_OBJECTS = frozenset({"strike", "protest", "demonstration", "sit-in", "march", "rally", "boycott",
                             "walkout"})
HOSTILE_OBJECTS = frozenset({"attack", "offensive", "operation", "fighting", "bombing", "shelling",
                             "hostility", "raid", "campaign", "airstrike", "assault", "fire", "bombardment",
                             "incursion"})
PERSONNEL_OBJECTS = frozenset({"inspector", "observer", "peacekeeper", "ambassador", "diplomat", "envoy",
                               "monitor", "mission", "peacekeeping", "staff", "embassy", "consul"})
ROAD_OBJECTS = frozenset({"road", "street", "highway", "traffic", "route", "bridge", "railway", "motorway",
                          "entrance", "crossing", "port", "junction"})
DECISION_OBJECTS = frozenset({"resolution", "bill", "proposal", "plan", "move", "deal", "nomination",
                              "measure", "motion", "request", "bid", "appointment", "candidacy",
                              "application", "draft"})
DENIABLE_OBJECTS = frozenset({"request", "permission", "access", "entry", "visa", "application",
                              "allocation", "bail", "asylum", "appeal", "permit", "license", "licence",
                              "landing", "passage"})
PLACE_OBJECTS = frozenset({"town", "city", "village", "stronghold", "base", "territory", "area", "region",
                           "position", "airport", "hill", "district", "province", "capital", "outpost",
                           "garrison", "port", "border", "crossing", "airfield", "headquarters", "enclave"})
TRUCE_NOUNS = frozenset({"ceasefire", "cease-fire", "truce", "armistice"})


def object_type(token: Token, knowledge: EventKnowledge) -> tuple[Typed, tuple[Token, ...]] | None:
    """The (type, mode) a verb takes from its object or complement, and the words that tell it."""
    committed = token.lower_ == "committed" and token.pos_ == "ADJ"  # "is committed to reform"
    if token.pos_ != "VERB" and not committed:
        return None
    lemma = "commit" if committed else token.lemma_.lower()
    objects = _objects(token)
    for obj in objects:
        typed = _by_object(token, lemma, _heads(obj))
        if typed is not None:
            return typed, (token, obj)
    if lemma in COMMIT_VERBS:
        return _commitment(token, lemma, objects, knowledge)
    if lemma == "protest" and (any(c.dep_ == "ccomp" for c in token.children) or token.dep_ == "parataxis"):
        return ("ACCUSE", "disapprove"), (token,)  # "a rights group protested that X fails to ..."
    if _obliged(token):
        return ("REQUEST", "change"), (token,)
    return None


def _obliged(verb: Token) -> bool:
    """"X declared that Y must drop its tariffs": what one says another must or should do is a
    demand of it."""
    said = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SAY_VERBS
    return said and any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for c in verb.children)


def _by_object(verb: Token, lemma: str, words: set[str]) -> Typed | None:
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    if lemma in _PARTICLE_NEEDED and _PARTICLE_NEEDED[lemma] not in particles and not (
            lemma == "break" and words & {"tie", "relation"}):
        return None
    if lemma in STOP_VERBS:
        if words & MILITARY_RESTRICTIONS and lemma in _EASE_VERBS:
            return ("RETREAT", "withdraw")
        if words & RESTRICTION_OBJECTS and lemma in _EASE_VERBS:
            return ("CONCEDE", None)
        if words & PROTEST_OBJECTS and lemma in _CALL_OFF_VERBS:
            return ("CONCEDE", None)
        if lemma in _EASE_VERBS - {"end", "cancel", "scrap", "drop"}:
            return None
        if words & AID_OBJECTS:
            return ("SANCTION", "discontinue")
        if words & RELATION_OBJECTS:
            return ("SANCTION", "withdraw")
        if words & HOSTILE_OBJECTS:
            return ("RETREAT", "ceasefire")
        return None
    if lemma in WITHDRAW_VERBS and words & PERSONNEL_OBJECTS:
        return ("SANCTION", "expel")
    if lemma in TRANSFER_VERBS and words & AID_OBJECTS:
        return ("AID", None)
    if lemma == "share" and words & _SHARED:
        return ("COOPERATE", None)
    if lemma == "block":
        return ("PROTEST", "obstruct") if words & ROAD_OBJECTS else (
            ("REJECT", None) if words & DECISION_OBJECTS else None)
    if lemma == "deny" and words & DENIABLE_OBJECTS:
        return ("REJECT", None)
    if lemma in {"capture", "seize", "overrun", "take"} and words & PLACE_OBJECTS and (
            lemma != "take" or "control" in words):  # "took control of the town", not "took a position"
        return ("ASSAULT", None)
    if lemma in {"violate", "break", "breach"} and words & TRUCE_NOUNS:
        return ("ASSAULT", None)
    if lemma in {"declare", "impose", "proclaim"} and words & {"emergency", "siege"}:
        return ("COERCE", "martial-law")
    return None


def _objects(verb: Token) -> list[Token]:
    """The verb's object: its direct object, the subject of its passive, or the object of a
    preposition that completes it ("pulled out of talks")."""
    found = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    found += [g for p in verb.children if p.dep_ in {"prep", "prt"} and p.lower_ in {"on", "to", "of", "from"}
              for g in p.children if g.dep_ == "pobj"] if not found else []
    return found


def _heads(obj: Token) -> set[str]:
    """The object's lemma and its compounds and modifiers ("economic aid", "ceasefire agreement",
    "state of emergency")."""
    words = {obj.lemma_.lower(), obj.lower_}
    for child in obj.children:
        if child.dep_ in {"compound", "amod"}:
            words |= {child.lemma_.lower(), child.lower_}
        if child.dep_ == "prep" and child.lower_ == "of":
            words |= {g.lemma_.lower() for g in child.children if g.dep_ == "pobj"}
    return words


def _commitment(verb: Token, lemma: str, objects: list[Token], knowledge: EventKnowledge
                ) -> tuple[Typed, tuple[Token, ...]] | None:
    """"promised to withdraw", "offered talks", "is committed to reform": a promise is AGREE; a
    promise of harm ("vowed to fight on", "swore revenge") is THREATEN."""
    promised = [c for c in verb.children if c.dep_ == "xcomp"]
    promised += [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"
                 for g in p.children if g.dep_ in {"pobj", "pcomp"}]
    if lemma == "commit" and not promised:
        return None  # "committed atrocities": a light verb
    if not promised and not (objects and lemma in {"offer", "promise", "pledge"}):
        return None
    for item in promised or objects:
        senses = knowledge.triggers_for_lemma(item.lemma_.lower())
        kinds = {str(getattr(t, "type", "")).upper() for t in senses}
        if kinds & HARMFUL_TYPES or item.lemma_.lower() in {"revenge", "retaliate", "retaliation"}:
            return ("THREATEN", None), (verb,)
    return ("AGREE", None), (verb,)
