"""Sentence templates: an incident, a claim, a relation, and dates written to their precision
("On 14 March 2022", "In March 2022", "Between 8 and 14 March 2022")."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from sitrep.resolve.picture import IncidentView

MONTHS = tuple(calendar.month_name)[1:]

# what an ASSAULT was, by PLOVER mode
ASSAULT_NOUNS: dict[str | None, str] = {
    "abduct": "an abduction", "beat": "a beating", "torture": "an act of torture",
    "sexual": "an act of sexual violence", "targeted": "a targeted attack",
    "destroy": "an attack on property", "primitive": "an attack with crude weapons",
    "firearms": "a gun attack", "explosives": "a bombing", "suicide-attack": "a suicide attack",
    "aerial": "an airstrike", "drone": "a drone strike", "heavy-weapons": "a mortar or artillery attack",
    "crowd-control": "force against a crowd", "unconventional": "an attack with unconventional weapons",
    None: "an attack",
}
# what the actor did to the recipient, by PLOVER type
VERBS: dict[str, str] = {
    "AGREE": "reached an agreement with", "CONSULT": "held talks with", "SUPPORT": "voiced support for",
    "CONCEDE": "made concessions to", "COOPERATE": "cooperated with", "AID": "provided aid to",
    "RETREAT": "pulled back from", "REQUEST": "made demands of", "ACCUSE": "accused",
    "REJECT": "rejected the demands of", "THREATEN": "threatened", "PROTEST": "protested against",
    "SANCTION": "imposed sanctions on", "MOBILIZE": "mobilized against",
    "COERCE": "took coercive action against",
    "ASSAULT": "attacked",
}
# the same, when the sources name no recipient
VERBS_ALONE: dict[str, str] = {
    "AGREE": "reached an agreement", "CONSULT": "held talks", "SUPPORT": "voiced support",
    "CONCEDE": "made concessions", "COOPERATE": "cooperated", "AID": "provided aid",
    "RETREAT": "pulled back", "REQUEST": "made demands", "ACCUSE": "made accusations",
    "REJECT": "rejected demands", "THREATEN": "issued threats", "PROTEST": "protested",
    "SANCTION": "imposed sanctions", "MOBILIZE": "mobilized", "COERCE": "took coercive action",
    "ASSAULT": "attacked",
}
# what happened, as a noun, by PLOVER type
EVENT_NOUNS: dict[str, str] = {
    "AGREE": "an agreement", "CONSULT": "talks", "SUPPORT": "a statement of support",
    "CONCEDE": "a concession", "COOPERATE": "cooperation", "AID": "aid", "RETREAT": "a pullback",
    "REQUEST": "a demand", "ACCUSE": "an accusation", "REJECT": "a rejection", "THREATEN": "a threat",
    "PROTEST": "a protest", "SANCTION": "sanctions", "MOBILIZE": "a mobilization",
    "COERCE": "coercive action",
}
RELATION_PHRASES: dict[str, str] = {
    "directs": "directs", "commands": "commands", "supports": "supports", "funds": "funds",
    "supplies_weapons": "supplies weapons to", "trains": "trains", "member_of": "is a member of",
    "allied_with": "is allied with", "part_of": "is part of", "opposes": "opposes",
    "negotiates_with": "negotiates with", "employs": "employs",
}
_THE = ("government", "united", "islamic", "department", "ministry", "african", "u.s.", "federal",
        "national", "european", "iraqi", "somali", "popular", "army", "armed")


def day_text(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def when(value: date | None, end: date | None, precision: str | None) -> str:
    """The opening of an event sentence: "On 14 March 2022", "In March 2022", "In 2022",
    "Between 8 and 14 March 2022"; "On an unreported date" when there is none."""
    if value is None:
        return "On an unreported date"
    if precision == "year":
        return f"In {value.year}"
    if precision == "month":
        return f"In {MONTHS[value.month - 1]} {value.year}"
    if end is not None and end != value:
        return f"Between {span_text(value, end)}"
    return f"On {day_text(value)}"


def span_text(first: date, last: date) -> str:
    """8 and 14 March 2022; 28 February and 3 March 2024; 30 December 2023 and 2 January 2024."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} and {last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} and {day_text(last)}"
    return f"{day_text(first)} and {day_text(last)}"


def name(actor: str) -> str:
    """An actor's name as a sentence writes it ("the Government of the United States", "militants")."""
    if actor[:1].islower() or actor.casefold().startswith("the "):
        return actor
    return f"the {actor}" if actor.split()[0].casefold() in _THE else actor


def names(actors: tuple[str, ...] | list[str], limit: int = 2) -> str:
    shown = [name(a) for a in actors[:limit]]
    if len(actors) > limit:
        shown.append("others")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def number(value: float) -> str:
    return f"{value:g}"


def preposition(view: IncidentView) -> str:
    """"in" a country-wide place (no province), "near" a town."""
    return "in" if view.place_country and not view.place_admin1 else "near"


def place(view: IncidentView) -> str | None:
    """Afgooye, Lower Shabeelle: the place and its province, when known."""
    parts = list(dict.fromkeys(p for p in (view.place_name, view.place_admin1) if p))
    if not parts:
        parts = [r.place for r in view.reports if r.place][:1]
    return ", ".join(parts) or None


def distinct(recipients: tuple[str, ...]) -> list[str]:
    """Recipients less those another recipient contains ("soldiers" in "African Union soldiers");
    only the named ones (a capital in the last word: "Abu Baqir al-Saadi", not "Shabaab commander")
    when some are named."""
    folded = [r.casefold() for r in recipients]
    kept = [r for r, f in zip(recipients, folded, strict=True)
            if not any(f != other and f in other for other in folded)]
    named = [r for r in kept if any(c.isupper() for c in r.split()[-1])]
    return named or kept


def victims(view: IncidentView) -> str:
    """Who was killed, as a plural noun: the group among the recipients ("African Union soldiers",
    not "Military Forces of the United States"), else "people"."""
    groups = [r for r in view.recipients if r.split()[-1].islower() and r.endswith("s")]
    return max(groups, key=len) if groups else "people"


def noun(view: IncidentView) -> str:
    """What happened, as a noun phrase with its article: "an airstrike", "a pullback"."""
    if view.type == "ASSAULT":
        return ASSAULT_NOUNS.get(view.mode, "an attack")
    return EVENT_NOUNS.get(view.type, "an event")


def event_sentence(view: IncidentView, doers: tuple[str, ...] | None = None) -> str:
    """One incident, in the brief's words: when, what, who (``doers``: those who carried it out;
    default: the incident's actors) to whom, the most conservative toll, where; and where the
    sources differ."""
    opening = when(view.date_value, view.date_end, view.date_precision)
    where = place(view)
    actors = [a for a in (view.actors if doers is None else doers) if a]
    if view.type == "ASSAULT":
        subject = ASSAULT_NOUNS.get(view.mode, "an attack") + (f" by {names(actors)}" if actors else "")
        if view.killed:
            what = f"killed {toll(view)}"
        elif distinct(view.recipients):
            what = f"struck {names(distinct(view.recipients))}"
        else:
            what = "was reported"
        body = f"{subject} {what}" + (f" {preposition(view)} {where}" if where else "")
    else:
        subject = names(actors) if actors else "an unnamed party"
        target = distinct(view.recipients)
        body = (f"{subject} {VERBS.get(view.type, 'acted against')} {names(target)}" if target
                else f"{subject} {VERBS_ALONE.get(view.type, 'acted')}")
        body += f" in {where}" if where else ""
    return f"{opening}, {body}{differences(view)}."


def toll(view: IncidentView) -> str:
    """The killed: "at least 3 African Union soldiers" where the sources differ or some report
    more, else "2 civilians"."""
    least = "at least " if "killed" in view.contradictions or _more(view) else ""
    return f"{least}{number(view.killed or 0)} {victims(view)}"


def _more(view: IncidentView) -> bool:
    return any((r.killed or 0) > (view.killed or 0) for r in view.reports)


def differences(view: IncidentView) -> str:
    """"; sources differ on the toll (3 to 5)" and the like, or ""."""
    parts = []
    for field, items in view.contradictions.items():
        values = [item.get("value") for item in items]
        if field == "killed":
            numbers = sorted(float(v) for v in values if isinstance(v, int | float))
            if numbers:
                parts.append(f"sources differ on the toll ({number(numbers[0])} to {number(numbers[-1])})")
        elif field == "date":
            parts.append(f"sources differ on the date ({_dates(values)})")
        else:
            shown = " or ".join(str(v) for v in values)
            parts.append(f"sources differ on the {field.replace('_', ' ')} ({shown})")
    return "".join(f"; {p}" for p in parts)


def _dates(values: list[Any]) -> str:
    days = sorted(date.fromisoformat(str(v)) for v in values if _is_day(v))
    if len(days) >= 2:
        return span_text(days[0], days[-1]).replace(" and ", " or ", 1) if len(days) == 2 else \
            ", ".join(day_text(d) for d in days)
    return " or ".join(str(v) for v in values)


def _is_day(value: Any) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def claim_sentence(claimants: list[str]) -> str:
    return f"{capital(names(claimants))} claimed responsibility."


def relation_sentence(source: str, relation_type: str, target: str, grade: str | None) -> str:
    """"Mohamed Abdirahman Warsame is a member of Al-Shabaab (grade F6).\""""
    phrase = RELATION_PHRASES.get(relation_type, relation_type.replace("_", " "))
    graded = f" (grade {grade})" if grade else ""
    return f"{capital(name(source))} {phrase} {name(target)}{graded}."
