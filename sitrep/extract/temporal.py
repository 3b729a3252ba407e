"""What a time expression means, resolved against a publication date.

A resolved date is the first day of its period (a month is its 1st, a year its 1 January, a week
its Monday); ``end`` is the last day a range covers. Words that cannot be pinned to the calendar
("recent months", "that day") resolve to ``unresolved``, never to the publication date; pure
durations ("five years", "three-day", "45-year-old") are not dates at all (``interpret`` → None).

``policy`` says how to place a date the text gives without a year ("June 6", "Tuesday"):
``past`` (the latest such date on or before publication), ``current`` (the publication year, the
nearest such weekday) or ``future`` (the earliest on or after publication).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

PRECISIONS = ("day", "week", "month", "year")
KINDS = ("exact", "approximate", "range", "unresolved")

MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
         r"|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)(?![\w])")
YEAR = r"(?:1[89]|20)\d\d(?![\w])"
DAY = r"\d{1,2}(?:st|nd|rd|th)?(?![\w])"
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
UNIT = r"(?:day|week|month|year|decade|hour|minute|century|centurie)"
NUM = (r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
       r"forty|fifty|several|few|many|some|a few|a couple of|couple of)")
_APPROX = re.compile(r"^(?:around|about|approximately|roughly|circa|c\.|some\s*time\s+in)\s+", re.I)
_PART = re.compile(r"^(?:the\s+)?(?:early|late|mid-?|(?:beginning|start|end|middle|first\s+half|"
                   r"second\s+half)\s+of)\s*", re.I)
_TIME_OF_DAY = re.compile(r"^(?:the\s+)?(?:morning|afternoon|evening|night)\s+of\s+|"
                          r"\s+(?:morning|afternoon|evening|night)$", re.I)
_CLOCK = re.compile(r"^(?:(?:around|about|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
                    r"(?:midnight|noon|dawn|dusk|daybreak|nightfall|\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m\.?)"
                    r"\s+(?:on\s+)?", re.I)
_MONTH_OF = re.compile(rf"^({MONTH})(?:\s+of)?\s+(this|last|next)\s+year$", re.I)
_LEAD = re.compile(r"^(?:on|in|at|during|of|for|by|until|till|the)\s+", re.I)
_DURATION = re.compile(rf"^(?:for\s+|over\s+|within\s+|in\s+|nearly\s+|almost\s+|up\s+to\s+|about\s+|"
                       rf"more\s+than\s+|at\s+least\s+|some\s+)?(?:the\s+)?(?:{NUM}[\s-]+)?"
                       rf"(?:{UNIT}s?|decadelong|yearlong|monthlong)(?:[\s-](?:long|old|and\s+a\s+half))?$"
                       r"|\d+-year-old|\bage\b|^(?:annual|daily|weekly|monthly|yearly|quarterly)$"
                       r"|^(?:early\s+|late\s+|mid-?)?\d0s$|^\d{1,2}$", re.I)  # "in their 30s", "Ali, 23"
_ANCHORED = re.compile(rf"^(?:the\s+)?(past|last|previous|next|coming)\s+({NUM})\s+{UNIT}s$", re.I)
_VAGUE = re.compile(r"^(?:recent|coming)\s+\w+$|^(?:that|the\s+same|the\s+next|the\s+following|"
                    r"the\s+previous)\s+\w+$", re.I)
_DECADE = re.compile(r"^(?:the\s+)?(early\s+|late\s+|mid-?)?'?((?:1[89]|20)?\d)0s$", re.I)
_SEASON = re.compile(r"^(?:the\s+)?(spring|summer|autumn|fall|winter)(?:\s+of)?\s+((?:1[89]|20)\d\d)$", re.I)
_NTH_WEEK = re.compile(rf"^(?:the\s+)?(first|second|third|fourth|last)\s+week\s+of\s+({MONTH}.*)$", re.I)
_RANGE = re.compile(r"^(?:from\s+|between\s+)?(?P<a>.+?)\s*(?:(?<![Mm]id)-|–|—|\bto\b|\bthrough\b|\buntil\b|"
                    r"\btill\b|\band\b)\s*(?P<b>.+)$", re.I)
_EXPLICIT_YEAR = re.compile(r"(?<![\w])(?:1[89]|20)\d\d(?![\w])")
_RELATIVE = re.compile(r"\b(?:last|next|this|ago|yesterday|today|tonight|tomorrow|past|coming|previous)\b",
                       re.I)
_RESOLVABLE = re.compile(rf"{MONTH}|{YEAR}|{WEEKDAY}|\b(?:yesterday|today|tonight|tomorrow|ago|"
                         r"(?:last|next|this|past|previous)\s+"
                         r"(?:week|month|year|night|weekend|morning|afternoon|evening))\b", re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
            "thirty": 30, "forty": 40, "fifty": 50}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3}


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a time expression means: value (None if unresolved), precision, kind, end, future."""

    value: date | None
    precision: str | None
    kind: str = "exact"
    end: date | None = None
    future: bool = False


UNRESOLVED = Resolved(None, None, "unresolved")


def names_a_time(text: str) -> bool:
    """Whether ``text`` names something on the calendar (a month, year, weekday, "yesterday", …)."""
    return bool(_RESOLVABLE.search(text))


def is_duration(text: str) -> bool:
    """Whether ``text`` is a length of time or an age rather than a date ("five years", "three-day")."""
    return bool(_DURATION.search(_clean(text)))


def interpret(text: str, *, published: date | None, policy: str = "past") -> Resolved | None:
    """What a time expression means against ``published``; None for a duration (not a date)."""
    # Without a publication date, dateparser reads relative words against today: the day is part
    # of the key, so a cached reading is never one from another day.
    return _interpret(text, published, policy, date.today() if published is None else None)


@lru_cache(maxsize=8192)
def _interpret(text: str, published: date | None, policy: str, today: date | None) -> Resolved | None:
    """``interpret``, cached: the same words against the same date mean the same (a ``Resolved`` is
    frozen); texts repeat their dates ("Tuesday", "2011"), and dateparser is slow."""
    cleaned = _clean(text)
    if is_duration(cleaned):
        return None
    result = _range(cleaned, published, policy) or _single(cleaned, published, policy)
    if result.value is not None and published is not None and result.value > published:
        result = replace(result, future=True)
    return result


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("’", "'")).strip(" ,.;:")
    while (stripped := _LEAD.sub("", text)) != text:
        text = stripped
    return text


def _range(text: str, published: date | None, policy: str) -> Resolved | None:
    match = None if re.match(r"^\d{4}-\d\d-\d\d$", text) else _RANGE.match(text)
    if not match or not _RESOLVABLE.search(match["a"]):
        return None
    left, right = match["a"].strip(), match["b"].strip()
    if day := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?(,?\s+\d{4})?", right):  # "June 1-3": the left's month
        right = re.sub(r"\d{1,2}(?:st|nd|rd|th)?", day[1], left, count=1) + (day[2] or "")
    if not _EXPLICIT_YEAR.search(left) and (year := _EXPLICIT_YEAR.search(right)):
        left = f"{left} {year.group()}"
    first, last = _single(left, published, policy), _single(right, published, policy)
    if first.value is None or last.value is None or last.value < first.value:
        return None
    return Resolved(first.value, first.precision, "range", end=_period_end(last), future=first.future)


def _single(text: str, published: date | None, policy: str) -> Resolved:
    kind = "exact"
    if _RESOLVABLE.search(bare := _CLOCK.sub("", text)):
        text = bare
    if _APPROX.match(text):
        text, kind = _APPROX.sub("", text), "approximate"
    future = bool(re.match(r"later\s+this\s", text, re.I))
    text = re.sub(r"^(?:earlier|later)\s+", "", text, flags=re.I)
    part = _PART.match(text)
    if part:
        text = text[part.end():]
    if _RESOLVABLE.search(bare := _TIME_OF_DAY.sub("", text).strip()):
        text = bare
    text = re.sub(r"^the (year|month|week)$", r"this \1", text, flags=re.I)
    result = _special(text, published) or _calendar(text, published, policy)
    if part and result.precision in ("month", "year") and result.kind == "exact":
        result = replace(result, kind="approximate")
        edge = re.search(r"\b(end|beginning|start)\b", part.group(), re.I)
        if edge and result.precision == "year" and result.value is not None:  # "the end of 2012": December
            result = replace(result, value=result.value.replace(month=12 if edge[1].lower() == "end" else 1),
                             precision="month")
    if kind == "approximate" and result.value is not None and result.kind == "exact":
        result = replace(result, kind=kind)
    return replace(result, future=True) if future else result


def _special(text: str, published: date | None) -> Resolved | None:
    """Forms dateparser does not read: decades, seasons, "the next five years", "recent weeks"."""
    if match := _DECADE.match(text):
        digits = match[2]
        start = int(digits) * 10 if len(digits) == 3 else 1900 + int(digits) * 10
        return Resolved(date(start, 1, 1), "year", "range", end=date(start + 9, 12, 31))
    if match := _SEASON.match(text):
        first, last = _SEASONS[match[1].lower()]
        year = int(match[2])
        end_year = year + 1 if last < first else year
        return Resolved(date(year, first, 1), "month", "approximate",
                        end=_period_end(Resolved(date(end_year, last, 1), "month")))
    if match := _NTH_WEEK.match(text):
        month = _calendar(match[2], published, "past")
        if month.value is None or month.precision != "month":
            return UNRESOLVED
        offset = 21 if match[1].lower() == "last" else 7 * _ORDINALS[match[1].lower()]
        return Resolved(month.value + timedelta(days=offset), "week")
    if (match := _MONTH_OF.match(text)) and published is not None:
        year = published.year + {"this": 0, "last": -1, "next": 1}[match[2].lower()]
        return _calendar(f"{match[1]} {year}", published, "current")
    if match := _ANCHORED.match(text):
        return _anchored(match[1].lower(), match[2].lower(), text.split()[-1].lower(), published)
    if _VAGUE.match(text):
        return Resolved(None, None, "unresolved", future=text.lower().startswith("coming"))
    return None


def _anchored(direction: str, count: str, unit: str, published: date | None) -> Resolved:
    future = direction in ("next", "coming")
    n = int(count) if count.isdigit() else _NUMBERS.get(count)
    if published is None or n is None:
        return Resolved(None, None, "unresolved", future=future)
    unit = unit.rstrip("s")
    if unit in ("hour", "minute"):  # "the last 24 hours": days, at most
        days = -(-n // (24 if unit == "hour" else 1440))
        other = published + timedelta(days=days if future else -days)
        unit = "day"
    else:
        other = _shift(published, n if future else -n, unit)
    start, end = (published, other) if future else (other, published)
    return Resolved(start, unit if unit in PRECISIONS else "year", "range", end=end, future=future)


def _shift(day: date, n: int, unit: str) -> date:
    if unit in ("day", "week"):
        return day + timedelta(days=n * (7 if unit == "week" else 1))
    months = n * {"month": 1, "year": 12, "decade": 120}.get(unit, 12)
    year, month = divmod(day.month - 1 + months, 12)
    return _safe_date(day.year + year, month + 1, day.day)


def _safe_date(year: int, month: int, day: int) -> date:
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def _calendar(text: str, published: date | None, policy: str) -> Resolved:
    if not _RESOLVABLE.search(text):
        return UNRESOLVED
    explicit_year = bool(_EXPLICIT_YEAR.search(text))
    if published is None and not explicit_year:
        return UNRESOLVED
    relative = bool(_RELATIVE.search(text))
    preference = "current_period" if explicit_year or relative or policy != "future" else "future"
    found = _parse(text, published, preference)
    if found is None:
        return UNRESOLVED
    if policy == "past" and published and not explicit_year and not relative \
            and found.value is not None and found.value > published:
        found = _parse(text, published, "past") or found
    return found


def _parse(text: str, published: date | None, preference: str) -> Resolved | None:
    base = datetime(published.year, published.month, published.day) if published else None
    data = _parser(base, preference).get_date_data(text)
    if data.date_obj is None or data.period not in PRECISIONS:
        return None
    value = _period_start(data.date_obj.date(), data.period)
    return Resolved(value, data.period)


@lru_cache(maxsize=32)
def _parser(base: datetime | None, preference: str) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DATES_FROM": preference, "PREFER_DAY_OF_MONTH": "first",
                                "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def _period_start(value: date, precision: str) -> date:
    if precision == "year":
        return value.replace(month=1, day=1)
    if precision == "month":
        return value.replace(day=1)
    if precision == "week":
        return value - timedelta(days=value.weekday())
    return value


def _period_end(result: Resolved) -> date | None:
    value = result.end or result.value
    if value is None or result.end is not None:
        return value
    if result.precision == "year":
        return value.replace(month=12, day=31)
    if result.precision == "month":
        return _shift(value.replace(day=1), 1, "month") - timedelta(days=1)
    if result.precision == "week":
        return value + timedelta(days=6)
    return value
