"""The values the event grammar works on: one sentence with what the earlier stages found in it,
and one event frame under construction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.extract.events.acled import WeaponInfo
from sitrep.extract.events.affected import AGENT_NOUNS
from sitrep.extract.events.lexicon import INSTRUMENT_NOUNS
from sitrep.extract.events.phrases import ActorIndex
from sitrep.extract.events.roles import Roles
from sitrep.extract.events.triggers import Hit
from sitrep.extract.events.weapons import WeaponHit
from sitrep.model.facts import ActorRef, Attribution, DateValue, Place, Quantity
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


@dataclass
class Sentence:
    """What the stages found in one sentence, with the parse."""

    doc: Doc
    sent: SpacySpan
    span: Span
    index: ActorIndex
    dates: list[DateValue]
    places: list[Place]
    quantities: list[Quantity]
    weapons: list[WeaponHit]
    states: list[ActorRef]
    notes: tuple[int, ...]
    date_heads: dict[int, int] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    quantity_verbs: dict[int, int] = field(default_factory=dict)
    where: list[Place] = field(default_factory=list)  # places not inside an actor's name ("US-backed")


@dataclass
class Frame:
    """One event under construction: its triggers (the first is the main one) and what it has."""

    hits: list[Hit]
    roles: Roles
    status: str = "asserted"
    date: DateValue | None = None
    place: Place | None = None
    site: Place | None = None  # a building or street within a resolved place
    quantities: list[Quantity] = field(default_factory=list)
    weapon: WeaponInfo | None = None
    claimed_by: list[ActorRef] = field(default_factory=list)
    attributed: list[Attribution] = field(default_factory=list)
    generic: bool = False
    dated: bool = False  # the date hangs from the event (not just the sentence's only date)
    extra: set[int] = field(default_factory=set)  # verbs of relative clauses about the event noun

    @property
    def main(self) -> Hit:
        return self.hits[0]

    @property
    def ids(self) -> set[int]:
        return {t.i for h in self.hits for t in (h.token, h.anchor, *h.words)} | self.extra


def is_instrument(sentence: Sentence, token: Token) -> bool:
    """A weapon the sentence names, or a word for one ("a bomb"), unless it names an actor or a
    person who attacks ("a suicide bomber")."""
    if token.lemma_.lower() in AGENT_NOUNS or token.lower_ in AGENT_NOUNS:
        return False
    if any(token.i in w.ids for w in sentence.weapons):
        return True
    return token.lemma_.lower() in INSTRUMENT_NOUNS and not sentence.index.covering(token)
