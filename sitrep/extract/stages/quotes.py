"""Stage ``quotes``: quoted words (“…” or "…") and who said them.

A quotation runs from an opening mark to its closing mark; one left open ends at the end of its
sentence (writers drop closing marks). The speaker is the subject of the speech verb the quotation
hangs from ("X said that “…”", "“…,” X added"), else of the sentence's one speech verb, else the
object of "according to"; a pronoun speaker ("he said") is the previous quotation's speaker.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from sitrep.extract.doc import ExtractDoc
from sitrep.extract.events.phrases import ActorIndex
from sitrep.model.facts import ActorRef, Quote
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SPEECH_VERBS = frozenset({
    "say", "tell", "add", "note", "state", "declare", "warn", "write", "claim", "insist", "explain", "argue",
    "announce", "assert", "stress", "emphasize", "emphasise", "remark", "reply", "respond", "comment",
    "acknowledge", "admit", "continue", "conclude", "tweet", "post", "report", "describe", "call",
})
_PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_MIN_WORDS = 3  # single quoted words are scare quotes ("so-called"), not speech


class QuotesStage:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("spacy", "actors")
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        if doc.spacy is None:
            return doc
        index = ActorIndex(doc.actors, doc.text)
        quotes: list[Quote] = []
        last: ActorRef | None = None
        for span in find_quotations(doc.analysis_text[: doc.body_end], doc.sentences):
            sentence = doc.sentence_of(span)
            speaker = _speaker(doc.spacy, span, sentence, index)
            if speaker is None and _pronoun_speaker(doc.spacy, span, sentence):
                speaker = last
            if speaker is None:
                speaker = _neighbour_speaker(doc, span, sentence, index)
            if speaker is not None:
                last = speaker
            quotes.append(Quote(text=doc.text[span.start:span.end], span=span, sentence=sentence,
                                speaker=speaker, notes=doc.notes_for(sentence)))
        doc.quotes = quotes
        return doc


def find_quotations(text: str, sentences: list[Span]) -> list[Span]:
    """Spans of quoted words (marks excluded)."""
    found: list[Span] = []
    i = 0
    while i < len(text):
        opener = text[i]
        if opener not in _PAIRS or (opener == '"' and i > 0 and text[i - 1].isalnum()):
            i += 1
            continue
        closer = _PAIRS[opener]
        limit = _sentence_end(i, sentences, text)
        close = text.find(closer, i + 1)
        stray = text.find("\n\n", i + 1)
        end = close if close != -1 and close <= limit and (stray == -1 or close < stray) else limit
        inner = Span(i + 1, end)
        words = text[inner.start:inner.end].strip().rstrip(",")
        if len(words.split()) >= _MIN_WORDS:
            lead = len(text[inner.start:inner.end]) - len(text[inner.start:inner.end].lstrip())
            found.append(Span(inner.start + lead, inner.start + lead + len(words)))
        i = end + 1
    return found


def _sentence_end(position: int, sentences: list[Span], text: str) -> int:
    """Where a quotation opened at ``position`` must close: the end of its sentence or the next one
    (a quoted passage may run over several), else the end of the paragraph."""
    for k, sentence in enumerate(sentences):
        if sentence.start <= position < sentence.end:
            following = sentences[k + 1] if k + 1 < len(sentences) else None
            close_here = re.search(r"[”\"»]", text[position + 1:sentence.end])
            if close_here is None and following is not None and _continues(text, sentence, following):
                return following.end
            return sentence.end
    paragraph = text.find("\n\n", position)
    return paragraph if paragraph != -1 else len(text)


def _continues(text: str, sentence: Span, following: Span) -> bool:
    """A quotation open at its sentence's end goes on when the next sentence closes it."""
    opened = text[sentence.start:sentence.end]
    closes_next = re.search(r"[”»]", text[following.start:following.end]) is not None
    return closes_next and opened.count("“") > opened.count("”")


def _speaker(parsed: Doc, quote: Span, sentence: Span, index: ActorIndex) -> ActorRef | None:
    chars = parsed.char_span(quote.start, quote.end, alignment_mode="expand")
    inside = list(chars) if chars is not None else []
    outside = _outside(parsed, quote, sentence)
    verb = _governing_speech_verb(inside) or _only_speech_verb(outside)
    if verb is not None:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.pos_ != "PRON":
            found = index.for_phrase(subject, conj=False)
            if found:
                return found[0]
    for token in outside:
        if token.lower_ == "according" and token.nbor().lower_ == "to":
            pobj = next((g for g in token.nbor().children if g.dep_ == "pobj"), None)
            found = index.for_phrase(pobj) if pobj is not None else []
            if found:
                return found[0]
    return None


def _neighbour_speaker(doc: ExtractDoc, quote: Span, sentence: Span, index: ActorIndex) -> ActorRef | None:
    """A whole-sentence quotation is attributed by its neighbour: "“…” Jeffrey added." or
    "Diallo said: “…”"."""
    if doc.spacy is None:
        return None
    sentences = doc.sentences
    k = next((i for i, s in enumerate(sentences) if s == sentence), None)
    if k is None:
        return None
    text = doc.analysis_text
    neighbours = []
    if k + 1 < len(sentences) and len(text[sentences[k + 1].start:sentences[k + 1].end].split()) <= 8:
        neighbours.append(sentences[k + 1])
    if k > 0 and text[sentences[k - 1].start:sentences[k - 1].end].rstrip().endswith(":"):
        neighbours.append(sentences[k - 1])
    for other in neighbours:
        verb = _only_speech_verb(_outside(doc.spacy, quote, other))
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
        if subject is not None and subject.pos_ != "PRON":
            found = index.for_phrase(subject, conj=False)
            if found:
                return found[0]
    return None


def _governing_speech_verb(inside: list[Token]) -> Token | None:
    ids = {t.i for t in inside}
    for token in inside:
        current = token
        for _ in range(6):
            speech = current.pos_ in {"VERB", "AUX"} and current.lemma_.lower() in SPEECH_VERBS
            if current.i not in ids and speech:
                return current
            if current.head is current:
                break
            current = current.head
    return None


def _only_speech_verb(outside: list[Token]) -> Token | None:
    verbs = [t for t in outside if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS]
    return verbs[0] if len(verbs) == 1 else None


def _pronoun_speaker(parsed: Doc, quote: Span, sentence: Span) -> bool:
    return any(t.dep_ == "nsubj" and t.pos_ == "PRON" and t.head.lemma_.lower() in SPEECH_VERBS
               for t in _outside(parsed, quote, sentence))


def _outside(parsed: Doc, quote: Span, sentence: Span) -> list[Token]:
    """The sentence's tokens outside the quotation."""
    chars = parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
    return [t for t in (chars if chars is not None else ()) if not quote.start <= t.idx < quote.end]
