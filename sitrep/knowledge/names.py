"""How pack names are compared and written: one lookup key per name, and the spellings a ruler matches.

Writers spell one name many ways: curly or straight apostrophes or none (Kata’ib, Kata'ib, Kataib),
a hyphen or a space after the Arabic article (al-Haq, al Haq), diacritics (Ṣadr), dotted or plain
abbreviations (U.S., US), and the head in the singular or the plural (Brigade, Brigades). ``alias_key``
folds all of these to one key; ``spellings`` lists the written forms worth matching in text.
Transliterations that change letters (Qods/Quds) are separate aliases in a pack, or fuzzy matches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "’‘ʼʻ`´'ʿʾ"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_DASHES = re.compile(r"[-‐‑‒–—_/]+")
_DOTTED = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_ARTICLES = frozenset({"al", "el"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """``text`` without diacritics (NFKD, combining marks dropped), curly quotes made straight."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("’", "'").replace("‘", "'")


@lru_cache(maxsize=65536)
def alias_key(text: str) -> str:
    """The key two spellings of one name share: case, apostrophes, hyphens, dots, diacritics, a
    leading "the", the Arabic article "al"/"el" and a plural ``s`` do not count. The plural is
    dropped only where it is one: on the last of several words (Brigades), on a lower-case word
    (rockets) or after an acronym (IRAMs); a one-word proper name keeps its s (Hamas, Houthis)."""
    plural = takes_plural(text.strip())
    value = _APOSTROPHE_RE.sub("", fold(text)).casefold().replace("&", " and ")
    value = _DASHES.sub(" ", value).replace(".", "").replace(",", " ")
    words = value.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    if plural and words and len(words[-1]) >= 4 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def takes_plural(name: str) -> bool:
    """Whether the last word of ``name`` may be written with or without a plural ``s``."""
    words = name.split()
    if len(words) != 1:
        return len(words) > 1
    word = words[0]
    return word.islower() or is_acronym(word.rstrip("s")) or bool(_DASHES.search(word))


def is_acronym(alias: str) -> bool:
    """An all-capitals short form (IRGC, KH, U.S.): matched with its case, never lowered."""
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(letters) <= 6


def spellings(alias: str, *, plural: bool = True) -> set[str]:
    """The written forms of ``alias`` a ruler should match: apostrophe, hyphen, dot and diacritic
    variants, and (when ``plural``) the last word with and without a plural ``s``."""
    base = _SPACES.sub(" ", alias).strip()
    if base.lower().startswith("the ") and len(base) > 4:
        base = base[4:]
    forms = {base, fold(base).replace("'", "’") if "'" in fold(base) else fold(base)}
    forms |= {f.replace("’", "'") for f in forms} | {f.replace("'", "’") for f in forms}
    forms |= {_APOSTROPHE_RE.sub("", f) for f in forms if _APOSTROPHE_RE.search(f)}
    forms |= {re.sub(r"\b([Aa]l)-", r"\1 ", f) for f in forms}
    forms |= {re.sub(r"\b([Aa]l) ", r"\1-", f) for f in forms}
    forms |= {f.replace("-", " ") for f in forms if "-" in f and not is_acronym(f)}
    forms |= {_DOTTED.sub(lambda m: m.group(1).replace(".", ""), f) for f in forms}
    if plural and takes_plural(base):
        forms |= {_plural(f) for f in forms}
    return {f for f in forms if f}


def _plural(form: str) -> str:
    """The other number of the last word: drop a plural ``s``, or add one."""
    if form.endswith("ss") or form[-1:].isdigit():
        return form
    if form.endswith("s") and len(form.split()[-1]) >= 4:
        return form[:-1]
    if form.endswith(("y",)) and not is_acronym(form):
        return form  # militia/militias yes, but army/armies: leave irregular plurals to the pack
    return form + "s"
