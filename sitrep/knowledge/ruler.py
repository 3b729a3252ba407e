"""The pack's names as spaCy entity-ruler patterns: actors, facilities and weapons, each pattern
carrying the pack id. Names are matched case-insensitively, acronyms (IRGC, KH) with their case,
and in every spelling ``names.spellings`` lists (apostrophes, hyphens, dots, plural). Lower-cased
names go to spaCy's phrase matcher (fast for thousands of names); acronyms are token patterns.
A person's one-word alias (a surname) is left to the mentions stage, which resolves a surname only
when the document names one person by it: as a pattern it would cut "Qubad Talabani" in two."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitrep.knowledge.names import is_acronym, spellings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

    from sitrep.knowledge.pack import Knowledge

RULER_NAME = "sitrep_entity_ruler"
_LABELS = {"person": "PERSON", "civilians": "NORP"}


def install_ruler(nlp: Language, knowledge: Knowledge) -> EntityRuler:
    """Add (or replace) the pack ruler, before ``ner`` when the pipeline has one."""
    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    where: dict[str, Any] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    config = {"validate": False, "phrase_matcher_attr": "LOWER"}
    ruler: EntityRuler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config=config, **where)
    others = [name for name in nlp.pipe_names if name != RULER_NAME]
    with nlp.select_pipes(disable=others):  # phrase patterns need only the tokenizer
        ruler.add_patterns(patterns(nlp, knowledge))
    return ruler


def patterns(nlp: Language, knowledge: Knowledge) -> list[dict[str, Any]]:
    """Ruler patterns for every name in the pack, without duplicates."""
    found: dict[tuple[str, str, object], dict[str, Any]] = {}
    named = [(a.id, _LABELS.get(a.kind, "ORG"), a.names, a.kind != "person") for a in knowledge.actors]
    named += [(f.id, "FAC", f.names, False) for f in knowledge.facilities]
    named += [(w.id, "WEAPON", w.names, True) for w in knowledge.weapons]
    for ident, label, names, plural in named:
        for name in names:
            if label == "PERSON" and len(name.split()) == 1:
                continue
            if label != "FAC" and (knowledge.country_by_name(name) or knowledge.country_by_demonym(name)):
                continue  # a country's name stays a place (the mentions stage decides when it acts)
            for form in spellings(name, plural=plural):
                pattern: object
                key: object
                if is_acronym(form.rstrip("s")) or len(form) <= 3:
                    words = tuple(t.text for t in nlp.make_doc(form))
                    pattern, key = [{"ORTH": w} for w in words], words
                else:  # matched on LOWER, but tokenized as written: "u.s." splits where "U.S." does not
                    pattern, key = form, form.lower()
                found.setdefault((label, ident, key), {"label": label, "id": ident, "pattern": pattern})
    return list(found.values())
