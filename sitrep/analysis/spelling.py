"""Spelling variants: whether two written names differ only the way one name's spellings do.

A variant differs from the other form by one small slip or transliteration choice: a doubled
letter (Fennick/Fenick), a vowel (Zarqan/Zerqan, Marvestan/Mervaestan), an apostrophe, hyphen
or space (Jamaat/Jama’at, al Wadi/al-Wadi), the plural ``s`` of a many-word name's head
(Brigade/Brigades) or a final ``h`` after a vowel (Falluja/Fallujah). Different names that look
alike (Iraq/Iran, Austria/Australia) differ by a consonant, at the first letter, by more than
one letter, or are too short to tell.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

MIN_LETTERS = 6
_TWO_VOWELS_FROM = 8
_VOWELS = frozenset("aeiouy")
_SEPARATORS = frozenset("'- ")
_APOSTROPHES = re.compile(r"[’‘ʼ`´]")
_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The form two spellings share when they differ only in case, curly apostrophes or spacing runs."""
    return _SPACES.sub(" ", _APOSTROPHES.sub("'", name)).strip().casefold()


def variant_edits(a: str, b: str) -> int | None:
    """How many small edits turn name ``a`` into name ``b`` (1–3), or ``None`` if they are not
    two spellings of one name (or are the same spelling)."""
    x, y = name_key(a), name_key(b)
    if x.replace(" ", "") == y.replace(" ", ""):
        return None  # the same letters; a stray space is typography, not spelling
    if min(_letters(x), _letters(y)) < MIN_LETTERS or x[0] != y[0]:
        return None
    many_words = " " in x and " " in y
    letters = separators = vowels = 0
    for op in Levenshtein.editops(x, y):
        if op.tag == "replace":
            kind = _replaced(x, op.src_pos, y[op.dest_pos])
        elif op.tag == "insert":
            kind = _added(y, op.dest_pos, many_words=many_words)
        else:
            kind = _added(x, op.src_pos, many_words=many_words)
        if kind is None:
            return None
        separators += kind == "separator"
        letters += kind != "separator"
        vowels += kind == "vowel"
    # two vowels may move in a long name (Marvestan/Mervaestan); other letters only one at a time
    long_enough = min(_letters(x), _letters(y)) >= _TWO_VOWELS_FROM
    if separators > 2 or letters > 2 or (letters == 2 and not (vowels == 2 and long_enough)):
        return None
    return letters + separators


def _replaced(word: str, index: int, new: str) -> str | None:
    old = word[index]
    if old in _SEPARATORS and new in _SEPARATORS:
        return "separator"
    at_end = index + 1 == len(word) or word[index + 1] == " "
    if old in _VOWELS and new in _VOWELS and not at_end:
        return "vowel"
    return None


def _added(word: str, index: int, *, many_words: bool) -> str | None:
    """What adding (or dropping) ``word[index]`` is: a separator, a benign letter, or ``None``."""
    char = word[index]
    if char in _SEPARATORS:
        return "separator"
    if index == 0 or word[index - 1] == " ":
        return None  # a different first letter is a different word
    if index + 1 == len(word) or word[index + 1] == " ":
        if char == "s" and many_words and index + 1 == len(word):
            return "letter"  # the head of a many-word name in the plural
        if char == "h" and word[index - 1] in _VOWELS:
            return "letter"
        return None  # any other ending makes another word (Iraq/Iraqi, Baghdad/Baghdadi)
    if char in _VOWELS:
        return "vowel"
    return "letter" if char in (word[index - 1], word[index + 1]) else None  # a doubled letter


def _letters(name: str) -> int:
    return sum(char.isalpha() for char in name)
