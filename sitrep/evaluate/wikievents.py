"""Score sitrep on WikiEvents ``dev.gold.jsonl``: document-level categories and role fillers.

How it is scored (``../shared/eval/README.md``): (1) precision/recall/F1 over the (document,
category) pairs a document reports; (2) role fillers per (document, category, role): a predicted
string fills a gold entity if, lower-cased without leading articles, it equals one of the entity's
mentions, or is at most 8 tokens and contains one as whole words; matching is one-to-one.

Only asserted events count. How a sitrep event maps to WikiEvents categories (an event can map
to several: "a bomb killed two" is an attack and a killing):

============  ==========================================================================
category      sitrep event
============  ==========================================================================
attack        type ASSAULT (any mode), unless its trigger is a kill or injury word: "two were
              killed" reports a killing (WikiEvents Life.Die), not an attack (Conflict.Attack);
              a trigger that names the act and its deadly result ("shot dead", "beaten to
              death") reports both
killing       any type with a ``killed`` count > 0; or ASSAULT whose trigger is a kill word
              (kill, die, dead, death, murder, assassinate, slay, behead, execute, massacre)
              and no attempt word ("assassination attempt" is an attack)
injury        any type with an ``injured`` count > 0; or ASSAULT whose trigger is an injury
              word (injure, wound, hurt, maim) and no attempt word
arrest        COERCE mode arrest; any type with an ``arrested`` count > 0; or COERCE with no
              mode whose trigger is an arrest word (arrest, detain, capture, apprehend, jail)
meeting       type CONSULT, except mode phone (a telephone call is no meeting)
============  ==========================================================================

Roles per category (surface texts, never canonical names):

============  ==========================================================================
attack        attacker = actors, claimants, those blamed; target = recipients less casualties, and
              the building ``Event.site`` names; weapon; place
killing       attacker = as for attack; victim = recipients and ``killed`` counts; place
injury        attacker = as for attack; victim = recipients and ``injured`` counts; place
arrest        detainee = recipients; place
meeting       participant = actors + recipients; place
============  ==========================================================================

victims: a recipient with the count of its kind written just before it is one filler ("260" +
"people": "260 people"); a count standing apart is a filler of its own ("15 were wounded") unless
it repeats a group's figure; a recipient counted for another outcome only, or naming a site ("the
courthouse"; a name that begins with a site noun, "Camp X", names one too), is not a victim of
this one. target: the recipients less those a killed or injured count counts (the casualties),
and the site within the place when it is a building or facility ("at the Central cafe in Kano":
what was hit), not a street or a stretch of land ("on Elm Street").
weapon: for an event with an ``Event.weapon``, the surface text of the weapon mention
(``Extraction.mentions`` kind weapon) in the event's sentence that it names (by key or text), else
the one nearest the trigger, else ``Event.weapon`` itself; never a weapon name that ends in a
person noun, singular or plural ("suicide bombers" names who used it). place: ``Place.text``. The role metric
scores the gold entities of the five categories above in the README's seven roles (attacker,
target, weapon, place, victim, detainee, participant); a predicted filler in a category the
document does not report counts as extra. One filler per entity: a filler written inside another of
the same role names the same one, and so do two that share their count and head ("six soldiers",
"Six Malian soldiers"). ``wikievents.category_all`` also scores every gold
category, with the wider table ``EXTENDED`` (protest, riot, threaten, release, investigate,
legal_action, property_damage; ``crime`` has no sitrep counterpart and is always missed) —
reported, not a floor.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.metrics import Metric, prf_metrics
from sitrep.evaluate.text import plain
from sitrep.extract.events.affected import AGENT_NOUNS, PLACE_NOUNS
from sitrep.extract.events.attach import SITE_NOUNS
from sitrep.extract.numbers import parse_number
from sitrep.model.facts import ActorRef, Event, Extraction, Quantity
from sitrep.model.vocab import PLOVER_MODES

# Trigger words (whole tokens of the trigger, lower-cased) that make an event a killing, injury, arrest.
KILL_WORDS = re.compile(r"kill\w*|die[sd]?|dying|dead|deaths?|murder\w*|assassinat\w*"
                        r"|sla(?:y|ys|in|ying|yings|ew)|behead\w*|execut(?:e|ed|es|ing|ion|ions)|massacre\w*|fatal\w*")
INJURE_WORDS = re.compile(r"injur\w*|wound\w*|hurt\w*|maim\w*")
ARREST_WORDS = re.compile(r"arrest\w*|detain\w*|detention|captur\w*|apprehend\w*|jail\w*|imprison\w*|custody")
ATTEMPT_WORDS = re.compile(r"attempt\w*|tr(?:y|ies|ied)|plot\w*|fail\w*")  # an attempted killing is an attack
CATEGORIES: tuple[str, ...] = ("attack", "killing", "injury", "arrest", "meeting")
# The other WikiEvents categories, scored in ``wikievents.category_all`` only: (type, mode) pairs.
EXTENDED: dict[str, frozenset[tuple[str, str | None]]] = {
    "protest": frozenset(("PROTEST", m) for m in (None, "demo", "strike", "hunger", "boycott", "obstruct")),
    "riot": frozenset({("PROTEST", "riot")}),
    "threaten": frozenset(("THREATEN", m) for m in (None, *PLOVER_MODES["THREATEN"])),
    "release": frozenset({("RETREAT", "release")}),
    "investigate": frozenset({("ACCUSE", "investigate")}),
    "legal_action": frozenset({("SANCTION", "convict")}),
    "property_damage": frozenset({("ASSAULT", "destroy"), ("PROTEST", "vandalize")}),
}


def categories_of(event: Event, *, extended: bool = False) -> list[str]:
    """The WikiEvents categories an event reports, by the table in the module's docstring (none
    unless it is asserted); ``extended`` adds the ``EXTENDED`` ones."""
    if event.status != "asserted":
        return []
    words = normalise(event.trigger).split()
    attempt = any(ATTEMPT_WORDS.fullmatch(w) for w in words)
    assault = event.type == "ASSAULT"
    kill_word = assault and not attempt and any(KILL_WORDS.fullmatch(w) for w in words)
    injure_word = assault and not attempt and any(INJURE_WORDS.fullmatch(w) for w in words)
    arrest_word = (event.type == "COERCE" and event.mode in (None, "arrest")
                   and any(ARREST_WORDS.fullmatch(w) for w in words))
    found = {
        "attack": assault and (not (kill_word or injure_word) or _act_besides_harm(words)),
        "killing": kill_word or (event.count("killed") or 0) > 0,
        "injury": injure_word or (event.count("injured") or 0) > 0,
        "arrest": (event.type, event.mode) == ("COERCE", "arrest") or arrest_word
        or (event.count("arrested") or 0) > 0,
        "meeting": event.type == "CONSULT" and event.mode != "phone",  # a call is no meeting
    }
    out = [category for category in CATEGORIES if found[category]]
    if extended:
        out += [c for c, pairs in EXTENDED.items() if (event.type, event.mode) in pairs]
    return out


def _act_besides_harm(words: list[str]) -> bool:
    """"shot dead", "beaten to death": a trigger that names the act as well as its result reports
    an attack and a killing."""
    act = any(not (KILL_WORDS.fullmatch(w) or INJURE_WORDS.fullmatch(w) or w == "to") for w in words)
    return act and any(w in {"dead", "death"} for w in words)


RoleGetter = Callable[[Event, Extraction], list[str]]


def _actors(event: Event, _: Extraction) -> list[str]:
    return [a.text for a in event.actors]


def _attackers(event: Event, _: Extraction) -> list[str]:
    """Whoever the text says did it: WikiEvents' attacker does not tell the actor sitrep reads off
    the parse from one who claims it or one a source blames ("police concluded X was responsible")."""
    return ([a.text for a in event.actors] + [a.text for a in event.claimed_by]
            + [a.actor.text for a in event.attributed_to])


def _recipients(event: Event, _: Extraction) -> list[str]:
    return [a.text for a in event.recipients]


VICTIM_KINDS = ("killed", "injured", "arrested")


def victims(kind: str) -> RoleGetter:
    """Recipients as victims, a recipient joined to the count of ``kind`` written just before it
    ("260" + "people": "260 people"); a count of that kind standing apart is a victim group of its
    own ("15 were wounded": "15"), unless it repeats the figure of a group given in the document
    ("7 militants ... Seven were killed"). A recipient counted for another outcome only ("killing
    5 soldiers and wounding 12 civilians": the soldiers for ``injured``) is not a victim of this one."""

    def get(event: Event, extraction: Extraction) -> list[str]:
        counts = [q for q in event.quantities if q.kind == kind and q.value > 0]
        others = [q for q in event.quantities if q.kind in VICTIM_KINDS and q.kind != kind and q.value > 0]
        used: set[int] = set()
        out = []
        for recipient in event.recipients:
            mine = [i for i, q in enumerate(counts) if _counts(q, recipient) and i not in used]
            if _site(recipient) or (not mine and any(_counts(q, recipient) for q in others)):
                continue  # "the courthouse" was hit, not hurt; "5 killed" are not the injured
            used.update(mine)
            before = [counts[i] for i in mine if not recipient.span.contains(counts[i].span)]
            out.append(f"{before[0].text} {recipient.text}" if before else recipient.text)
        given = {counts[i].value for i in used} | _grouped(kind, extraction)
        return out + [q.text for i, q in enumerate(counts) if i not in used and q.value not in given]

    return get


def _grouped(kind: str, extraction: Extraction) -> set[float]:
    """The figures of ``kind`` that count a recipient anywhere in the document ("six soldiers")."""
    return {q.value for e in extraction.events if e.status == "asserted" for q in e.quantities
            if q.kind == kind and any(_counts(q, r) for r in e.recipients)}


def _site(recipient: ActorRef) -> bool:
    words = normalise(recipient.text).split()
    named = recipient.text[:1].isupper() and words[0] in SITE_NOUNS  # "Camp X" names a base
    return bool(words) and (words[-1] in SITE_NOUNS or named)


def _counts(quantity: Quantity, recipient: ActorRef) -> bool:
    """The quantity counts this recipient: written inside it or just before it."""
    return recipient.span.contains(quantity.span) or 0 <= recipient.span.start - quantity.span.end <= 1


def _targets(event: Event, _: Extraction) -> list[str]:
    """Recipients less the casualties ("killing 12 people" names victims, not what was attacked),
    and the building the event's site names."""
    casualties = [q for q in event.quantities if q.kind in ("killed", "injured") and q.value > 0]
    hit = [a.text for a in event.recipients if not any(_counts(q, a) for q in casualties)]
    return hit + _building(event)


def _building(event: Event) -> list[str]:
    """The site within the place when it is a building or facility ("at the Central cafe"), not
    a stretch of land or a street ("on Elm Street"): the thing the attack hit."""
    if event.site is None or not event.site.text:
        return []
    words = normalise(event.site.text).split()
    return [event.site.text] if words and words[-1] not in PLACE_NOUNS else []


def _both(event: Event, extraction: Extraction) -> list[str]:
    return _actors(event, extraction) + _recipients(event, extraction)


def _place(event: Event, _: Extraction) -> list[str]:
    """The place as written (not ``Event.site``: WikiEvents calls a site hit a target as often as a
    place, and the site alone scored lower on the dev set)."""
    return [event.place.text] if event.place and event.place.text else []


def weapon_text(event: Event, extraction: Extraction) -> list[str]:
    """The weapon's surface text: the weapon mention in the sentence that ``event.weapon`` names,
    else the one nearest the trigger, else ``event.weapon`` as given; none when the event has none."""
    if not event.weapon:
        return []  # sitrep names no weapon for this event: a weapon word nearby is not its weapon
    near = [m for m in extraction.mentions if m.kind == "weapon" and event.sentence.contains(m.span)]
    wanted = event.weapon.lower()
    near = [m for m in near if wanted in {(m.key or "").lower(), m.text.lower()}] or near
    if near and all(_names_a_person(m.text) for m in near):
        return []
    near = [m for m in near if not _names_a_person(m.text)]
    if near:
        trigger = event.trigger_span.start
        return [min(near, key=lambda m: abs(m.span.start - trigger)).text]
    return [event.weapon] if event.weapon else []


def _names_a_person(text: str) -> bool:
    """"the suicide bombers": a weapon name ending in a person noun names who used it."""
    words = normalise(text).split()
    return bool(words) and (words[-1] in AGENT_NOUNS or words[-1].removesuffix("s") in AGENT_NOUNS)


ROLES: dict[str, dict[str, RoleGetter]] = {
    "attack": {"attacker": _attackers, "target": _targets, "weapon": weapon_text, "place": _place},
    "killing": {"attacker": _attackers, "victim": victims("killed"), "place": _place},
    "injury": {"attacker": _attackers, "victim": victims("injured"), "place": _place},
    "arrest": {"detainee": _recipients, "place": _place},
    "meeting": {"participant": _both, "place": _place},
}
MAX_FILLER_TOKENS = 8  # the README's matching rule: a longer filler never counts as containing a mention
SCORED_ROLES = frozenset({"attacker", "target", "weapon", "place", "victim", "detainee", "participant"})


class Extractor(Protocol):
    def __call__(self, source: str) -> Extraction: ...


def extract_all(pipeline: Extractor, texts: list[str]) -> list[Extraction]:
    """One extraction per text, in one batch when the pipeline offers ``pipe``."""
    batched = getattr(pipeline, "pipe", None)
    return list(batched(texts)) if batched else [pipeline(t) for t in texts]


def evaluate_wikievents(path: str | Path, pipeline: Extractor, *, limit: int | None = None) -> list[Metric]:
    """Run ``pipeline`` on each document of a WikiEvents ``dev.gold.jsonl`` file and score it."""
    records = load_wikievents(path, limit=limit)
    return score_wikievents(records, extract_all(pipeline, [r["text"] for r in records]))


def load_wikievents(path: str | Path, *, limit: int | None = None) -> list[dict[str, Any]]:
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: WikiEvents gold file not found")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        record = json.loads(line)
        if not isinstance(record, dict) or "doc_gold" not in record or "text" not in record:
            raise SitrepError(f"{path}:{number}: expected a WikiEvents record with 'text' and 'doc_gold'")
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    return records


def predicted_roles(extraction: Extraction) -> dict[tuple[str, str], list[str]]:
    """(category, role) → the distinct filler strings sitrep gives, in text order."""
    out: dict[tuple[str, str], list[str]] = {}
    for event in sorted(extraction.events, key=lambda e: e.trigger_span.start):
        for category in categories_of(event):
            for role, getter in ROLES[category].items():
                fillers = out.setdefault((category, role), [])
                seen = {normalise(f) for f in fillers}
                for text in getter(event, extraction):
                    if normalise(text) and normalise(text) not in seen:
                        fillers.append(text)
                        seen.add(normalise(text))
    return {key: _entities(value) for key, value in out.items() if value}


def _entities(fillers: list[str]) -> list[str]:
    """One filler per entity: a filler written inside another of the same role ("members" in "six
    NATO service members") names the same one, so the longer (if short enough to count) stays."""
    forms = [normalise(f) for f in fillers]

    def inside_another(i: int) -> bool:
        return any(j != i and forms[j] != forms[i] and len(forms[j].split()) <= MAX_FILLER_TOKENS
                   and contains_words(forms[j], forms[i]) for j in range(len(forms)))

    def same_group(i: int) -> bool:  # "six soldiers" ... "Six Malian soldiers": one group, told twice
        a = forms[i].split()
        return len(a) >= 2 and parse_number(a[0]) is not None and any(
            (b := forms[j].split()) and len(b) >= 2 and (b[0], b[-1]) == (a[0], a[-1]) for j in range(i))

    return [f for i, f in enumerate(fillers) if not inside_another(i) and not same_group(i)]


def gold_roles(record: dict[str, Any]) -> dict[tuple[str, str], list[list[str]]]:
    """(category, role) → the mentions of each gold entity, for the scored categories and roles."""
    out: dict[tuple[str, str], list[list[str]]] = {}
    for category, roles in record["doc_gold"].items():
        if category not in CATEGORIES:
            continue
        for role, entities in (roles or {}).items():
            if role in SCORED_ROLES and entities:
                out[(category, role)] = [list(e.get("mentions") or [e.get("informative", "")])
                                         for e in entities]
    return out


def score_wikievents(records: Sequence[dict[str, Any]], extractions: Sequence[Extraction]) -> list[Metric]:
    if len(records) != len(extractions):
        raise SitrepError(f"{len(records)} gold documents but {len(extractions)} extractions")
    gold_cats, pred_cats, gold_all, pred_all = set(), set(), set(), set()
    counts: Counter[str] = Counter()
    per_role: dict[str, Counter[str]] = {}
    for record, extraction in zip(records, extractions, strict=True):
        doc = record.get("doc_id", "")
        gold_all |= {(doc, c) for c in record["doc_gold"]}
        gold_cats |= {(doc, c) for c in record["doc_gold"] if c in CATEGORIES}
        for event in extraction.events:
            pred_cats |= {(doc, c) for c in categories_of(event)}
            pred_all |= {(doc, c) for c in categories_of(event, extended=True)}
        predicted, gold = predicted_roles(extraction), gold_roles(record)
        for key in set(predicted) | set(gold):
            hit = len(match_fillers(predicted.get(key, []), gold.get(key, [])))
            n_pred, n_gold = len(predicted.get(key, [])), len(gold.get(key, []))
            counts.update(hit=hit, predicted=n_pred, gold=n_gold)
            role = per_role.setdefault(f"{key[0]}.{key[1]}", Counter())
            role.update(hit=hit, predicted=n_pred, gold=n_gold)
    metrics = [*_category_metrics("wikievents.category", pred_cats, gold_cats),
               *_category_metrics("wikievents.category_all", pred_all, gold_all)]
    return metrics + _role_metrics(counts, per_role)


def _category_metrics(name: str, predicted: set[tuple[str, str]], gold: set[tuple[str, str]]) -> list[Metric]:
    """P/R/F1 over (document, category); the detail gives, per category, found/gold and extra."""
    wanted, found = Counter(c for _, c in gold), Counter(c for _, c in gold & predicted)
    extra = Counter(c for _, c in predicted - gold)
    detail = "; ".join(f"{c} {found[c]}/{wanted[c]}" + (f" +{extra[c]} extra" if extra[c] else "")
                       for c in sorted(wanted | extra, key=lambda c: (-wanted[c], c)))
    return [Metric(m.name, m.value, m.support, detail) for m in prf_metrics(name, predicted, gold)]


def _role_metrics(counts: Counter[str], per_role: dict[str, Counter[str]]) -> list[Metric]:
    hit, n_pred, n_gold = counts["hit"], counts["predicted"], counts["gold"]
    precision = hit / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    recall = hit / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    detail = "; ".join(f"{name} {c['hit']}/{c['gold']} gold, {c['predicted']} predicted"
                       for name, c in sorted(per_role.items(), key=lambda kv: -kv[1]["gold"]))
    return [Metric(f"wikievents.roles.{part}", value, support, detail)
            for part, value, support in (("precision", precision, n_pred), ("recall", recall, n_gold),
                                         ("f1", f1, n_gold))]


def match_fillers(predicted: Sequence[str], gold: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching of predicted strings to gold entities: (pred, gold) indexes."""
    edges = [[g for g, mentions in enumerate(gold) if fills(text, mentions)] for text in predicted]
    owner: dict[int, int] = {}

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or augment(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    for p in range(len(predicted)):
        augment(p, set())
    return sorted((p, g) for g, p in owner.items())


def fills(predicted: str, mentions: Iterable[str]) -> bool:
    """The README's rule: equal to a mention, or at most 8 tokens containing one as whole words."""
    text = normalise(predicted)
    if not text:
        return False
    forms = [m for m in (normalise(x) for x in mentions) if m]
    if text in forms:
        return True
    return len(text.split()) <= MAX_FILLER_TOKENS and any(contains_words(text, m) for m in forms)


def contains_words(text: str, part: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text) is not None


_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def normalise(text: str) -> str:
    """Lower-cased, curly quotes straightened, spaces collapsed, leading articles and outer
    punctuation removed."""
    text = re.sub(r"^[^\w]+|[^\w]+$", "", plain(text))
    while _ARTICLE.match(text):
        text = _ARTICLE.sub("", text, count=1)
    return text
