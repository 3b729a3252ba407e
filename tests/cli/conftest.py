"""A small real extraction pipeline for CLI tests: one stage that finds the fixture brief's events."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import ClassVar

import pytest

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.pipeline import Pipeline
from sitrep.model.facts import ActorRef, DateValue, Event, Place, Quantity, Quote, Relation
from sitrep.model.span import Span


class BriefEvents:
    """Finds, by fixed phrases, the attack and the deployment that tests/fixtures/brief.txt reports,
    the relation and the quote around them; finds nothing in a text without those phrases."""

    name: ClassVar[str] = "brief_events"
    requires: ClassVar[tuple[str, ...]] = ("sentences",)
    assigns: ClassVar[tuple[str, ...]] = ("events", "actors", "relations", "quotes")

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        text = doc.analysis_text

        def find(phrase: str, after: int = 0) -> Span | None:
            match = re.compile(re.escape(phrase)).search(text, after)
            return Span(match.start(), match.end()) if match else None

        def actor(phrase: str, name: str, kind: str, country: str | None = "IQ") -> ActorRef | None:
            span = find(phrase)
            return ActorRef(phrase, span, name, kind=kind, country=country, origin="parse") if span else None

        brigades = actor("The Eastern Brigades", "Eastern Brigades", "militia")
        front = actor("the Harvest Front", "Harvest Front", "rebel_group")
        post = actor("a customs post", "customs post", "state_security")
        attacked, backed = find("attacked"), find("backed by")
        if brigades and front and post and attacked and backed:
            sentence = doc.sentence_of(attacked)
            killed, zarqan, day = find("4 guards"), find("Zarqan", attacked.end), find("February 12")
            assert killed and zarqan and day
            doc.events.append(
                Event(
                    type="ASSAULT",
                    trigger="attacked",
                    trigger_span=attacked,
                    sentence=sentence,
                    mode="heavy-weapons",
                    acled=("Battles", "Armed clash"),
                    actors=(brigades,),
                    recipients=(post,),
                    weapon="rocket-propelled grenades",
                    date=DateValue("February 12", day, date(2019, 2, 12), "day"),
                    place=Place(
                        "Zarqan", zarqan, name="Zarqan", country="IQ", precision=2, feature_code="PPL"
                    ),
                    quantities=(Quantity("killed", 4, "4 guards", killed),),
                    notes=doc.notes_for(sentence),
                )
            )
            doc.actors.extend([brigades, front, post])
            doc.relations.append(
                Relation(front, "supports", brigades, backed, sentence, doc.notes_for(sentence))
            )
            doc.relations.append(
                Relation(front, "allied_with", brigades, front.span, sentence, origin="pack:test")
            )
        ministry, deployed = actor("The interior ministry", "Interior Ministry", "state"), find("deployed")
        if ministry and deployed:
            sentence = doc.sentence_of(deployed)
            size, day = find("300 police officers"), find("February 20")
            assert size and day
            doc.events.append(
                Event(
                    type="MOBILIZE",
                    trigger="deployed",
                    trigger_span=deployed,
                    sentence=sentence,
                    mode="police",
                    actors=(ministry,),
                    date=DateValue("February 20", day, date(2019, 2, 20), "day"),
                    quantities=(Quantity("size", 300, "300 police officers", size),),
                    notes=doc.notes_for(sentence),
                )
            )
            doc.actors.append(ministry)
        speaker, words = (
            actor("Colonel Martin Okafor", "Martin Okafor", "person", None),
            find("the attackers used"),
        )
        if speaker and words:
            end = text.index(".", words.start)
            doc.quotes.append(
                Quote(
                    text[words.start : end],
                    Span(words.start, end),
                    doc.sentence_of(words),
                    speaker=speaker,
                    notes=doc.notes_for(words),
                )
            )
        return doc


@pytest.fixture
def brief_pipeline() -> Callable[[], Pipeline]:
    """Builds a Pipeline of the one BriefEvents stage (what the CLI's lazy builder calls)."""
    return lambda: Pipeline([BriefEvents()])
