"""Weapons named in a sentence: the mentions stage's weapon mentions, and any phrase the pack knows
by alias ("IRAM attack", "an EFP", "improvised explosive devices")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sitrep.extract.events.acled import WeaponInfo, weapon_info
from sitrep.extract.events.attach import tokens_in
from sitrep.extract.events.lexicon import EventKnowledge
from sitrep.model.facts import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


@dataclass(frozen=True)
class WeaponHit:
    tokens: tuple[Token, ...]
    info: WeaponInfo

    @property
    def ids(self) -> set[int]:
        return {t.i for t in self.tokens}


def find_weapons(doc: Doc, sent: SpacySpan, mentions: list[Mention], knowledge: EventKnowledge
                 ) -> list[WeaponHit]:
    hits: list[WeaponHit] = []
    covered: set[int] = set()
    for mention in mentions:
        if mention.kind != "weapon" or not (sent.start_char <= mention.span.start < sent.end_char):
            continue
        tokens = tuple(tokens_in(doc, mention.span))
        weapon = _lookup(knowledge, mention.text) or _lookup(knowledge, mention.key or "")
        if tokens:
            hits.append(WeaponHit(tokens, _info(weapon, mention.text)))
            covered.update(t.i for t in tokens)
    for token in sent:
        if token.i in covered or token.pos_ not in {"NOUN", "PROPN", "ADJ", "VERB"} or token.is_stop:
            continue
        for candidate in _candidates(token):
            weapon = _lookup(knowledge, candidate)
            if weapon is not None:
                group = _compound_group(token)
                hits.append(WeaponHit(group, _info(weapon, candidate)))
                covered.update(t.i for t in group)
                break
    return hits


def _candidates(token: Token) -> list[str]:
    words = [token.text, token.lemma_]
    left = [t for t in token.lefts if t.dep_ in {"compound", "amod", "npadvmod"}]
    if left:
        start = min(t.i for t in left)
        words.insert(0, token.doc[start:token.i + 1].text)
    return [w for w in dict.fromkeys(words) if w.strip()]


def _compound_group(token: Token) -> tuple[Token, ...]:
    left = [t for t in token.lefts if t.dep_ in {"compound", "amod", "npadvmod"}]
    start = min([t.i for t in left] + [token.i])
    return tuple(token.doc[start:token.i + 1])


def _lookup(knowledge: EventKnowledge, alias: str) -> Any | None:
    if not alias:
        return None
    finder = getattr(knowledge, "weapon_by_alias", None)
    return finder(alias) if finder is not None else None


def _info(weapon: Any | None, text: str) -> WeaponInfo:
    if weapon is None:
        return weapon_info(text)
    name = str(getattr(weapon, "name", None) or getattr(weapon, "id", None) or text)
    aliases = tuple(str(a) for a in getattr(weapon, "aliases", ()) or ())
    acled = getattr(weapon, "acled", None) or getattr(weapon, "sub_event_type", None)
    if isinstance(acled, (tuple, list)):
        acled = acled[-1] if acled else None
    mode = getattr(weapon, "plover_mode", None) or getattr(weapon, "mode", None)
    return weapon_info(name, aliases, mode, str(acled) if acled else None)
