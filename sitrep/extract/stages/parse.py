"""Stage ``parse``: the spaCy parse of the analysis text (tokens, sentences, entities).

When the reading already split the body into sentences (its splitter knows abbreviations and note
markers), those boundaries are set on the tokens before the parser runs, and the parser keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from sitrep.extract.doc import ExtractDoc
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


class ParseStage:
    name: ClassVar[str] = "parse"
    requires: ClassVar[tuple[str, ...]] = ("analysis_text",)
    assigns: ClassVar[tuple[str, ...]] = ("spacy", "sentences")

    def __init__(self, nlp: Language, *, n_process: int = 1) -> None:
        self.nlp = nlp
        self.n_process = n_process

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        return _attach(doc, self.nlp(self._prepare(doc)))

    def pipe(self, docs: Iterable[ExtractDoc], *, batch_size: int = 16) -> Iterator[ExtractDoc]:
        pairs = ((self._prepare(d), d) for d in docs)
        parsed = self.nlp.pipe(pairs, as_tuples=True, n_process=self.n_process, batch_size=batch_size)
        for spacy_doc, doc in parsed:
            yield _attach(doc, spacy_doc)

    def _prepare(self, doc: ExtractDoc) -> Doc:
        spacy_doc = self.nlp.make_doc(doc.analysis_text[: doc.body_end])
        if doc.sentences:
            starts = {s.start for s in doc.sentences}
            for token in spacy_doc:
                token.is_sent_start = token.i == 0 or token.idx in starts
        return spacy_doc


def _attach(doc: ExtractDoc, spacy_doc: Doc) -> ExtractDoc:
    doc.spacy = spacy_doc
    if not doc.sentences:
        sentences = []
        for sent in spacy_doc.sents:
            raw = sent.text
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            end = sent.end_char - (len(raw) - len(raw.rstrip()))
            if end > start:
                sentences.append(Span(start, end))
        doc.sentences = sentences
    return doc
