"""Score actor resolution against a gold file's ``actors``: does each written form of an actor
resolve to that actor?

For every gold form that appears in the document body, the actor references whose spans cover its
occurrences are checked (a reference covers an occurrence when each holds at least half of the
other): a form is resolved when at least one occurrence is covered and every
covering reference resolves to the form's gold actor. A reference resolves to the gold actor whose
id or name it carries, else the one with its name among the gold forms, else (when it came from a
pack) the one that shares a name with the pack actor. An occurrence inside a longer gold form
("Jeffrey" in "Jeffrey Buchanan") is not an occurrence of the shorter form.
A form that only ever stands where it names no actor ("Iran" as a place) is not found there, and
needs only one acting occurrence to count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.evaluate.metrics import Metric, accuracy
from sitrep.knowledge.names import alias_key

if TYPE_CHECKING:
    from sitrep.extract.doc import ExtractDoc
    from sitrep.knowledge.pack import Knowledge
    from sitrep.model.facts import ActorRef

METRIC = "actors.forms_resolved"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    actor: str
    form: str


def score_actor_forms(gold: dict[str, Any], extract_doc: ExtractDoc, *,
                      knowledge: Knowledge | None = None) -> list[Metric]:
    """``actors.forms_resolved``: the share of gold forms (seen in the body) that resolve to their
    actor; misses named in ``detail``. ``knowledge``: the packs extraction used (default: all bundled)."""
    if knowledge is None:
        from sitrep.knowledge.pack import load_packs

        knowledge = load_packs()
    actors = {str(a["id"]): a for a in gold.get("actors", []) if a.get("id")}
    body = extract_doc.analysis_text[: extract_doc.body_end].translate(_QUOTES)
    occurrences = _occurrences(actors, body)
    resolver = _Resolver(actors, knowledge)
    forms = sorted({(o.actor, o.form) for o in occurrences})
    misses = []
    for actor_id, form in forms:
        mine = [o for o in occurrences if (o.actor, o.form) == (actor_id, form)]
        covering = [ref for o in mine if (ref := _covering(o, extract_doc.actors, resolver)) is not None]
        wrong = [ref for ref in covering if resolver.resolve(ref) != actor_id]
        if not covering:
            misses.append(f"{form!r} ({actor_id}): no actor found at its {len(mine)} occurrence(s)")
        elif wrong:
            got = ", ".join(sorted({f"{ref.text!r} -> {ref.name!r}" for ref in wrong}))
            misses.append(f"{form!r} ({actor_id}): resolved as {got}")
    return [accuracy(METRIC, len(forms) - len(misses), len(forms), "; ".join(misses))]


def _occurrences(actors: dict[str, dict[str, Any]], body: str) -> list[_Occurrence]:
    found = []
    for actor_id, actor in actors.items():
        for form in actor.get("forms") or []:
            pattern = re.compile(rf"(?<![\w-]){re.escape(str(form).translate(_QUOTES))}(?![\w-])")
            found += [_Occurrence(m.start(), m.end(), actor_id, str(form)) for m in pattern.finditer(body)]
    return [o for o in found if not any(_inside(o, p) for p in found)]


def _inside(short: _Occurrence, long: _Occurrence) -> bool:
    """Whether ``short`` stands inside a longer gold form ("Jeffrey" in "Jeffrey Buchanan", "Qods
    Force" in "Islamic Revolutionary Guard Corps Qods Force"): there it is not a form of its own."""
    longer = long.end - long.start > short.end - short.start
    return longer and long.start <= short.start and short.end <= long.end


def _covering(occurrence: _Occurrence, refs: list[ActorRef], resolver: _Resolver) -> ActorRef | None:
    """The reference that covers an occurrence: of those that share at least half of their words
    with it and it with them, the one sharing most; else a longer reference around it that names
    the same actor ("Quds Force" in "Islamic Revolutionary Guard Corps Quds Force"). A longer name
    of another actor that the form only stands in ("Iraq" in "Islamic Resistance in Iraq") does not."""
    best, most = None, 0
    for ref in refs:
        shared = min(ref.span.end, occurrence.end) - max(ref.span.start, occurrence.start)
        if shared > most and 2 * shared >= len(ref.span) and 2 * shared >= occurrence.end - occurrence.start:
            best, most = ref, shared
    if best is None:
        best = next((r for r in refs if r.span.start <= occurrence.start and occurrence.end <= r.span.end
                     and resolver.resolve(r) == occurrence.actor), None)
    return best


class _Resolver:
    """Which gold actor an actor reference stands for."""

    def __init__(self, actors: dict[str, dict[str, Any]], knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.names = {alias_key(str(a.get("name", ""))): i for i, a in actors.items()}
        self.forms: dict[str, set[str]] = {}
        for actor_id, actor in actors.items():
            for name in [actor.get("name", ""), *(actor.get("forms") or [])]:
                self.forms.setdefault(alias_key(str(name)), set()).add(actor_id)
        self.ids = set(actors)

    def resolve(self, ref: ActorRef) -> str | None:
        if ref.actor_id in self.ids:
            return ref.actor_id
        key = alias_key(ref.name)
        if key in self.names:
            return self.names[key]
        by_form = self.forms.get(key, set())
        if len(by_form) == 1:
            return next(iter(by_form))
        pack = self.knowledge.actor(ref.actor_id) if ref.actor_id else None
        if pack is None:
            return None
        shared = set().union(*(self.forms.get(alias_key(n), set()) for n in pack.names))
        return next(iter(shared)) if len(shared) == 1 else None
