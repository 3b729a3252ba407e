"""Canonical actors in the store: rebuild them from the facts and the user's decisions, record a
merge or a split, and answer who an actor is (``sitrep actors``, ``sitrep actor NAME``).

``canonical_actors`` and ``actor_links`` are derived: ``resolve_actors`` rebuilds both whole from
the ``actors`` rows (with their mentions' words, and the acronyms the text defines right after a
mention: "Asa'ib Ahl al-Haq (AAH)") and the ``decisions`` rows whose subject is "actor", applied
in the order they were made. Rebuilding twice gives the same rows; a canonical actor's key is
the same on every rebuild of the same facts and decisions.

A decision names actors as the user wrote them (a key, a canonical name, a name as extracted or
words as written) and is looked up again on every rebuild, so it outlives the ids of the rows it
was made on; one that no longer names anything is skipped, and the rebuild says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from sitrep.errors import NotFound
from sitrep.knowledge.names import alias_key
from sitrep.resolve.actors import (
    ActorRecord,
    CanonicalActor,
    Decision,
    Lexicon,
    Outcome,
    PackEntry,
    Resolution,
    group_key,
    resolve,
)
from sitrep.store import tables as t

if TYPE_CHECKING:
    from sitrep.knowledge.pack import Knowledge
    from sitrep.store.store import Store

SUBJECT = "actor"
_DEFINED = re.compile(r"^\s*\(\s*([A-Z][A-Za-z]{1,7})\s*\)")
_AFTER = 16  # characters after a mention read to find "(ACRONYM)"


@dataclass(frozen=True, slots=True)
class ActorResolution:
    """What a rebuild made: how many canonical actors and links, how many actors are named in more
    than one document, and what each of the user's decisions did (``skipped``: those it could not)."""

    actors: int
    links: int
    across_documents: int
    outcomes: tuple[Outcome, ...] = ()

    @property
    def skipped(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.ok)


@dataclass(frozen=True, slots=True)
class ChangedLink:
    """One reference a decision moved: its name, document, and the link it has now."""

    actor_id: int
    name: str
    document_id: str
    rule: str
    evidence: str


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """What ``merge_actors`` or ``split_actor`` did: ``status`` applied or unchanged, in words
    (``message``), the canonical actor the moved references belong to now, and each of them."""

    status: str
    message: str
    key: str | None
    name: str | None
    changed: tuple[ChangedLink, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """One canonical actor as ``sitrep actors`` lists it."""

    id: int
    key: str
    name: str
    kind: str | None
    country: str | None
    pack_id: str | None
    aliases: int
    documents: int
    mentions: int
    events: int


@dataclass(frozen=True, slots=True)
class SeenIn:
    """A document where an alias was written, and how many times."""

    document_id: str
    title: str | None
    source: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Alias:
    """Words that name the actor in the text, with every document they were written in."""

    text: str
    mentions: int
    documents: tuple[SeenIn, ...]


@dataclass(frozen=True, slots=True)
class ActorLinkInfo:
    """One ``actors`` row of the canonical actor: as its document named it, and why it belongs."""

    actor_id: int
    document_id: str
    document_title: str | None
    name: str
    kind: str | None
    country: str | None
    pack_id: str | None
    role: str | None
    rule: str
    evidence: str


@dataclass(frozen=True, slots=True)
class ActorRelation:
    """A relation of the actor. ``direction``: out (the actor is the source) or in. ``background``:
    a knowledge pack's background (origin "pack:NAME"), never what the document said."""

    direction: str
    type: str
    other: str
    other_key: str | None
    document_id: str
    document_title: str | None
    sentence: str
    notes: tuple[int, ...]
    origin: str
    background: bool
    position: int = 0  # among its document's relations (relations.seq)


@dataclass(frozen=True, slots=True)
class ActorEvent:
    """An event the actor takes part in, and its role there (actor, recipient, claimed_by, …)."""

    event_id: str
    role: str
    type: str
    mode: str | None
    status: str
    trigger: str
    date: date | None
    date_precision: str | None
    place: str | None
    document_id: str
    document_title: str | None


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """Everything the store knows of one canonical actor, each item with where it comes from."""

    id: int
    key: str
    name: str
    kind: str | None
    country: str | None
    pack_id: str | None
    roles: tuple[str, ...]
    aliases: tuple[Alias, ...]
    links: tuple[ActorLinkInfo, ...]
    relations: tuple[ActorRelation, ...]
    events: tuple[ActorEvent, ...]


# -- the lexicon ------------------------------------------------------------------------------------


def lexicon_from(knowledge: Knowledge) -> Lexicon:
    """What resolution needs of the packs: their actors, country names, titles, honorifics and the
    generic nouns that describe rather than name."""
    return Lexicon(
        actors=tuple(PackEntry(a.id, a.name, a.kind, a.country, a.aliases) for a in knowledge.actors),
        countries={name: c.code for c in knowledge.countries for name in (c.name, *c.names)},
        state_names={c.code: state.canonical(c) for state in knowledge.groups if state.id == "state"
                     for c in knowledge.countries},
        titles=frozenset(w.lower().rstrip(".") for w in knowledge.titles),
        honorifics=frozenset(w.lower().rstrip(".") for w in knowledge.honorifics),
        generic_words=frozenset(w.lower() for g in knowledge.groups for w in g.words)
        | frozenset(w.lower() for w in knowledge.collective),
        demonyms=frozenset(d for c in knowledge.countries for d in c.demonyms),
    )


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of every bundled pack (what the default extraction pipeline loads)."""
    from sitrep.knowledge.pack import load_packs

    return lexicon_from(load_packs())


# -- rebuilding -------------------------------------------------------------------------------------


def load_records(conn: sa.Connection) -> list[ActorRecord]:
    """Every ``actors`` row with its mentions' words and the acronyms the text defines for it."""
    a, m, d = t.actors.c, t.actor_mentions.c, t.documents.c
    after = sa.func.substr(d.text, m.end + 1, _AFTER).label("after")  # 1-based, portable
    words: dict[int, list[str]] = defaultdict(list)
    acronyms: dict[int, list[str]] = defaultdict(list)
    query = (sa.select(m.actor_id, m.text, after)
             .select_from(t.actor_mentions.join(t.documents, m.document_id == d.id)).order_by(m.id))
    for row in conn.execute(query):
        words[row.actor_id].append(row.text)
        match = _DEFINED.match(row.after or "")
        if match and _abbreviates(match.group(1), row.text):
            acronyms[row.actor_id].append(match.group(1))
    columns = (a.id, a.document_id, a.name, a.kind, a.country, a.pack_id, a.role)
    rows = conn.execute(sa.select(*columns).order_by(a.id))
    return [
        ActorRecord(id=r.id, document_id=r.document_id, name=r.name, kind=r.kind, country=r.country,
                    pack_id=r.pack_id, role=r.role, mentions=tuple(words.get(r.id, ())),
                    acronyms=tuple(dict.fromkeys(acronyms.get(r.id, ()))))
        for r in rows
    ]


def load_decisions(conn: sa.Connection) -> list[Decision]:
    """The user's decisions about actors, in the order they were made."""
    c = t.decisions.c
    rows = conn.execute(sa.select(c.action, c.a, c.b, c.made_at).where(c.subject == SUBJECT).order_by(c.id))
    return [Decision(r.action, r.a, r.b, r.made_at.date().isoformat() if r.made_at else "") for r in rows]


def resolve_actors(conn: sa.Connection, *, lexicon: Lexicon | None = None) -> ActorResolution:
    """Rebuild ``canonical_actors`` and ``actor_links`` whole from the ``actors`` rows and the
    user's decisions, on ``conn`` (the caller's transaction). ``lexicon``: default, every pack's."""
    records = load_records(conn)
    result = resolve(records, lexicon=lexicon or default_lexicon(), decisions=load_decisions(conn))
    _write(conn, result)
    return _summary(result, {r.id: r.document_id for r in records})


def needs_resolution(conn: sa.Connection) -> bool:
    """Whether the links are stale: an ``actors`` row without a link, or a canonical actor
    without a row (its documents were re-extracted or deleted since the last rebuild)."""
    a, link, ca = t.actors.c, t.actor_links.c, t.canonical_actors.c
    unlinked = sa.select(a.id).where(a.id.not_in(sa.select(link.actor_id))).limit(1)
    empty = sa.select(ca.id).where(ca.id.not_in(sa.select(link.canonical_id))).limit(1)
    return conn.execute(unlinked).first() is not None or conn.execute(empty).first() is not None


def ensure_resolved(store: Store) -> ActorResolution | None:
    """Rebuild the canonical actors when they are stale (``needs_resolution``); None when current."""
    with store.connection() as conn:
        if not needs_resolution(conn):
            return None
    with store.transaction("resolve actors") as conn:
        return resolve_actors(conn)


def _write(conn: sa.Connection, result: Resolution) -> None:
    conn.execute(t.actor_links.delete())
    conn.execute(t.canonical_actors.delete())
    if not result.actors:
        return
    conn.execute(t.canonical_actors.insert(), [
        {"key": c.key, "name": c.name, "kind": c.kind, "country": c.country, "pack_id": c.pack_id}
        for c in result.actors
    ])
    ca = t.canonical_actors.c
    ids = dict(conn.execute(sa.select(ca.key, ca.id)).tuples().all())
    conn.execute(t.actor_links.insert(), [
        {"actor_id": link.record_id, "canonical_id": ids[c.key], "rule": link.rule, "evidence": link.evidence}
        for c in result.actors for link in c.links
    ])


def _summary(result: Resolution, documents: dict[int, str]) -> ActorResolution:
    return ActorResolution(
        actors=len(result.actors),
        links=sum(len(c.links) for c in result.actors),
        across_documents=sum(1 for c in result.actors
                             if len({documents[link.record_id] for link in c.links}) > 1),
        outcomes=result.outcomes,
    )


def _abbreviates(acronym: str, words: str) -> bool:
    """Whether ``acronym``'s capitals are initials of ``words``, in order, starting with the first
    ("AAH" of "Asa'ib Ahl al-Haq", "IRGC" of "Islamic Revolutionary Guard Corps")."""
    initials = [w[0].upper() for w in re.split(r"[\s\-‐‑–—]+", words) if w and w[0].isalpha()]
    letters = [ch for ch in acronym if ch.isupper()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    rest = iter(initials[1:])
    return all(any(ch == i for i in rest) for ch in letters[1:])


# -- decisions --------------------------------------------------------------------------------------


def merge_actors(store: Store, a: str, b: str, *, note: str | None = None) -> DecisionResult:
    """Record that ``a`` and ``b`` (keys, names or words as written) are one actor, and rebuild.

    Raises NotFound naming the name that names no actor, or several (then listing their keys).
    Nothing is recorded when they already are one actor.
    """
    return _decide(store, Decision("merge", a, b, _today()), note=note)


def split_actor(
    store: Store, name: str, *, within: str | None = None, note: str | None = None
) -> DecisionResult:
    """Record that the references named ``name`` are an actor of their own (taken out of actor
    ``within`` only, when given), and rebuild. Undo with ``merge_actors``. NotFound when no actor
    has that name; nothing is recorded when it already stands alone."""
    return _decide(store, Decision("split", name, within, _today()), note=note)


def _decide(store: Store, decision: Decision, *, note: str | None) -> DecisionResult:
    with store.transaction(f"record the decision to {decision.action} {decision.a!r}") as conn:
        decisions = [*load_decisions(conn), decision]
        result = resolve(load_records(conn), lexicon=default_lexicon(), decisions=decisions)
        outcome = result.outcomes[-1]
        if not outcome.ok:
            raise NotFound(f"cannot {decision.action} {decision.a!r}"
                           f"{f' and {decision.b!r}' if decision.b and decision.action == 'merge' else ''}: "
                           f"{outcome.message}")
        if outcome.status == "applied":
            conn.execute(t.decisions.insert().values(
                subject=SUBJECT, action=decision.action, a=decision.a, b=decision.b,
                made_at=datetime.now(UTC), note=note))
        _write(conn, result)
        return _decision_result(conn, outcome, result)


def _decision_result(conn: sa.Connection, outcome: Outcome, result: Resolution) -> DecisionResult:
    moved = set(outcome.records)
    owner: CanonicalActor | None = None
    links = []
    for actor in result.actors:
        for link in actor.links:
            if link.record_id in moved:
                owner = actor
                links.append(link)
    a = t.actors.c
    names = {r.id: (r.name, r.document_id) for r in conn.execute(
        sa.select(a.id, a.name, a.document_id).where(a.id.in_(moved)))} if moved else {}
    changed = tuple(ChangedLink(link.record_id, *names[link.record_id], link.rule, link.evidence)
                    for link in links if link.record_id in names)
    return DecisionResult(outcome.status, outcome.message, owner.key if owner else None,
                          owner.name if owner else None, changed)


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


# -- queries ----------------------------------------------------------------------------------------


def canonical_of(conn: sa.Connection) -> dict[int, int]:
    """Each linked ``actors.id`` → its ``canonical_actors.id`` (rows never resolved are absent)."""
    link = t.actor_links.c
    return dict(conn.execute(sa.select(link.actor_id, link.canonical_id)).tuples().all())


def canonical_actors(conn: sa.Connection) -> list[ActorSummary]:
    """Every canonical actor with how many aliases, documents, mentions and events it has; those
    named in most documents first."""
    ca, link, a, m, r = (t.canonical_actors.c, t.actor_links.c, t.actors.c, t.actor_mentions.c,
                         t.event_roles.c)
    documents = _counts(conn, sa.select(link.canonical_id, sa.func.count(sa.distinct(a.document_id)))
                        .select_from(t.actor_links.join(t.actors, a.id == link.actor_id)))
    aliases = _counts(conn, sa.select(link.canonical_id, sa.func.count(sa.distinct(m.text)))
                      .select_from(t.actor_links.join(t.actor_mentions, m.actor_id == link.actor_id)))
    mentions = _counts(conn, sa.select(link.canonical_id, sa.func.count(m.id))
                       .select_from(t.actor_links.join(t.actor_mentions, m.actor_id == link.actor_id)))
    events = _counts(conn, sa.select(link.canonical_id, sa.func.count(sa.distinct(r.event_id)))
                     .select_from(t.actor_links.join(t.event_roles, r.actor_id == link.actor_id)))
    rows = conn.execute(sa.select(ca.id, ca.key, ca.name, ca.kind, ca.country, ca.pack_id))
    found = [ActorSummary(row.id, row.key, row.name, row.kind, row.country, row.pack_id,
                          aliases.get(row.id, 0), documents.get(row.id, 0), mentions.get(row.id, 0),
                          events.get(row.id, 0)) for row in rows]
    return sorted(found, key=lambda s: (-s.documents, -s.mentions, s.name.casefold(), s.key))


def _counts(conn: sa.Connection, query: sa.Select[Any]) -> dict[int, int]:
    link = t.actor_links.c
    return {int(k): int(v) for k, v in conn.execute(query.group_by(link.canonical_id)).tuples()}


def find_canonical(conn: sa.Connection, name: str) -> list[tuple[int, str, str]]:
    """The canonical actors (id, key, name) ``name`` names, the first of: its key or pack id; its
    canonical name; the name of one of its references; words written for it (each folded as pack
    names are); a pack alias of it ("Quds Force"); a transliteration of any of these."""
    ca, link, a, m = t.canonical_actors.c, t.actor_links.c, t.actors.c, t.actor_mentions.c
    rows = conn.execute(sa.select(ca.id, ca.key, ca.name, ca.pack_id)).tuples().all()
    every = {cid: (cid, key, shown) for cid, key, shown, _ in rows}
    exact = [every[cid] for cid, key, _, pack_id in rows if name in (key, pack_id)]
    if exact:
        return sorted(exact)
    named = sa.select(link.canonical_id, a.name).select_from(
        t.actor_links.join(t.actors, a.id == link.actor_id))
    written = sa.select(link.canonical_id, m.text).select_from(
        t.actor_links.join(t.actor_mentions, m.actor_id == link.actor_id))
    names = [(cid, shown) for cid, _, shown, _ in rows]
    references = [(int(cid), text) for cid, text in conn.execute(named).tuples()]
    words = [(int(cid), text) for cid, text in conn.execute(written).tuples()]
    for fold in (alias_key, group_key):
        folded = fold(name)
        for candidates in (names, references, words):
            ids = {cid for cid, text in candidates if fold(text) == folded}
            if ids:
                return sorted(every[i] for i in ids)
        found = default_lexicon().by_alias.get(folded) if fold is alias_key else None
        packed = [every[cid] for cid, _, _, pack_id in rows if found is not None and pack_id == found[0].id]
        if packed:
            return packed
    return []


def actor_profile(conn: sa.Connection, name: str) -> ActorProfile:
    """The canonical actor ``name`` names (see ``find_canonical``), with its aliases and where
    each was seen, its references and why each belongs, its relations with their evidence, and
    its events. Raises NotFound when ``name`` names no actor, or several (listing their keys)."""
    found = find_canonical(conn, name)
    if not found:
        raise NotFound(f"no actor named {name!r}; `sitrep actors` lists them")
    if len(found) > 1:
        listed = "; ".join(f"{key} ({shown})" for _, key, shown in found)
        raise NotFound(f"{name!r} names {len(found)} actors: {listed}; name one by its key")
    cid = found[0][0]
    ca = t.canonical_actors.c
    row = conn.execute(sa.select(t.canonical_actors).where(ca.id == cid)).mappings().one()
    links = _links(conn, cid)
    return ActorProfile(
        id=cid, key=row["key"], name=row["name"], kind=row["kind"], country=row["country"],
        pack_id=row["pack_id"], roles=tuple(dict.fromkeys(li.role for li in links if li.role)),
        aliases=_aliases(conn, cid), links=links, relations=_relations(conn, cid), events=_events(conn, cid),
    )


def _members(cid: int) -> sa.Select[Any]:
    link = t.actor_links.c
    return sa.select(link.actor_id).where(link.canonical_id == cid)


def _links(conn: sa.Connection, cid: int) -> tuple[ActorLinkInfo, ...]:
    a, link, d = t.actors.c, t.actor_links.c, t.documents.c
    joined = t.actor_links.join(t.actors, a.id == link.actor_id).join(t.documents, d.id == a.document_id)
    query = (sa.select(a.id, a.document_id, d.title, a.name, a.kind, a.country, a.pack_id, a.role, link.rule,
                       link.evidence)
             .select_from(joined)
             .where(link.canonical_id == cid).order_by(a.id))
    return tuple(ActorLinkInfo(*row) for row in conn.execute(query).tuples())


def _aliases(conn: sa.Connection, cid: int) -> tuple[Alias, ...]:
    m, d = t.actor_mentions.c, t.documents.c
    query = (sa.select(m.text, m.document_id, d.title, d.source, sa.func.count(m.id))
             .select_from(t.actor_mentions.join(t.documents, d.id == m.document_id))
             .where(m.actor_id.in_(_members(cid)))
             .group_by(m.text, m.document_id, d.title, d.source))
    seen: dict[str, list[SeenIn]] = defaultdict(list)
    for text, document_id, title, source, count in conn.execute(query).tuples():
        seen[text].append(SeenIn(document_id, title, source, int(count)))
    aliases = [Alias(text, sum(s.mentions for s in where), tuple(sorted(where, key=lambda s: s.document_id)))
               for text, where in seen.items()]
    return tuple(sorted(aliases, key=lambda al: (-al.mentions, al.text)))


def _relations(conn: sa.Connection, cid: int) -> tuple[ActorRelation, ...]:
    r, d = t.relations.c, t.documents.c
    members = {int(i) for (i,) in conn.execute(_members(cid)).tuples()}
    if not members:
        return ()
    sentence = sa.func.substr(d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start)
    query = (sa.select(r.source_actor_id, r.target_actor_id, r.type, r.document_id, d.title, sentence,
                       r.notes, r.origin, r.seq)
             .select_from(t.relations.join(t.documents, d.id == r.document_id))
             .where(sa.or_(r.source_actor_id.in_(members), r.target_actor_id.in_(members)))
             .order_by(d.ingested_at, r.document_id, r.seq))
    rows = conn.execute(query).tuples().all()
    others = _canonical_names(conn, {row[1] if row[0] in members else row[0] for row in rows})
    found = []
    for source, target, rtype, document_id, title, text, notes, origin, seq in rows:
        out = source in members
        other_key, other = others.get(target if out else source, (None, "?"))
        found.append(ActorRelation("out" if out else "in", rtype, other, other_key, document_id, title,
                                   text or "", tuple(notes or ()), origin, origin.startswith("pack:"), seq))
    return tuple(found)


def _canonical_names(conn: sa.Connection, actor_ids: Iterable[int]) -> dict[int, tuple[str | None, str]]:
    """Each actor row's (canonical key, canonical name); its own name when it has no link."""
    a, link, ca = t.actors.c, t.actor_links.c, t.canonical_actors.c
    ids = list(actor_ids)
    if not ids:
        return {}
    query = (sa.select(a.id, ca.key, ca.name, a.name)
             .select_from(t.actors.outerjoin(t.actor_links, link.actor_id == a.id)
                          .outerjoin(t.canonical_actors, ca.id == link.canonical_id))
             .where(a.id.in_(ids)))
    return {row[0]: (row[1], row[2] or row[3]) for row in conn.execute(query).tuples()}


def _events(conn: sa.Connection, cid: int) -> tuple[ActorEvent, ...]:
    r, e, d = t.event_roles.c, t.events.c, t.documents.c
    query = (sa.select(e.id, r.role, e.type, e.mode, e.status, e.trigger, e.date_value, e.date_precision,
                       sa.func.coalesce(e.place_name, e.place_text), e.document_id, d.title)
             .select_from(t.event_roles.join(t.events, e.id == r.event_id)
                          .join(t.documents, d.id == e.document_id))
             .where(r.actor_id.in_(_members(cid)))
             .distinct())
    rows = [ActorEvent(*row) for row in conn.execute(query).tuples()]
    return tuple(sorted(rows, key=lambda ev: (ev.date is None, ev.date or date.min, ev.document_id,
                                             ev.event_id, ev.role)))
