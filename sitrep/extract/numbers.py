"""Numbers as text gives them: "two", "5", "2,000", "a dozen", "more than $20 billion", "dozens".

Words that name no exact figure count as the least they can mean, with ``approximate`` set:
a couple 2; a few, a handful, several 3; dozens 24; scores 40; hundreds 200; thousands 2,000;
tens of thousands 20,000; hundreds of thousands 200,000; millions 2,000,000 ("several hundred"
is 300). "At least", "more than", "over" set ``minimum``; "about", "nearly", "some", "up to",
"fewer than" set ``approximate``; a range ("20 to 30") counts as its low end with ``minimum``.

Money: ``currency`` is the ISO 4217 code where the text fixes it ("$" and "dollars" USD, "Iraqi
dinars" IQD); where the name alone does not ("dinars", "rupees") it is the name ("dinar"); a
currency it does not know ("pesetas") gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "bln": 1e9,
           "mln": 1e6, "mn": 1e6}
_SHORT_SCALES = {"m": 1e6, "k": 1e3, "b": 1e9}  # "$6m": only next to a currency
_VAGUE = {"couple": 2, "few": 3, "handful": 3, "several": 3, "dozens": 24, "scores": 40, "tens": 20,
          "hundreds": 200, "thousands": 2e3, "millions": 2e6, "billions": 2e9}
_PLURAL_SCALES = {"hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_MINIMUM = ("at least", "more than", "over", "upwards of", "no fewer than", "no less than", "not less than",
            "in excess of", "above", "just over", "a minimum of")
_APPROXIMATE = ("about", "around", "approximately", "roughly", "some", "nearly", "almost", "close to",
                "up to", "as many as", "an estimated", "estimated", "circa", "fewer than", "less than",
                "under", "just under", "anywhere from", "between", "or so")
MODIFIERS = frozenset(_MINIMUM + _APPROXIMATE)

_SYMBOLS = {"$": "USD", "us$": "USD", "c$": "CAD", "a$": "AUD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_NAMES = {"dollar": "USD", "euro": "EUR", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
          "rouble": "RUB", "ruble": "RUB", "shekel": "ILS", "afghani": "AFN", "naira": "NGN",
          "hryvnia": "UAH", "lira": "TRY", "rial": "rial", "riyal": "riyal", "dinar": "dinar",
          "rupee": "rupee", "pound": "pound", "franc": "franc", "shilling": "shilling", "toman": "toman"}
_BY_COUNTRY = {
    "iraqi dinar": "IQD", "jordanian dinar": "JOD", "kuwaiti dinar": "KWD", "libyan dinar": "LYD",
    "bahraini dinar": "BHD", "algerian dinar": "DZD", "tunisian dinar": "TND", "serbian dinar": "RSD",
    "iranian rial": "IRR", "omani rial": "OMR", "yemeni rial": "YER", "saudi riyal": "SAR",
    "qatari riyal": "QAR", "indian rupee": "INR", "pakistani rupee": "PKR", "british pound": "GBP",
    "egyptian pound": "EGP", "lebanese pound": "LBP", "syrian pound": "SYP", "sudanese pound": "SDG",
    "swiss franc": "CHF", "kenyan shilling": "KES", "ugandan shilling": "UGX", "somali shilling": "SOS",
    "canadian dollar": "CAD", "australian dollar": "AUD", "hong kong dollar": "HKD", "turkish lira": "TRY",
}  # fmt: skip
_TOKEN = re.compile(r"[a-z]\$|[$€£¥%]|\d+(?:[.,]\d+)*|[a-z]+")


@dataclass(frozen=True, slots=True)
class Number:
    """A figure read from words: its value and how exactly the words give it."""

    value: float
    minimum: bool = False
    approximate: bool = False
    currency: str | None = None


def parse_number(text: str, *, money: bool = False) -> Number | None:
    """The figure in a number phrase, or None when it holds none (or is a percentage).
    ``money``: the phrase is known to be money, so "pounds" is a currency and not a weight."""
    lowered = text.lower().replace("’", "'")
    words = _TOKEN.findall(lowered)
    if not words or "%" in words or "percent" in words or ("per" in words and "cent" in words):
        return None
    if "few" in words and "a" not in words[: words.index("few")]:
        return None  # "few have seen it" is a small number, not three
    minimum = any(re.search(rf"\b{re.escape(m)}\b", lowered) for m in _MINIMUM)
    approximate = any(re.search(rf"\b{re.escape(m)}\b", lowered) for m in _APPROXIMATE) and not minimum
    currency = _currency(lowered, words, money=money)
    found = _value(words, currency=currency is not None)
    if found is None:
        return None
    value, vague, ranged = found
    number = Number(value, minimum=minimum or ranged, approximate=approximate or vague or ranged,
                    currency=currency)
    if ranged and "between" in words:
        number = replace(number, approximate=True)
    return number


def _currency(text: str, words: list[str], *, money: bool) -> str | None:
    for word in words:
        if word in _SYMBOLS:
            return _SYMBOLS[word]
    for name, code in _BY_COUNTRY.items():
        if re.search(rf"\b{name}s?\b", text):
            return code
    for word in words:
        name = word[:-1] if word.endswith("s") and word[:-1] in _NAMES else word
        if name in _NAMES and (name != "pound" or money):
            return _NAMES[name]
    return None


def _value(words: list[str], *, currency: bool) -> tuple[float, bool, bool] | None:
    """(value, vague, range) of the number words; the figure stops at a range's "to"/"or"."""
    total = current = 0.0
    seen = vague = ranged = False
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word[0].isdigit():
            if seen and current:
                ranged = True  # "2,000 10,000" after a dropped "to": keep the first
                break
            try:
                current += float(word.replace(",", ""))
            except ValueError:  # "1.234.567": no figure we can trust
                return None
            seen = True
        elif word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
            seen = True
        elif word in ("a", "an") and (following in _SCALES or following in ("hundred", "dozen")):
            current = 1.0
        elif word == "hundred":
            current, seen = (current or 1) * 100, True
        elif word == "dozen":
            current, seen = (current or 1) * 12, True
        elif word in _SCALES or (currency and word in _SHORT_SCALES and seen):
            total += (current or 1) * _SCALES.get(word, _SHORT_SCALES.get(word, 1))
            current, seen = 0.0, True
        elif word in _PLURAL_SCALES and seen and i and words[i - 1] == "of":
            current *= _PLURAL_SCALES[word]  # "tens of thousands"
        elif word in _VAGUE:
            plural = word in _PLURAL_SCALES or word == "dozens"  # "several dozen" multiplies
            current = (current or 1) * _VAGUE[word] if plural else (current or _VAGUE[word])
            seen = vague = True
        elif word in ("to", "or", "and") and seen and (following[:1].isdigit() or following in _UNITS):
            ranged = word != "and" or "between" in words
            if ranged:
                break
    return (total + current, vague, ranged) if seen else None


def number_word(word: str) -> bool:
    """Whether a single word is part of a number ("two", "dozen", "hundreds", "million")."""
    lowered = word.lower()
    return (lowered in _UNITS or lowered in _TENS or lowered in _SCALES or lowered in _VAGUE
            or lowered in ("hundred", "dozen"))
