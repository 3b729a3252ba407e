"""The sections of a brief's body, and which PLOVER types each takes."""

from __future__ import annotations

ATTACKS = "Attacks"
PRESSURE = "Coercion, threats and protest"
DIPLOMACY = "Diplomacy and economics"
SUPPORT = "Support and direction"  # relations between actors: who backs, runs or belongs to whom
ALIGNMENT = "Alliances and rivalries"  # relations between actors: who sides with or against whom
SECTION_OF: dict[str, str] = {
    "ASSAULT": ATTACKS,
    **dict.fromkeys(("COERCE", "THREATEN", "MOBILIZE", "PROTEST"), PRESSURE),
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                     "REQUEST", "ACCUSE", "REJECT", "SANCTION"), DIPLOMACY),
}
RELATION_SECTION_OF: dict[str, str] = {
    **dict.fromkeys(("directs", "commands", "supports", "funds", "supplies_weapons", "trains", "member_of",
                     "part_of", "employs"), SUPPORT),
    **dict.fromkeys(("allied_with", "opposes", "negotiates_with"), ALIGNMENT),
}
SECTIONS = (ATTACKS, PRESSURE, DIPLOMACY, SUPPORT, ALIGNMENT)
RELATION_SECTIONS = (SUPPORT, ALIGNMENT)


def singular(word: str) -> str:
    """attacks → attack, threats → threat, diplomacy → diplomacy (good enough for headings)."""
    word = word.casefold()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def types_named(word: str) -> frozenset[str]:
    """The PLOVER types of the event sections whose heading has ``word`` ("attacks", "threat",
    "diplomacy"), singular or plural."""
    folded = singular(word.strip())
    return frozenset(t for t, heading in SECTION_OF.items()
                     if folded in {singular(w.strip(",")) for w in heading.split()} - {"and"})
