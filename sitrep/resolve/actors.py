"""Which actor references across the store are one actor: pure rules over actor records, every
link with the rule that made it and its evidence in words.

Rules, in this order (the user's decisions come last and win):

1. ``pack``: extraction matched the reference to a pack actor: one actor per pack id ("pack:ID").
2. ``pack_alias`` / ``transliteration``: the name is one of a pack actor's names, as written or
   after the normaliser below, and the kinds agree.
3. ``country_state``: a state named as its country ("Iran") is the one state actor a pack has for
   that country ("Government of Iran"); without one, all such references are "the state of IR".
4. ``same_name`` / ``transliteration``: names equal once folded. Folding ignores case, apostrophes
   and ʿ, hyphens, the article al-/el-, a plural s on the last word (Brigade/Brigades) and
   diacritics; for groups also doubled letters and o/u (Qods/Quds), for people doubled letters
   only (Buchanan/Buchannan). Kinds must agree (a person never joins a group; a state, its
   military and its security forces stay apart; militia, rebel and terrorist group, which
   documents tell apart differently, may join) and so must countries when both are known. A
   description ("soldiers", "regional police") is not a name: it joins only within its document.
5. ``same_person``: people whose given name and surname agree and whose middle names do not clash.
6. ``surname``: a bare surname or a title and surname ("Buchanan", "Gen. Buchanan") joins the one
   person named in full in the same document with that surname (a bare name in a report is a
   surname: "Jeffrey" there is James Jeffrey even beside a Jeffrey Buchanan); failing that, the
   one person in the store with that surname, unless the word is also another person's given
   name. A surname two people share, or a given name alone, never joins anything, and two people
   are never joined by a name they share ("Jeffrey Buchanan", "James Jeffrey").
7. ``acronym``: an acronym the text defines ("Asa'ib Ahl al-Haq (AAH)") joins the actor it
   abbreviates: the one in its document, else the only one so abbreviated in the store.
8. ``user``: the user's merge and split decisions, in the order they were made.

A reference the others joined, or one that stands alone, has the rule ``name``; a bare surname
left alone says why in ``own`` ("not merged: 'Okafor' is the surname of 2 people: …").

Translations ("Hezbollah Brigades" for Kata'ib Hezbollah) come from pack aliases only: no rule
translates a name, so a translation no pack lists stays a separate actor until the user merges it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from sitrep.knowledge.names import alias_key, fold

ARMED = frozenset({"militia", "rebel_group", "terrorist_group"})
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "al", "el", "de", "du", "la", "bin",
                             "ibn"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ARTICLES = frozenset({"al", "el"})
_DOUBLED = re.compile(r"(\w)\1+")
_APOSTROPHES = re.compile("[’‘ʼʻ`´'ʿʾ]")
_SEP = re.compile(r"[\s\-‐‑‒–—_/]+")
_KEY_ROOM = 200  # of a canonical key's 255 characters, what the folded name may take


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One ``actors`` row: an actor as one document names it. ``mentions``: the words of each of
    its mentions; ``acronyms``: the acronyms the text defines for it ("(AAH)" after the name)."""

    id: int
    document_id: str
    name: str
    kind: str | None = None
    country: str | None = None
    pack_id: str | None = None
    role: str | None = None
    mentions: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PackEntry:
    """A pack actor as resolution needs it; ``aliases`` may carry translations."""

    id: str
    name: str
    kind: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """What resolution knows besides the records: pack actors, country names (any spelling →
    ISO code), the name of each country's state ("IQ" → "Government of Iraq"), words that are
    titles or honorifics, nouns that describe rather than name, and demonyms ("Iraqi")."""

    actors: tuple[PackEntry, ...] = ()
    countries: Mapping[str, str] = field(default_factory=dict)
    state_names: Mapping[str, str] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    generic_words: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()

    @cached_property
    def country_words(self) -> frozenset[str]:
        """Country names and demonyms, folded: words that make a description someone's."""
        return frozenset(alias_key(w) for w in (*self.countries, *self.demonyms))

    @cached_property
    def by_id(self) -> dict[str, PackEntry]:
        return {a.id: a for a in self.actors}

    @cached_property
    def by_alias(self) -> dict[str, tuple[PackEntry, str]]:
        return _unique_index(self.actors, alias_key)

    @cached_property
    def by_spelling(self) -> dict[str, tuple[PackEntry, str]]:
        return _unique_index(self.actors, group_key)

    @cached_property
    def country_codes(self) -> dict[str, str]:
        return {alias_key(name): code for name, code in self.countries.items()}

    def state_of(self, code: str) -> PackEntry | None:
        """The pack's state actor of country ``code``: the one named as the country's state
        ("Government of Iraq"), else its only one; None when it has none or several."""
        found = [a for a in self.actors if a.kind == "state" and a.country == code]
        named = self.state_names.get(code)
        if named is not None:
            called = [a for a in found if alias_key(named) in {alias_key(n) for n in (a.name, *a.aliases)}]
            if len(called) == 1:
                return called[0]
        return found[0] if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class Decision:
    """A user's decision: ``merge`` a and b into one actor, or ``split`` the name a out of its
    actor (out of actor b only, when b is given). ``made`` dates it in evidence ("2026-11-25")."""

    action: str
    a: str
    b: str | None = None
    made: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """Why one record belongs to its canonical actor: the rule, and the evidence in words."""

    record_id: int
    rule: str
    evidence: str


@dataclass(frozen=True, slots=True)
class CanonicalActor:
    """One actor across the store. ``key`` is stable across rebuilds of the same facts and
    decisions ("pack:irgc-qf", "person:jeffrey buchanan", "group:eastern brigades:iq")."""

    key: str
    name: str
    kind: str | None
    country: str | None
    pack_id: str | None
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one decision did. ``status``: applied | unchanged (nothing to do) | unknown (a name
    that names no actor) | ambiguous (a name that names several); ``records``: the records it moved."""

    decision: Decision
    status: str
    message: str
    names: tuple[str, ...] = ()
    records: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status in ("applied", "unchanged")


@dataclass(frozen=True, slots=True)
class Resolution:
    """The canonical actors (by key), and what each decision did."""

    actors: tuple[CanonicalActor, ...]
    outcomes: tuple[Outcome, ...] = ()

    @property
    def skipped(self) -> tuple[Outcome, ...]:
        """Decisions that could not be applied: a name that names no actor, or several."""
        return tuple(o for o in self.outcomes if not o.ok)


# -- name folding ---------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Lower-case words without apostrophes, dots or diacritics, split at spaces and hyphens."""
    plain = _APOSTROPHES.sub("", fold(text)).casefold().replace(".", " ").replace(",", " ")
    return [w for w in _SEP.split(plain) if w]


def group_key(name: str) -> str:
    """The folded name of a group: ``alias_key`` (case, apostrophes, hyphens, al-, plural s,
    diacritics), then o as u and doubled letters single (Qods/Quds, Nour/Nur, Hezbollah/Hezbolah)."""
    return " ".join(_DOUBLED.sub(r"\1", w.replace("o", "u")) for w in alias_key(name).split())


def person_words(name: str, lexicon: Lexicon) -> tuple[tuple[str, ...], bool]:
    """A person's name words, folded (doubled letters single), without titles, honorifics, the
    article al- or a Jr.; and whether a title was dropped ("Gen. Buchanan" → ("buchanan",), True)."""
    words = _words(name)
    titled = False
    while words and (words[0] in lexicon.titles or words[0] in lexicon.honorifics):
        titled = titled or words[0] in lexicon.titles
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    kept = [_DOUBLED.sub(r"\1", w) for w in words if w not in _ARTICLES and w not in lexicon.honorifics]
    return tuple(kept), titled


def is_description(name: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` describes rather than names: no word in capitals ("soldiers", "regional
    police"), only a first word in capitals that names no country ("Regional police" beginning a
    sentence), or one generic noun ("Militants"). "African Union soldiers" and "Iraqi police"
    name whose they are, and are names."""
    raw = [w for w in _SEP.split(name.strip()) if w]
    content = [w for w in raw if w.lower() not in _FUNCTION_WORDS]
    capitals = [i for i, w in enumerate(content) if w[:1].isupper()]
    if not capitals:
        return True
    if len(content) == 1:
        word = content[0].lower().rstrip(".")
        return word in lexicon.generic_words or (word.endswith("s") and word[:-1] in lexicon.generic_words)
    if capitals == [0] and raw[0].lower() not in _FUNCTION_WORDS:  # the first word may begin a sentence
        return alias_key(content[0]) not in lexicon.country_words
    return False


def kind_class(kind: str | None) -> str | None:
    """The class within which kinds may join: militia, rebel and terrorist group are one."""
    return "armed" if kind in ARMED else kind


def kinds_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or kind_class(a) == kind_class(b)


def _unique_index(
    actors: Iterable[PackEntry], key_of: Callable[[str], str]
) -> dict[str, tuple[PackEntry, str]]:
    """Folded name → (pack actor, the name as the pack writes it), for names only one actor has."""
    found: dict[str, tuple[PackEntry, str]] = {}
    clash: set[str] = set()
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            key = key_of(name)
            other = found.get(key)
            if other is not None and other[0].id != actor.id:
                clash.add(key)
            found.setdefault(key, (actor, name))
    return {k: v for k, v in found.items() if k not in clash}


def _q(names: Iterable[str], limit: int = 4) -> str:
    shown = list(dict.fromkeys(names))
    more = f" and {len(shown) - limit} more" if len(shown) > limit else ""
    return ", ".join(f"'{n}'" for n in shown[:limit]) + more


# -- groups ---------------------------------------------------------------------------------------


@dataclass(eq=False)
class _Group:
    """A canonical actor in the making: its records, each with (rule, evidence)."""

    links: dict[int, tuple[ActorRecord, str, str]] = field(default_factory=dict)
    pack: PackEntry | None = None
    pack_id: str | None = None
    local: str | None = None  # the document a description or an unresolved bare name is local to
    label: str | None = None  # the name the user split out, which names the split actor

    @property
    def records(self) -> list[ActorRecord]:
        return [r for r, _, _ in self.links.values()]

    def add(self, record: ActorRecord, rule: str, evidence: str) -> None:
        self.links[record.id] = (record, rule, evidence)

    def documents(self) -> set[str]:
        return {r.document_id for r in self.records}


class _Resolver:
    def __init__(self, records: Sequence[ActorRecord], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.records = sorted(records, key=lambda r: r.id)
        self.groups: list[_Group] = []
        self.where: dict[int, _Group] = {}

    # bookkeeping

    def new_group(self, *, pack: PackEntry | None = None, pack_id: str | None = None,
                  local: str | None = None, label: str | None = None) -> _Group:
        group = _Group(pack=pack, pack_id=pack_id, local=local, label=label)
        self.groups.append(group)
        return group

    def put(self, record: ActorRecord, group: _Group, rule: str, evidence: str) -> None:
        old = self.where.get(record.id)
        if old is not None and old is not group:
            del old.links[record.id]
        group.add(record, rule, evidence)
        self.where[record.id] = group

    def prune(self) -> None:
        self.groups = [g for g in self.groups if g.links]

    # rules

    def run(self) -> None:
        packs: dict[str, _Group] = {}
        rest: list[ActorRecord] = []
        for record in self.records:
            placed = self.by_pack(record, packs)
            if not placed:
                rest.append(record)
        people = [r for r in rest if r.kind == "person"]
        self.by_name([r for r in rest if r.kind != "person"])
        bare = self.by_full_name(people)
        self.same_person()
        self.by_surname(bare)
        self.by_acronym()
        self.prune()

    def by_pack(self, record: ActorRecord, packs: dict[str, _Group]) -> bool:
        lex = self.lexicon
        if record.pack_id:
            entry = lex.by_id.get(record.pack_id)
            words = _q(record.mentions) or f"'{record.name}'"
            name = entry.name if entry else record.name
            evidence = f"extraction matched {words} to pack actor {record.pack_id} ({name})"
            self.put(record, self.pack_group(packs, record.pack_id, entry), "pack", evidence)
            return True
        if record.kind == "person" or is_description(record.name, lex):
            found = lex.by_alias.get(alias_key(record.name)) if record.kind == "person" else None
        else:
            found = lex.by_alias.get(alias_key(record.name)) or lex.by_spelling.get(group_key(record.name))
        if found is not None and kinds_agree(found[0].kind, record.kind) and not _country_clash(
                found[0].country, record.country):
            entry, alias = found
            if alias_key(alias) == alias_key(record.name):
                rule, evidence = "pack_alias", f"pack alias '{alias}' of {entry.id} ({entry.name})"
            else:
                rule = "transliteration"
                evidence = (f"transliteration: '{record.name}' = pack alias '{alias}' of {entry.id} "
                            f"({entry.name})")
            self.put(record, self.pack_group(packs, entry.id, entry), rule, evidence)
            return True
        code = lex.country_codes.get(alias_key(record.name))
        if record.kind == "state" and code and record.country in (None, code):
            entry = lex.state_of(code)
            if entry is not None:
                evidence = f"'{record.name}' names the state of {code}: {entry.name} ({entry.id})"
                self.put(record, self.pack_group(packs, entry.id, entry), "country_state", evidence)
                return True
        return False

    def pack_group(self, packs: dict[str, _Group], pack_id: str, entry: PackEntry | None) -> _Group:
        if pack_id not in packs:
            packs[pack_id] = self.new_group(pack=entry, pack_id=pack_id)
        return packs[pack_id]

    def by_name(self, records: list[ActorRecord]) -> None:
        """Groups by folded name; descriptions only within their document."""
        buckets: dict[tuple[str, str | None], list[ActorRecord]] = defaultdict(list)
        for record in records:
            described = is_description(record.name, self.lexicon)
            local = record.document_id if described else None
            code = self.lexicon.country_codes.get(alias_key(record.name))
            if record.kind == "state" and code and record.country in (None, code):
                buckets[(f"state of {code}", None)].append(record)
            else:
                # a description is compared in lower case: "Soldiers" begins a sentence
                buckets[(group_key(record.name.lower() if described else record.name), local)].append(record)
        for (name, local), bucket in buckets.items():
            state = name.removeprefix("state of ") if name.startswith("state of ") else None
            for part in _partition(bucket):
                self.name_group(part, local=local, state=state)

    def by_full_name(self, people: list[ActorRecord]) -> list[ActorRecord]:
        """Groups people named in full by their folded name; returns the bare names."""
        buckets: dict[tuple[str, ...], list[ActorRecord]] = defaultdict(list)
        bare = []
        for record in people:
            words, _ = person_words(record.name, self.lexicon)
            if len(words) >= 2:
                buckets[words].append(record)
            else:
                bare.append(record)
        for bucket in buckets.values():
            for part in _partition(bucket):
                self.name_group(part, local=None)
        return bare

    def name_group(self, records: list[ActorRecord], *, local: str | None,
                   state: str | None = None) -> _Group:
        group = self.new_group(local=local)
        canonical = _choose_name(records, self.lexicon, person=records[0].kind == "person")
        documents = {r.document_id for r in records}
        for record in records:
            rule, evidence = _name_link(record.name, canonical, len(records), len(documents))
            if state is not None and rule != "name":
                rule = "country_state"
                evidence = f"'{record.name}' names the state of {state}, as '{canonical}' does"
            self.put(record, group, rule, evidence)
        return group

    def full_people(self) -> list[tuple[_Group, set[tuple[str, ...]]]]:
        """Each group that names a person in full, with its full names (folded words)."""
        found = []
        for group in self.groups:
            names = {w for r in group.records if r.kind == "person"
                     for w in [person_words(r.name, self.lexicon)[0]] if len(w) >= 2}
            if names:
                found.append((group, names))
        return found

    def same_person(self) -> None:
        """Joins people whose first and last names agree and whose middle names do not clash."""
        by_ends: dict[tuple[str, str], list[tuple[_Group, set[tuple[str, ...]]]]] = defaultdict(list)
        for group, names in self.full_people():
            for ends in {(n[0], n[-1]) for n in names}:
                by_ends[ends].append((group, names))
        for candidates in by_ends.values():
            groups = list({id(g): (g, n) for g, n in candidates if g.links}.values())
            packed = [g for g, _ in groups if g.pack_id is not None]
            countries = {c for g, _ in groups if (c := _country(g))}
            if len(groups) < 2 or len(packed) > 1 or len(countries) > 1 or not _middles_agree(
                    [n for _, n in groups]):
                continue
            target = packed[0] if packed else max(
                groups, key=lambda gn: (max(len(n) for n in gn[1]), len(gn[0].links)))[0]
            target_name = self.canonical_name(target)
            for group, _ in groups:
                if group is target:
                    continue
                for record in group.records:
                    evidence = (f"same person: '{record.name}' and '{target_name}' share given name and "
                                f"surname, and their middle names do not clash")
                    self.put(record, target, "same_person", evidence)
        self.prune()

    def by_surname(self, bare: list[ActorRecord]) -> None:
        surnames: dict[str, list[_Group]] = defaultdict(list)
        given: dict[str, list[_Group]] = defaultdict(list)
        for group, names in self.full_people():
            for word in {n[-1] for n in names}:
                surnames[word].append(group)
            for word in {w for n in names for w in n[:-1]}:
                given[word].append(group)
        unresolved: dict[tuple[str, str], list[tuple[ActorRecord, str]]] = defaultdict(list)
        for record in bare:
            words, titled = person_words(record.name, self.lexicon)
            word = words[0] if words else alias_key(record.name)
            target, evidence = self.surname_target(record, word, titled, surnames, given)
            if target is not None:
                self.put(record, target, "surname", evidence)
            else:
                unresolved[(record.document_id, word)].append((record, evidence))
        for (document, _), items in unresolved.items():
            group = self.new_group(local=document)
            for record, evidence in items:
                self.put(record, group, "own", evidence)

    def surname_target(self, record: ActorRecord, word: str, titled: bool, surnames: dict[str, list[_Group]],
                       given: dict[str, list[_Group]]) -> tuple[_Group | None, str]:
        """The person a bare surname names, with the evidence; None and why not, when none."""
        what = "title and surname" if titled else "surname"
        shown = [w for w in _SEP.split(record.name) if w][-1:] or [record.name]
        word_shown = shown[0].strip(".,")
        no = f"not merged: '{word_shown}'"
        holders = [g for g in surnames.get(word, []) if not _country_clash(_country(g), record.country)]
        here = [g for g in holders if any(r.document_id == record.document_id for r in g.records)]
        others = [g for g in given.get(word, []) if g not in holders]
        holding, giving = _names(holders, self.lexicon), _names(others, self.lexicon)
        if len(here) == 1:
            name = _full_name(here[0], self.lexicon)
            also = f"; '{word_shown}' is also the given name of {giving}" if others else ""
            return here[0], (f"'{record.name}' is the {what} of '{name}', named in the same document, "
                             f"the only person there with that surname{also}")
        if len(here) > 1:
            return None, (f"not merged: '{word_shown}' is the surname of {_names(here, self.lexicon)} in the "
                          f"same document")
        if len(holders) == 1 and not others:
            name = _full_name(holders[0], self.lexicon)
            count = len(holders[0].documents())
            return holders[0], (f"'{record.name}' is the {what} of '{name}' (named in {count} other "
                                f"document{'s' if count != 1 else ''}), the only person in the store with "
                                f"that surname")
        if len(holders) > 1:
            return None, f"not merged: '{word_shown}' is the surname of {len(holders)} people: {holding}"
        if holders:
            return None, f"{no} is the surname of {holding} and the given name of {giving}"
        if others:
            return None, f"{no} is a given name ({giving}); a given name alone never merges"
        return None, f"not merged: no person named in full has the surname '{word_shown}'"

    def by_acronym(self) -> None:
        defined: dict[str, list[_Group]] = defaultdict(list)
        for group in self.groups:
            for acronym in {a for r in group.records for a in r.acronyms}:
                defined[acronym].append(group)
        if not defined:
            return
        for record in self.records:
            if record.pack_id or record.kind == "person" or record.name not in defined:
                continue
            mine = self.where[record.id]
            holders = [g for g in defined.get(record.name, []) if g is not mine
                       and kinds_agree(_kind(g), record.kind)]
            here = [g for g in holders if any(
                record.name in r.acronyms and r.document_id == record.document_id for r in g.records)]
            chosen = here if len(here) == 1 else holders if len(holders) == 1 else []
            if chosen:
                source = next(r for r in chosen[0].records if record.name in r.acronyms)
                where = "in the same document" if chosen is here else f"in document {source.document_id[:12]}"
                evidence = f"acronym: the text defines '{source.name} ({record.name})' {where}"
                self.put(record, chosen[0], "acronym", evidence)

    # decisions

    def find(self, name: str) -> list[_Group]:
        """The groups ``name`` names: by key, else canonical name, else a record's name or words."""
        keys = self.keys()
        exact = [g for g in self.groups if keys[id(g)] == name or g.pack_id == name]
        if exact:
            return exact
        folded = alias_key(name)
        for level in (
            lambda g: alias_key(self.canonical_name(g)) == folded,
            lambda g: any(alias_key(r.name) == folded for r in g.records),
            lambda g: any(alias_key(m) == folded for r in g.records for m in r.mentions),
        ):
            found = [g for g in self.groups if level(g)]
            if found:
                return found
        return []

    def apply(self, decision: Decision) -> Outcome:
        when = f" on {decision.made}" if decision.made else ""
        if decision.action == "merge" and decision.b is not None:
            return self.merge(decision, when)
        if decision.action == "split":
            return self.split(decision, when)
        return Outcome(decision, "unknown", f"{decision.action!r} is not a decision resolution knows")

    def merge(self, decision: Decision, when: str) -> Outcome:
        a, b = decision.a, decision.b or ""
        first, second = self.find(a), self.find(b)
        for name, found in ((a, first), (b, second)):
            if not found:
                return Outcome(decision, "unknown", f"{name!r} names no actor", names=(name,))
            if len(found) > 1:
                keys = self.keys()
                listed = "; ".join(f"{keys[id(g)]} ({self.canonical_name(g)})" for g in found)
                return Outcome(decision, "ambiguous", f"{name!r} names {len(found)} actors: {listed}; name "
                                                      f"one by its key", names=(name,))
        target, other = first[0], second[0]
        if target is other:
            return Outcome(decision, "unchanged", f"{a!r} and {b!r} are already one actor "
                                                  f"({self.canonical_name(target)})")
        # the references of the smaller actor move (a pack actor never does): fewer links change
        if (other.pack_id is not None, len(other.links)) > (target.pack_id is not None, len(target.links)):
            target, other = other, target
        moved = tuple(sorted(other.links))
        for record, rule, evidence in list(other.links.values()):
            self.put(record, target, "user", f"merged by the user{when}: '{a}' and '{b}' are one actor "
                                             f"(before: {rule}: {evidence})")
        self.prune()
        return Outcome(decision, "applied", f"'{a}' and '{b}' are now one actor, "
                                            f"{self.canonical_name(target)}", records=moved)

    def split(self, decision: Decision, when: str) -> Outcome:
        a, b = decision.a, decision.b
        within = self.find(b) if b else self.groups
        if b and not within:
            return Outcome(decision, "unknown", f"{b!r} names no actor", names=(b,))
        folded = alias_key(a)
        moved: list[int] = []
        seen = False
        for group in list(within):
            named = [r for r in group.records if alias_key(r.name) == folded]
            named = named or [r for r in group.records if any(alias_key(m) == folded for m in r.mentions)]
            seen = seen or bool(named)
            if not named or len(named) == len(group.links):
                continue
            old = self.canonical_name(group)
            documents = {r.document_id for r in named}
            local = named[0].document_id if len(documents) == 1 and is_description(a, self.lexicon) else None
            own = self.new_group(local=local, label=a)
            for record in named:
                self.put(record, own, "user", f"split by the user{when}: '{a}' taken out of '{old}'")
            moved += [r.id for r in named]
        self.prune()
        if not seen:
            where = f" in {b!r}" if b else ""
            return Outcome(decision, "unknown", f"no actor{where} is named {a!r}", names=(a,))
        if not moved:
            return Outcome(decision, "unchanged", f"{a!r} is already an actor of its own")
        count = f"{len(moved)} reference{'s' if len(moved) != 1 else ''}"
        return Outcome(decision, "applied", f"'{a}' is now an actor of its own ({count})",
                       records=tuple(sorted(moved)))

    # results

    def canonical_name(self, group: _Group) -> str:
        if group.label is not None:
            return group.label
        if group.pack_id is not None:
            if group.pack is not None:
                return group.pack.name
            pack_named = [r for r in group.records if r.pack_id == group.pack_id]
            if pack_named:
                return Counter(r.name for r in pack_named).most_common(1)[0][0]
        return _choose_name(group.records, self.lexicon, person=_kind(group) == "person")

    def keys(self) -> dict[int, str]:
        """Each group's key (by ``id``), made unique by a "#2", "#3" suffix in record order."""
        wanted = sorted((self.base_key(g), min(g.links), id(g)) for g in self.groups)
        keys: dict[int, str] = {}
        seen: Counter[str] = Counter()
        for key, _, gid in wanted:
            seen[key] += 1
            keys[gid] = key if seen[key] == 1 else f"{key}#{seen[key]}"
        return keys

    def base_key(self, group: _Group) -> str:
        if group.pack_id is not None:
            return f"pack:{group.pack_id}"
        kind, country = _kind(group), _country(group)
        name = self.canonical_name(group)
        if kind == "person":
            dropped = self.lexicon.titles | self.lexicon.honorifics
            words = [w for w in _words(name) if w not in dropped]
            key = f"person:{' '.join(words) or alias_key(name)}"[: _KEY_ROOM]
        else:
            code = self.lexicon.country_codes.get(alias_key(name))
            if kind == "state" and code:
                return f"state:{code.lower()}"
            family = "group" if kind is None or kind in ARMED else kind
            folded = alias_key(name.lower() if group.local and is_description(name, self.lexicon) else name)
            key = f"{family}:{folded}"[: _KEY_ROOM]
            if country:
                key += f":{country.lower()}"
        return key + (f"@{group.local[:12]}" if group.local else "")

    def result(self, outcomes: list[Outcome]) -> Resolution:
        keys = self.keys()
        actors = []
        for group in self.groups:
            pack = group.pack
            links = tuple(Link(r.id, rule, _anchor(evidence, rule, len(group.links)))
                          for r, rule, evidence in sorted(group.links.values(), key=lambda item: item[0].id))
            actors.append(CanonicalActor(
                key=keys[id(group)], name=self.canonical_name(group),
                kind=pack.kind if pack and pack.kind else _kind(group),
                country=pack.country if pack and pack.country else _country(group),
                pack_id=group.pack_id, links=links,
            ))
        actors.sort(key=lambda a: a.key)
        return Resolution(tuple(actors), tuple(outcomes))


def resolve(records: Sequence[ActorRecord], *, lexicon: Lexicon | None = None,
            decisions: Sequence[Decision] = ()) -> Resolution:
    """Group ``records`` into canonical actors by the rules above, then apply ``decisions`` in
    order. A decision that names nothing (any more), or several actors, is skipped: its outcome
    says so (``Resolution.skipped``)."""
    resolver = _Resolver(records, lexicon or Lexicon())
    resolver.run()
    outcomes = [resolver.apply(decision) for decision in decisions]
    return resolver.result(outcomes)


# -- helpers ----------------------------------------------------------------------------------------


def _country_clash(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a != b


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _kind(group: _Group) -> str | None:
    if group.pack is not None and group.pack.kind:
        return group.pack.kind
    return _most_common(r.kind for r in group.records)


def _country(group: _Group) -> str | None:
    if group.pack is not None and group.pack.country:
        return group.pack.country
    return _most_common(r.country for r in group.records)


def _partition(records: list[ActorRecord]) -> list[list[ActorRecord]]:
    """Splits records of one folded name by kind class, then by country: a record without a kind
    (country) joins the one class (country) present, and stays apart when there are several."""
    parts = []
    for by_kind in _split_by(records, lambda r: kind_class(r.kind)):
        parts.extend(_split_by(by_kind, lambda r: r.country))
    return parts


def _split_by(
    records: list[ActorRecord], value: Callable[[ActorRecord], str | None]
) -> list[list[ActorRecord]]:
    known: dict[str, list[ActorRecord]] = defaultdict(list)
    unknown = []
    for record in records:
        v = value(record)
        (known[v] if v else unknown).append(record)
    if len(known) == 1:
        next(iter(known.values())).extend(unknown)
        unknown = []
    parts = [known[k] for k in sorted(known)]
    return parts + ([unknown] if unknown else [])


def _choose_name(records: Sequence[ActorRecord], lexicon: Lexicon, *, person: bool) -> str:
    """The most frequent name (by mentions), a longer one on a tie; for people, the fullest name
    without a title ("Jeffrey Okafor" before "Gen. Okafor")."""
    counts: Counter[str] = Counter()
    for record in records:
        counts[record.name] += max(1, len(record.mentions))

    def rank(name: str) -> tuple[int, bool, int, int, str]:
        words, titled = person_words(name, lexicon) if person else ((), False)
        return -len(words), titled, -counts[name], -len(name), name

    return min(counts, key=rank)


def _name_link(name: str, canonical: str, size: int, documents: int) -> tuple[str, str]:
    if size == 1:
        return "name", f"named '{name}'; no other reference has this name or a spelling of it"
    where = f"{documents} document{'s' if documents != 1 else ''}"
    if name == canonical:
        return "same_name", f"same name: '{name}', in {where}"
    if alias_key(name) == alias_key(canonical) or _words(name) == _words(canonical):
        return "same_name", f"spelling: '{name}' = '{canonical}' (case, apostrophes, hyphens, al-, plural)"
    return "transliteration", f"transliteration: '{name}' = '{canonical}'"


def _anchor(evidence: str, rule: str, size: int) -> str:
    """A record that others joined says so, rather than that it stands alone."""
    if rule == "name" and size > 1:
        return evidence.split(";")[0] + "; the other references joined it"
    return evidence


def _middles_agree(names: list[set[tuple[str, ...]]]) -> bool:
    """Whether the middle names of people sharing given name and surname never clash: one has
    none, or each of one's middle names is the other's or its initial."""
    middles = [n[1:-1] for full in names for n in full]
    for a in middles:
        for b in middles:
            if a and b and (len(a) != len(b) or not all(map(_same_middle, a, b))):
                return False
    return True


def _same_middle(a: str, b: str) -> bool:
    """One middle name, or it and its initial ("Scott", "S")."""
    return a == b or (a[0] == b[0] and min(len(a), len(b)) == 1)


def _full_name(group: _Group, lexicon: Lexicon) -> str:
    full = [r for r in group.records if len(person_words(r.name, lexicon)[0]) >= 2]
    return _choose_name(full or group.records, lexicon, person=True)


def _names(groups: Iterable[_Group], lexicon: Lexicon) -> str:
    return ", ".join(sorted({_full_name(g, lexicon) if g.pack is None else g.pack.name for g in groups}))
