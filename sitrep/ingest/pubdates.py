"""Publication dates in references: "July 2, 2011", "2 July 2011", "2011-07-02", "May 2011", "2011".

Only the forms references use; free-text dates in a body ("last Tuesday") are the extractor's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:1[6-9]|20)\d{2})(?![\w-])"
_FORMS = (
    ("day", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}")),
    ("day", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}")),
    ("day", re.compile(r"(?<![\w/-])(?P<year>(?:1[6-9]|20)\d{2})-(?P<num>\d{2})-(?P<day>\d{2})(?![\w-])")),
    ("month", re.compile(rf"\b{_MONTH},?\s+{_YEAR}")),
    ("year", re.compile(r"(?<![\w/.$-])" + _YEAR)),
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: the value, its precision (day, month or year) and where it lies."""

    value: date
    precision: str
    start: int
    end: int


def find_date(text: str, start: int = 0, end: int | None = None) -> FoundDate | None:
    """The first (leftmost, then most precise) publication date in ``text[start:end]``."""
    stop = len(text) if end is None else end
    found: list[tuple[int, int, int, FoundDate]] = []
    for rank, (precision, pattern) in enumerate(_FORMS):
        for match in pattern.finditer(text, start, stop):
            value = _value(match, precision)
            if value is not None:
                hit = FoundDate(value, precision, match.start(), match.end())
                found.append((hit.start, hit.start - hit.end, rank, hit))
                break
    return min(found, key=lambda item: item[:3])[3] if found else None


def _value(match: re.Match[str], precision: str) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("num"):
        month = int(groups["num"])
    elif groups.get("month"):
        month = _MONTHS[groups["month"][:3].lower()]
    else:
        month = 1
    day = int(groups["day"]) if precision == "day" else 1
    try:
        return date(year, month, day)
    except ValueError:
        return None
