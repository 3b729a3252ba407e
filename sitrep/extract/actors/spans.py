"""Character spans of names in the analysis text, and the parse positions where a name acts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# Dependency roles in which a noun phrase does or undergoes what its verb says.
ACTING = frozenset({"nsubj", "nsubjpass", "dobj", "csubj"})
_GAP = re.compile(r"\n|\s{3,}")  # a blanked region (note marker, boilerplate) or a line break
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_LEADING = frozenset({"the", "a", "an"})


def entity_index(doc: Doc) -> dict[int, SpacySpan]:
    """The entity each token is in, by token index (``Doc.ents`` rebuilds every entity per call:
    build this once per document and look tokens up in it)."""
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def clean(span: SpacySpan, *, keep_article: bool = False) -> tuple[Span, str] | None:
    """The span's words without surrounding whitespace, a leading article or a trailing
    possessive; cut at a blanked gap, keeping the stretch that holds the span's head."""
    tokens = list(span)
    while tokens and (tokens[-1].text in _POSSESSIVE or tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space
                      or (not keep_article and tokens[0].lower_ in _LEADING and len(tokens) > 1)):
        tokens.pop(0)
    if not tokens:
        return None
    offset, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # the covered words from the tokens themselves: ``Doc.text`` rebuilds the whole text per call
    covered = "".join(t.text_with_ws for t in tokens)[: end - offset]
    pieces = _pieces(covered, offset)
    if not pieces:
        return None
    head = span.root.idx
    start, end = next(((a, b) for a, b in pieces if a <= head < b), max(pieces, key=lambda p: p[1] - p[0]))
    return Span(start, end), covered[start - offset : end - offset]


def _pieces(text: str, offset: int) -> list[tuple[int, int]]:
    """The stretches of ``text`` between blanked gaps, each without outer whitespace."""
    bounds, pos = [], 0
    for gap in _GAP.finditer(text):
        bounds.append((pos, gap.start()))
        pos = gap.end()
    bounds.append((pos, len(text)))
    pieces = []
    for a, b in bounds:
        piece = text[a:b]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            pieces.append((offset + a + lead, offset + a + len(piece.rstrip())))
    return pieces


def acts(token: Token) -> bool:
    """Whether ``token`` heads a subject, object or passive agent of a verb (or a conjunct of one),
    and is not a possessive ("Iran’s leader")."""
    if any(child.dep_ == "case" or child.text in _POSSESSIVE for child in token.children):
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.text in _POSSESSIVE:
        return False
    seen = 0
    while token.dep_ == "conj" and token.head.ent_type_ == token.ent_type_ and seen < 10:
        token, seen = token.head, seen + 1  # "Iran and Syria condemned": Syria acts as Iran does
    if token.dep_ in ACTING:
        return True
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def near_place_word(token: Token) -> bool:
    """Whether ``token`` is the object of a preposition of place ("near Dorvan", "in Basra")."""
    return token.dep_ == "pobj" and token.head.lower_ in {
        "in", "near", "at", "outside", "around", "inside", "into", "across", "throughout", "within"}
