"""What a brief is about: an actor (canonical, by any alias), a place (its name, province or
country code) or a topic (a PLOVER type, or a word matched against types, modes, triggers and
relation types), and which incidents and relations that takes in."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sitrep.errors import NotFound
from sitrep.knowledge.pack import load_packs
from sitrep.model.vocab import PLOVER_TYPES
from sitrep.report.model import Subject
from sitrep.report.relations import RelationFact
from sitrep.report.sections import types_named
from sitrep.report.sentences import ASSAULT_NOUNS
from sitrep.resolve.actor_store import find_canonical
from sitrep.resolve.picture import IncidentView
from sitrep.store import tables as t

KINDS = ("actor", "place", "topic")


@dataclass(frozen=True, slots=True)
class Matcher:
    """The subject, and what it takes in: canonical actor ids (actor), or the words to match."""

    subject: Subject
    actor_ids: frozenset[int] = frozenset()
    actor_names: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()  # event ids whose trigger matches the topic

    def incident(self, view: IncidentView) -> bool:
        kind, query = self.subject.kind, self.subject.query
        if kind == "actor":
            named = {n.casefold() for n in (*view.actors, *view.recipients)}
            return bool(named & self.actor_names)
        if kind == "place":
            return _place_matches(view, query)
        word = query.casefold()
        if word.upper() in PLOVER_TYPES:
            return view.type.upper() == word.upper()
        noun = ASSAULT_NOUNS.get(view.mode, "") if view.type == "ASSAULT" else ""
        return (view.type in types_named(word) or word in view.type.casefold()
                or word in (view.mode or "").casefold() or word in noun
                or any(r.event_id in self.triggers for r in view.reports))

    def relation(self, fact: RelationFact) -> bool:
        kind, word = self.subject.kind, self.subject.query.casefold()
        if kind == "actor":
            return bool({fact.source_id, fact.target_id} & self.actor_ids)
        if kind == "topic":
            return word.replace(" ", "_") in fact.type or word in fact.type.replace("_", " ")
        return False


def _place_matches(view: IncidentView, query: str) -> bool:
    """The rule of `sitrep incidents --place`: part of the place's name or province (the
    incident's or a report's), or its country code."""
    needle = query.casefold()
    places = [view.place_name, view.place_admin1, *(r.place for r in view.reports)]
    return (any(p and needle in p.casefold() for p in places)
            or (view.place_country or "").casefold() == needle)


def for_actor(conn: sa.Connection, query: str) -> Matcher | None:
    """The canonical actors ``query`` names (by key, name or any alias), or None."""
    found = find_canonical(conn, query)
    if not found:
        return None
    label = found[0][2] if len({shown for _, _, shown in found}) == 1 else query
    return Matcher(Subject("actor", query, label), actor_ids=frozenset(cid for cid, _, _ in found),
                   actor_names=frozenset(shown.casefold() for _, _, shown in found))


def for_place(query: str, views: list[IncidentView]) -> Matcher | None:
    matching = [v for v in views if _place_matches(v, query)]
    if not matching:
        return None
    names = {v.place_name for v in matching if v.place_name and query.casefold() in v.place_name.casefold()}
    admin1 = {v.place_admin1 for v in matching
              if v.place_admin1 and query.casefold() in v.place_admin1.casefold()}
    country = load_packs().country(query) if len(query) == 2 and query.isalpha() else None
    label = (country.name if country is not None and any(v.place_country == query.upper() for v in matching)
             else next(iter(names)) if len(names) == 1 else next(iter(admin1)) if len(admin1) == 1 else query)
    return Matcher(Subject("place", query, label))


def for_topic(conn: sa.Connection, query: str) -> Matcher:
    word = query.strip().casefold()
    e = t.events.c
    ids = frozenset(row.id for row in conn.execute(
        sa.select(e.id).where(sa.func.lower(e.trigger).contains(word, autoescape=True))))
    label = query.upper() if query.upper() in PLOVER_TYPES else query.strip()
    return Matcher(Subject("topic", query, label), triggers=ids)


def candidates(conn: sa.Connection, views: list[IncidentView], *, about: str | None = None,
               kind: str | None = None) -> list[Matcher]:
    """What ``about`` may name, in order: as ``kind`` when given, else an actor, a place, a topic
    (each only where it names something in the store; a topic always). The caller takes the
    first that finds something. NotFound when the words are empty or name no such actor or place."""
    query = (about or "").strip()
    if not query:
        raise NotFound("say what the brief is about: --about ACTOR|PLACE|TOPIC (or --actor, "
                       "--place, --topic)")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown subject kind {kind!r}; valid: {', '.join(KINDS)}")
    found: list[Matcher] = []
    if kind in (None, "actor") and (actor := for_actor(conn, query)) is not None:
        found.append(actor)
    if kind in (None, "place") and (where := for_place(query, views)) is not None:
        found.append(where)
    if kind in (None, "topic"):
        found.append(for_topic(conn, query))
    if not found:
        what = "no actor" if kind == "actor" else "no incident's place"
        raise NotFound(f"{what} in the store matches {query!r}; `sitrep actors` lists the actors and "
                       "`sitrep incidents` the places")
    return found
