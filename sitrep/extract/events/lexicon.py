"""What the event grammar needs from a knowledge pack, and the few closed word classes of English
that belong to grammar rather than to any domain (light verbs, modals, reporting verbs).

The trigger lexicon itself (which lemma means which PLOVER type) and the weapons are pack data;
this module only names the structural words the rules key on.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class TriggerLike(Protocol):
    type: str
    mode: str | None
    lemma: str


class EventKnowledge(Protocol):
    """The part of ``sitrep.knowledge.pack.Knowledge`` the events stage reads."""

    def triggers_for_lemma(self, lemma: str) -> Sequence[Any]: ...

    def weapon_by_alias(self, alias: str) -> Any | None: ...


# Verbs whose object noun carries the event ("launched an attack", "held talks", "signed a deal").
LIGHT_VERBS = frozenset({
    "launch", "carry", "conduct", "mount", "stage", "hold", "sign", "make", "pay", "host", "begin",
    "start", "initiate", "undertake", "execute", "perpetrate", "commit", "order",
    "lead", "organize", "organise", "attend", "reach", "conclude", "strike", "wage", "complete", "finish",
    "impose", "enforce",
})
# Verbs that carry an event noun of cooperation ("announced a deal") but only report a violent one.
REPORTING_LIGHT_VERBS = frozenset({"announce", "unveil", "declare", "set"})
# Nouns that name an event only with a light verb ("launched an operation").
OPERATION_NOUNS = {"operation": "COERCE", "offensive": "ASSAULT", "campaign": "COERCE", "crackdown": "COERCE",
                   "raid": "ASSAULT", "assault": "ASSAULT", "sweep": "COERCE", "incursion": "ASSAULT",
                   "patrol": "MOBILIZE"}
# Multiword verbs: (verb lemma, particle or object lemma) -> (type, mode).
PHRASAL = {
    ("crack", "down"): ("COERCE", None), ("open", "fire"): ("ASSAULT", "firearms"),
    ("take", "hostage"): ("ASSAULT", "abduct"), ("set", "fire"): ("ASSAULT", "destroy"),
    ("blow", "up"): ("ASSAULT", "explosives"), ("round", "up"): ("COERCE", "arrest"),
    ("shoot", "down"): ("ASSAULT", None), ("gun", "down"): ("ASSAULT", "firearms"),
}
# Participles that state a standing relation, not an event ("militias backed by X", "X-funded").
RELATION_PARTICIPLES = frozenset({"support", "back", "direct", "fund", "finance", "arm", "train", "equip",
                                  "sponsor", "supply", "control", "link", "tie", "ally", "base"})
# Verbs that make an attack of a weapon object ("fired rockets", "planted a bomb").
WEAPON_USE_VERBS = frozenset({"fire", "launch", "lob", "hurl", "throw", "plant", "drop", "detonate", "set"})
CLAIM_NOUNS = frozenset({"responsibility", "credit"})
# Verbs and nouns by which a source lays an event at someone's door.
BLAME_VERBS = frozenset({"blame", "accuse", "attribute", "link", "tie", "connect", "suspect"})
SIGNATURE_NOUNS = frozenset({"signature", "hallmark", "trademark"})

MODALS_HYPOTHETICAL = frozenset({"could", "would", "might", "may", "should", "can", "must"})
MODALS_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
PLAN_VERBS = frozenset({"plan", "intend", "aim", "prepare", "seek", "want", "hope", "expect", "propose",
                        "mean", "try", "attempt", "agree", "decide", "promise", "pledge", "schedule"})
# Verbs of trying and wanting: with an infinitive they are the modality of the verb they govern.
ATTEMPT_VERBS = frozenset({"plan", "intend", "aim", "prepare", "seek", "want", "hope", "expect", "mean",
                           "try", "attempt", "wish", "plot", "scheme", "strive"})
THREAT_VERBS = frozenset({"threaten", "warn", "vow"})
DENY_VERBS = frozenset({"deny", "refute", "dismiss", "reject"})
FAIL_VERBS = frozenset({"fail", "refuse", "decline", "avoid"})
IMPLICATIVE_VERBS = frozenset({"manage", "begin", "start", "continue", "help", "go", "proceed", "resume",
                               "use", "launch"})
HYPOTHETICAL_WORDS = frozenset({"capable", "able", "willing", "ready", "possible", "likely", "unlikely",
                                "potential", "prepared", "unclear", "if", "unless", "whether", "might"})
PLAN_NOUNS = frozenset({"plan", "plot", "deadline", "intention", "prospect", "threat", "bid", "scheme"})
FUTURE_PREPS = frozenset({"ahead", "before", "until"})
HABITUAL_ADVERBS = frozenset({"historically", "usually", "often", "regularly", "routinely", "frequently",
                              "typically", "traditionally", "generally", "always", "sometimes",
                              "normally", "commonly", "increasingly"})
DEMONSTRATIVES = frozenset({"this", "these", "that", "those", "such"})

# Heads of noun phrases that name a group of people (actors even when no pack or NER knows them).
GROUP_NOUNS = frozenset({
    "soldier", "troop", "police", "policeman", "policemen", "officer", "force", "militant", "gunman",
    "gunmen", "fighter", "rebel", "insurgent", "civilian", "people", "villager", "resident", "protester",
    "demonstrator", "official", "government", "army", "military", "jihadist", "attacker", "assailant",
    "militia", "militiaman", "guard", "worker", "student", "farmer", "herder", "pilgrim", "worshipper",
    "child", "woman", "man", "men", "women", "children", "personnel", "member", "leader", "minister",
    "delegation", "authority", "authorities", "regime", "group", "movement", "party", "coalition",
    "commander", "president", "governor", "diplomat", "envoy", "journalist", "activist", "supporter",
    "bandit", "terrorist", "extremist", "separatist", "tribesman", "tribesmen", "settler", "prisoner",
    "suspect", "detainee", "hostage", "victim", "migrant", "refugee", "tourist", "doctor", "nurse",
    "teacher", "elder", "cleric", "pilot", "crew", "sailor", "marine", "peacekeeper", "observer",
})
CIVILIAN_NOUNS = frozenset({"civilian", "villager", "resident", "worshipper", "pilgrim", "child", "children",
                            "woman", "women", "farmer", "herder", "student", "passenger", "people",
                            "worker", "journalist", "family"})
# Titles: a phrase headed by one of these names its holder ("the head of X, Y" means Y).
TITLE_NOUNS = frozenset({"head", "leader", "chief", "president", "governor", "minister", "commander",
                         "spokesman", "spokeswoman", "spokesperson", "official", "director", "ambassador",
                         "secretary", "general", "chairman", "mayor", "king", "premier", "envoy"})
# Instruments: "killed by a bomb" names a weapon, not an actor, even when no pack lists it.
INSTRUMENT_NOUNS = frozenset({
    "bomb", "device", "explosive", "explosion", "blast", "mine", "landmine", "rocket", "missile", "shell",
    "mortar", "grenade", "gunfire", "bullet", "shot", "airstrike", "strike", "drone", "fire", "artillery",
    "shelling", "car", "vehicle", "ied", "munition", "weapon", "round", "projectile", "attack",
})
