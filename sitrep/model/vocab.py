"""The vocabularies sitrep speaks (see ONTOLOGY.md): PLOVER, ACLED, actor kinds, relations."""

from __future__ import annotations

PLOVER_QUAD: dict[str, str] = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict", "THREATEN": "verbal conflict", "PROTEST": "material conflict",
    "SANCTION": "material conflict", "MOBILIZE": "material conflict", "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}
PLOVER_TYPES: tuple[str, ...] = tuple(PLOVER_QUAD)

PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
    "REQUEST": ("assist", "change", "yield", "meet"),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
    "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
    "MOBILIZE": ("troops", "weapons", "police", "militia"),
    "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"),
    "ASSAULT": ("abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"),
}

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

ACTOR_KINDS: tuple[str, ...] = (
    "state", "state_military", "state_security", "militia", "rebel_group", "terrorist_group", "party",
    "company", "igo", "ngo", "media", "person", "civilians", "other",
)

# ACLED inter codes and PLOVER sectors per actor kind (a person takes the kind of what they lead).
ACLED_INTER: dict[str, int] = {
    "state": 1, "state_military": 1, "state_security": 1, "rebel_group": 2, "terrorist_group": 2,
    "militia": 3, "party": 3, "civilians": 7, "company": 8, "igo": 8, "ngo": 8, "media": 8, "other": 8,
}
PLOVER_SECTOR: dict[str, str] = {
    "state": "GOV", "state_military": "MIL", "state_security": "SPY", "militia": "REB",
    "rebel_group": "REB", "terrorist_group": "REB", "party": "PTY", "company": "BUS", "media": "JRN",
    "civilians": "CVL", "igo": "IGO", "ngo": "NGO",
}

RELATION_TYPES: tuple[str, ...] = (
    "directs", "commands", "supports", "funds", "supplies_weapons", "trains", "member_of", "allied_with",
    "part_of", "opposes", "negotiates_with", "employs",
)

EVENT_STATUSES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "planned", "threatened")


def check_plover(event_type: str, mode: str | None = None) -> None:
    """Raise ValueError naming the bad value and the valid options."""
    if event_type not in PLOVER_QUAD:
        raise ValueError(f"unknown PLOVER type {event_type!r}; valid: {', '.join(PLOVER_TYPES)}")
    if mode is not None and mode not in PLOVER_MODES.get(event_type, ()):
        valid = ", ".join(PLOVER_MODES.get(event_type, ())) or "none"
        raise ValueError(f"unknown mode {mode!r} for {event_type}; valid: {valid}")
