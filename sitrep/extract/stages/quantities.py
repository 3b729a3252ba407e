"""Stage ``quantities``: figures in the body, each with the kind of thing it counts.

A figure is a spaCy CARDINAL or MONEY entity (QUANTITY only when it is money: "10 million dinars"),
or a number word the recogniser missed; modifiers next to it ("at least", "around") join it. What it
counts comes from the dependency parse, not from neighbouring words: the noun it modifies ("five
police officers"), that noun's role under its verb (object of "killed", passive subject of "were
killed", subject of "died" or of "launched"), a noun above it ("the lives of 9 pilgrims", "a force of
300"), or a word after it under the same verb ("left 7 dead"). Kinds: killed, injured, arrested,
size (people taking part: "2,000 police launched", "a force of 300"), money, other.

Not counts, so not emitted: dates and durations ("five years", "three-day", "45-year-old"),
percentages, numbers inside names. Values and vague words: see ``sitrep.extract.numbers``.

Hands on ``doc.user_data``: ``quantity_heads`` ``{quantity span start: token index}`` of the word
counted (the noun, or the number itself when it stands alone: "Five were killed"), and
``quantity_verbs`` ``{span start: token index}`` of the verb that governs it, where there is one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.numbers import MODIFIERS, number_word, parse_number
from sitrep.model.facts import Quantity
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

KINDS = ("killed", "injured", "arrested", "size", "money", "other")

_KILL = frozenset({"kill", "die", "slay", "murder", "execute", "behead", "assassinate", "massacre",
                   "perish", "slaughter", "lynch"})
_INJURE = frozenset({"wound", "injure", "hurt", "maim"})
_ARREST = frozenset({"arrest", "detain", "apprehend", "jail", "imprison", "capture", "hold", "seize",
                     "round"})
_ARREST_ANY = frozenset({"arrest", "detain", "apprehend", "jail", "imprison"})  # of anyone
_SIZE = frozenset({"launch", "deploy", "send", "dispatch", "mobilize", "mobilise", "mass", "gather",
                   "march", "rally", "protest", "storm", "raid", "attack", "participate", "join", "surround",
                   "besiege", "assault", "number", "station", "amass", "field", "muster", "assemble"})
_DEATH_NOUNS = frozenset({"death", "dead", "fatality", "body", "corpse", "killing", "murder", "toll"})
_INJURY_NOUNS = frozenset({"injury", "wounded", "injured", "wounding"})
_ARREST_NOUNS = frozenset({"arrest", "detention", "detainee", "arrestee"})
_FORCE_NOUNS = frozenset({"force", "contingent", "column", "unit", "battalion", "deployment", "army",
                          "strength", "crowd", "convoy"})
_PEOPLE = frozenset({
    "people", "person", "man", "woman", "child", "civilian", "soldier", "troop", "officer", "policeman",
    "police", "policemen", "fighter", "militant", "gunman", "member", "suspect", "insurgent", "rebel",
    "guard", "worker", "student", "protester", "demonstrator", "journalist", "official", "pilgrim",
    "villager", "resident", "passenger", "prisoner", "hostage", "militiaman", "commando", "marine",
    "personnel", "recruit", "volunteer", "agent", "other", "attacker", "jihadist", "combatant", "refugee",
    "migrant", "worshipper", "demonstrators", "troops", "individual", "youth", "boy", "girl", "teenager",
})  # fmt: skip
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
                         "percent", "%", "time", "o'clock"})
_AFTER = frozenset({"dozen", "hundred", "thousand", "million", "billion", "few", "couple", "handful",
                      "score", "estimated", "minimum"})
_GLUED = re.compile(r"\d[\d.,:]*(?!st|nd|rd|th)[a-z]+", re.I)  # "2.10pm", "480p"; not "5th"
_YEAR = re.compile(r"(?:19|20)\d\d")
_MODIFIER_DEPS = ("nummod", "quantmod", "amod", "compound", "nmod")
_TALLY = frozenset({"toll", "number", "count"})
_NUMBER_LABELS = ("CARDINAL", "MONEY", "QUANTITY")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


class QuantitiesStage:
    name: ClassVar[str] = "quantities"
    requires: ClassVar[tuple[str, ...]] = ("spacy",)
    assigns: ClassVar[tuple[str, ...]] = ("quantities",)

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        parsed = doc.spacy
        heads: dict[int, int] = {}
        verbs: dict[int, int] = {}
        doc.user_data["quantity_heads"] = heads
        doc.user_data["quantity_verbs"] = verbs
        if parsed is None:
            return doc
        dates = [d.span for d in doc.dates]
        for phrase, label in _phrases(parsed):
            span = Span(phrase.start_char, phrase.end_char)
            if any(d.overlaps(span) for d in dates) or _not_a_count(phrase, label):
                continue
            number = parse_number(phrase.text, money=label == "MONEY")
            if number is None or (label == "QUANTITY" and number.currency is None):
                continue
            counted, role, host = _anchor(phrase)
            if counted.lemma_.lower() in _TIME_UNITS:
                continue  # "five years": a duration
            kind = "money" if number.currency or label == "MONEY" else _kind(phrase, counted, role, host)
            doc.quantities.append(Quantity(
                kind=kind, value=number.value, text=doc.text[span.start : span.end], span=span,
                minimum=number.minimum, approximate=number.approximate,
                unit=number.currency if kind == "money" else None))
            heads[span.start] = counted.i
            if (verb := _verb_above(role)) is not None:
                verbs[span.start] = verb.i
        return doc


def _phrases(parsed: Doc) -> list[tuple[SpacySpan, str]]:
    """Number phrases: entities, then number words no entity holds, each grown over its modifiers."""
    found: list[tuple[SpacySpan, str]] = []
    for ent in parsed.ents:
        if ent.label_ in _NUMBER_LABELS:
            found.append((_grow(parsed, ent.start, ent.end), ent.label_))
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    for token in parsed:
        if token.i in taken or token.ent_type_ or not _numeric(token):
            continue
        end = token.i + 1
        while end < len(parsed) and _numeric(parsed[end]) and not parsed[end].ent_type_:
            end += 1
        span = _grow(parsed, token.i, end)
        taken.update(range(span.start, span.end))
        found.append((span, "CARDINAL"))
    return sorted(found, key=lambda item: item[0].start)


def _numeric(token: Token) -> bool:
    return token.like_num or number_word(token.text) or token.lower_ in ("dozen", "dozens")


def _grow(parsed: Doc, start: int, end: int) -> SpacySpan:
    """The span widened left over a modifier ("around", "at least", "up to") and a currency sign."""
    grown = True
    while grown:
        grown = False
        for size in (3, 2, 1):
            words = " ".join(t.lower_ for t in parsed[max(0, start - size) : start])
            if start - size >= 0 and (words in MODIFIERS or words in ("$", "us$", "a", "an")):
                start, grown = start - size, True
                break
    # "a 300-strong force": the article is no part of the figure; in "a dozen" it is
    while start < end - 1 and parsed[start].lower_ in ("a", "an") and parsed[start + 1].lower_ not in _AFTER:
        start += 1
    return parsed[start:end]


def _not_a_count(phrase: SpacySpan, label: str) -> bool:
    """Durations and ages ("three-day", "45-year-old"), years, percentages, clock times, ordinals and
    measures written as one word ("2.10pm", "130ft")."""
    doc = phrase.doc
    if phrase.start > 0 and doc[phrase.start - 1].lower_ in ("no", "not"):
        return True  # "no one was hurt"
    after = doc[phrase.end] if phrase.end < len(doc) else None
    if after is not None and after.lower_ in ("%", "percent", "per", "pct", ":", "p.m.", "a.m."):
        return True
    if label != "MONEY" and any(_GLUED.fullmatch(t.text) for t in phrase):
        return True
    if after is not None and after.text in ("-", "–") and phrase.end + 1 < len(doc):
        return doc[phrase.end + 1].lower_ != "strong"  # "300-strong" is a size
    if "-" in phrase.text and not any(number_word(w) for w in phrase.text.split("-")):
        return True
    if any(_YEAR.fullmatch(t.text) and t.dep_ == "pobj" for t in phrase):
        return True  # a year the dates stage did not hold ("in 2008")
    return any(t.ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT") for t in phrase)


def _anchor(phrase: SpacySpan) -> tuple[Token, Token, Token | None]:
    """(the word counted, the word that bears the role under the host, the host: verb or noun above)."""
    root = phrase.root
    while root.dep_ in ("compound", "nummod", "quantmod") and _numeric(root.head) and root.head in phrase:
        root = root.head  # "10 million": the figure's head is "million"
    counted = role = root
    if root.head.lower_ == "strong" and root.head.head.pos_ in ("NOUN", "PROPN"):
        counted = role = root.head.head  # "a 300-strong force"
    elif root.dep_ in _MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN", "PRON"):
        counted = role = root.head
    else:
        of = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"]
        objects = [g for o in of for g in o.children if g.dep_ == "pobj"]
        if objects:
            counted = objects[0]  # "dozens of protesters", "five of the soldiers"
    while role.dep_ in ("conj", "appos") and role.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        role = role.head  # "3 soldiers and 2 civilians": the second takes the first's role
    host: Token | None = role.head if role.head.i != role.i else None
    if host is not None and role.dep_ == "pobj" and host.pos_ == "ADP":
        host = host.head if host.head.i != host.i else None
    return counted, role, host


def _verb_above(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _kind(phrase: SpacySpan, counted: Token, role: Token, host: Token | None) -> str:
    lemma = counted.lemma_.lower()
    if lemma == "life" and counted.head.lemma_.lower() in ("claim", "take", "cost"):
        return "killed"  # "claimed nine lives"
    for nouns, kind in ((_DEATH_NOUNS, "killed"), (_INJURY_NOUNS, "injured"), (_ARREST_NOUNS, "arrested")):
        if lemma in nouns or counted.lower_ in nouns:
            return kind
    if _strong(phrase):
        return "size"  # "a 300-strong force"
    for child in counted.children:  # "5 people killed", "two soldiers dead"
        after_it = child.dep_ == "acl" and child.i > counted.i
        if (after_it or child.dep_ == "amod") and (kind := _word_kind(child)):
            return kind
    if lemma in _FORCE_NOUNS and _people(counted, phrase):
        return "size"
    if host is None:
        return "other"
    if host.pos_ in ("NOUN", "PROPN"):
        return _noun_kind(host, counted, phrase)
    return _verb_kind(host, role, counted, phrase)


def _word_kind(word: Token) -> str | None:
    """What a verb or participle says befell its object: "killed", "shot dead", "stabbed to death"."""
    lemma, lower = word.lemma_.lower(), word.lower_
    to_death = any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children)
                   for c in word.children)
    dead = any(c.lower_ == "dead" for c in word.children)  # "shot dead"
    if lemma in _KILL or lower in ("dead", "killed") or to_death or dead:
        return "killed"
    if lemma in _INJURE or lower in ("injured", "wounded", "hurt"):
        return "injured"
    if lemma in _ARREST_ANY or lower in ("arrested", "detained"):
        return "arrested"
    return None


def _noun_kind(host: Token, counted: Token, phrase: SpacySpan) -> str:
    lemma = host.lemma_.lower()
    if lemma == "life" and host.head.lemma_.lower() in ("claim", "take", "cost"):
        return "killed"  # "claimed the lives of 9 pilgrims"
    if lemma in _DEATH_NOUNS or lemma in _KILL:
        return "killed"
    if lemma in _INJURY_NOUNS:
        return "injured"
    if lemma in _ARREST_NOUNS or lemma in _ARREST_ANY:
        return "arrested"
    if lemma in _FORCE_NOUNS and _people(counted, phrase):
        return "size"
    return "other"


def _verb_kind(verb: Token, role: Token, counted: Token, phrase: SpacySpan) -> str:
    lemma = verb.lemma_.lower()
    dep = role.dep_
    passive = dep == "nsubjpass" or (dep == "nsubj" and verb.tag_ == "VBN")  # "12 injured" in a headline
    undergoes = dep in ("dobj", "attr", "oprd", "dative") or passive
    meaning = _word_kind(verb)
    if meaning == "killed" and (undergoes or lemma in ("die", "perish")):
        return "killed"
    if meaning == "injured" and undergoes:
        return "injured"
    if (meaning == "arrested" or lemma in _ARREST) and undergoes and counted.lemma_.lower() != "hostage" \
            and (lemma in _ARREST_ANY or _people(counted, phrase)):
        return "arrested"
    for sibling in verb.children:  # "left 7 dead and 12 injured", "five people are dead"
        if sibling.i > role.i and sibling.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "amod", "advcl") \
                and (kind := _word_kind(sibling)):
            return kind
    if _toll(verb):
        return "killed"  # "the death toll rose to 31"
    if dep in _SUBJECTS and _people(counted, phrase) and (lemma in _SIZE or meaning):
        return "size"  # people who did it: "2,000 police launched", "five gunmen killed"
    if lemma == "number" or (lemma in ("deploy", "send", "dispatch", "station") and passive):
        return "size"
    return "other"


def _strong(phrase: SpacySpan) -> bool:
    doc = phrase.doc
    end = phrase.end
    return end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ == "strong"


def _toll(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in ("nsubj", "dobj", "nsubjpass") and child.lemma_.lower() in _TALLY:
            words = {t.lemma_.lower() for t in child.subtree}
            return child.lemma_.lower() == "toll" or bool(words & {"dead", "death", "fatality", "killed"})
    return False


def _people(counted: Token, phrase: SpacySpan) -> bool:
    """Whether the counted word names people (or the number stands alone for them)."""
    if counted.i in range(phrase.start, phrase.end):
        return True
    if counted.ent_type_ in ("NORP", "PERSON"):
        return True
    words = {counted.lemma_.lower(), counted.lower_}
    words |= {c.lemma_.lower() for c in counted.children if c.dep_ in ("conj", "compound")}
    return bool(words & _PEOPLE)
