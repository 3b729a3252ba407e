"""Weapon-driven PLOVER modes and ACLED event types (ONTOLOGY.md rules).

The weapon decides: an IED/EFP/landmine is "Remote explosive/landmine/IED"; rockets, mortars,
missiles, artillery and IRAMs are "Shelling/artillery/missile attack"; a vehicle-borne or suicide
bomb is "Suicide bomb"; air and drone strikes are "Air/drone strike". Without an explosive
weapon, an attack on civilians is "Violence against civilians/Attack" and a fight between
organised armed forces is "Battles/Armed clash". Arrests are "Strategic developments/Arrests",
agreements "Strategic developments/Agreement".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.model.facts import ActorRef
from sitrep.model.vocab import ACLED_TYPES, PLOVER_MODES

_REMOTE = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
_SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
_AIR = ("Explosions/Remote violence", "Air/drone strike")
_SUICIDE = ("Explosions/Remote violence", "Suicide bomb")
_GRENADE = ("Explosions/Remote violence", "Grenade")
_CHEMICAL = ("Explosions/Remote violence", "Chemical weapon")
# (pattern over the weapon's name and aliases, PLOVER mode, ACLED type); first match wins.
_WEAPON_RULES: tuple[tuple[str, str, tuple[str, str] | None], ...] = (
    (r"suicide|vbied|svbied|car bomb|truck bomb|vehicle.borne", "suicide-attack", _SUICIDE),
    (r"drone|uav", "drone", _AIR),
    (r"air ?strike|aircraft|warplane|jet|helicopter|bombing raid|air raid", "aerial", _AIR),
    (r"chemical|chlorine|sarin|mustard|nerve agent", "unconventional", _CHEMICAL),
    (r"grenade", "explosives", _GRENADE),
    (r"rocket|mortar|missile|artillery|shell|iram|katyusha|rpg|howitzer|munition", "explosives", _SHELLING),
    (r"ied|efp|explosive|bomb|mine|penetrator|device|blast", "explosives", _REMOTE),
    (r"gun|rifle|pistol|firearm|ak.?47|bullet|sniper|shot|shoot", "firearms", None),
    (r"knife|machete|sword|axe|club|stick|stone|spear|arrow", "primitive", None),
    (r"tear ?gas|water cannon|rubber bullet|baton", "crowd-control", None),
    (r"tank|armou?red", "heavy-weapons", None),
)
_ARMED_KINDS = {"state", "state_military", "state_security", "militia", "rebel_group", "terrorist_group"}
_ARMED_WORDS = re.compile(r"\b(forces?|troops?|army|military|soldiers?|police|militias?|militants?|rebels?|"
                          r"government|insurgents?|fighters?|gunmen|guards?|networks?|brigades?|jihadists?)\b",
                          re.I)
_CIVILIAN_WORDS = re.compile(r"\b(civilians?|villagers?|residents?|worshipp?ers?|pilgrims?|children|women|"
                             r"farmers?|herders?|students?|passengers?|people|journalists?|families)\b", re.I)


@dataclass(frozen=True, slots=True)
class WeaponInfo:
    name: str
    mode: str | None = None
    acled: tuple[str, str] | None = None


def weapon_info(name: str, aliases: Sequence[str] = (), mode: str | None = None,
                acled_sub: str | None = None) -> WeaponInfo:
    """A weapon's mode and ACLED type: the pack's own when it gives them, else by its name."""
    text = " ".join([name, *aliases]).lower()
    rule_mode, rule_acled = None, None
    for pattern, rmode, racled in _WEAPON_RULES:
        if re.search(pattern, text):
            rule_mode, rule_acled = rmode, racled
            break
    if acled_sub:
        for event_type, subs in ACLED_TYPES.items():
            if acled_sub in subs:
                rule_acled = (event_type, acled_sub)
    chosen_mode = mode if mode in PLOVER_MODES["ASSAULT"] else rule_mode
    return WeaponInfo(name, chosen_mode, rule_acled)


def classify(kind: str, mode: str | None, acled: tuple[str, str | None] | None, weapon: WeaponInfo | None,
             actors: Sequence[ActorRef], recipients: Sequence[ActorRef]
             ) -> tuple[str | None, tuple[str, str | None] | None]:
    """The event's PLOVER mode and ACLED (event_type, sub_event_type), or None where ACLED has none."""
    if kind == "ASSAULT":
        if weapon is not None and weapon.mode:
            mode = weapon.mode if mode in (None, "explosives", "firearms", "aerial", "drone") else mode
        remote = weapon is not None and weapon.acled is not None and weapon.acled[0] == _REMOTE[0]
        if weapon is not None and weapon.acled is not None and remote and mode not in {"abduct", "sexual"}:
            return mode, weapon.acled
        if mode == "abduct":
            return mode, ("Violence against civilians", "Abduction/forced disappearance")
        if mode == "sexual":
            return mode, ("Violence against civilians", "Sexual violence")
        if mode in {"aerial", "drone"}:
            return mode, _AIR
        if mode == "suicide-attack":
            return mode, _SUICIDE
        if _civilian(recipients):
            return mode, ("Violence against civilians", "Attack")
        if _armed(recipients) and (not actors or _armed(actors)):
            return mode, ("Battles", "Armed clash")
        return mode, acled
    if kind == "COERCE" and mode == "arrest":
        return mode, ("Strategic developments", "Arrests")
    if kind in {"COERCE", "MOBILIZE"} and _armed(actors) and _armed(recipients):
        return mode, acled or ("Strategic developments", "Arrests")
    if kind == "AGREE":
        return mode, ("Strategic developments", "Agreement")
    if kind == "PROTEST":
        if mode == "riot":
            return mode, ("Riots", "Violent demonstration")
        return mode, acled or ("Protests", "Peaceful protest")
    return mode, acled


def _armed(actors: Sequence[ActorRef]) -> bool:
    return any(a.kind in _ARMED_KINDS or _ARMED_WORDS.search(a.text) for a in actors)


def _civilian(actors: Sequence[ActorRef]) -> bool:
    return any(a.kind == "civilians" or (_CIVILIAN_WORDS.search(a.text) is not None
                                         and a.kind not in _ARMED_KINDS) for a in actors)
