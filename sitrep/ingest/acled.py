"""Import an ACLED CSV export, so that ACLED's events stand beside the user's own sources.

Each row becomes a stored document (source ``acled:EVENT_ID_CNTY``, text the row's notes, publisher
"ACLED", published the event date) with one event, written in one transaction per row:

- type and mode mapped back from event_type/sub_event_type (``PLOVER_OF``); ACLED's pair is kept
  as the event's ACLED type. A sub-event type with no PLOVER equivalent ("Change to group/activity",
  "Other") is skipped, and said so;
- the date to ACLED's time_precision (1 day, 2 week, 3 month); the place with admin1, country,
  coordinates and precision from geo_precision (1 the town, 2 near it, 3 a larger region);
- actor1 (and assoc_actor_1) as actors, actor2 (and assoc_actor_2) as recipients, kinds from the
  inter codes; fatalities as the killed when above 0 (ACLED writes 0 also when none were reported,
  and a 0 must not undercut a source's toll).

The facts rest on the row as a whole: their spans cover the notes, where an actor's name is not
found in them. The header is checked first (missing columns are named); a bad row is reported
with its line and the import goes on. Importing the same file again is a no-op (documents are
identified by their content). The picture is rebuilt once at the end, so ACLED's events join the
incidents that the user's own sources report.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from sitrep.errors import InputError, MalformedInput
from sitrep.ingest.reading import read_document
from sitrep.model.document import Document
from sitrep.model.facts import ActorRef, DateValue, Event, Extraction, Place, Quantity
from sitrep.model.span import Span
from sitrep.model.vocab import ACLED_TYPES
from sitrep.resolve.picture import PictureSummary, rebuild
from sitrep.store.store import Store

try:  # optional: the full ISO 3166 table
    import pycountry
except ImportError:  # pragma: no cover - depends on the environment
    pycountry = None  # type: ignore[assignment]

SOURCE_PREFIX = "acled:"
PUBLISHER = "ACLED"
MEDIA_TYPE = "text/csv"
STAGES = ("acled-import",)
REQUIRED: tuple[str, ...] = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "notes", "fatalities",
)
# ACLED sub-event type → PLOVER (type, mode); None: no PLOVER equivalent (the row is skipped).
PLOVER_OF: dict[str, tuple[str, str | None] | None] = {
    "Armed clash": ("ASSAULT", None),
    "Government regains territory": ("ASSAULT", None),
    "Non-state actor overtakes territory": ("ASSAULT", None),
    "Chemical weapon": ("ASSAULT", "unconventional"),
    "Air/drone strike": ("ASSAULT", "aerial"),
    "Suicide bomb": ("ASSAULT", "suicide-attack"),
    "Shelling/artillery/missile attack": ("ASSAULT", "explosives"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"),
    "Grenade": ("ASSAULT", "explosives"),
    "Sexual violence": ("ASSAULT", "sexual"),
    "Attack": ("ASSAULT", None),
    "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Peaceful protest": ("PROTEST", "demo"),
    "Protest with intervention": ("PROTEST", "demo"),
    "Excessive force against protesters": ("ASSAULT", "crowd-control"),
    "Violent demonstration": ("PROTEST", "riot"),
    "Mob violence": ("PROTEST", "riot"),
    "Agreement": ("AGREE", None),
    "Arrests": ("COERCE", "arrest"),
    "Change to group/activity": None,
    "Disrupted weapons use": ("COERCE", "seize"),
    "Headquarters or base established": ("MOBILIZE", "troops"),
    "Looting/property destruction": ("ASSAULT", "destroy"),
    "Non-violent transfer of territory": ("RETREAT", "withdraw"),
    "Other": None,
}
# ACLED inter code → sitrep actor kind (ONTOLOGY.md): 1 state forces, 2 rebels, 3 political and
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
KIND_OF_INTER: dict[int, str] = {1: "state_military", 2: "rebel_group", 3: "militia", 4: "militia",
                                 5: "other", 6: "other", 7: "civilians", 8: "other"}
TIME_PRECISION: dict[str, str] = {"1": "day", "2": "week", "3": "month"}
GEO_PRECISION: dict[str, int] = {"1": 1, "2": 2, "3": 4}
_YEARS = re.compile(r"\s*\(\d{4}-(\d{4})?\)\s*$")  # "Military Forces of Somalia (2017-)"
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y")

Status = Literal["new", "known", "skipped", "failed"]


class RowError(ValueError):
    """One row that cannot be imported, and why."""


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What became of one row: its line in the file, its ACLED id, and its status (new, known,
    skipped for want of a PLOVER equivalent, failed) with the reason."""

    line: int
    event_id: str
    status: Status
    document_id: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AcledImport:
    """The run's id, each row's outcome, and the picture rebuilt at the end (None when nothing new)."""

    path: str
    run_id: int
    outcomes: tuple[RowOutcome, ...] = ()
    picture: PictureSummary | None = field(default=None)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def import_acled(store: Store, path: str | Path, *,
                 on_outcome: Callable[[RowOutcome], None] | None = None) -> AcledImport:
    """Import the ACLED CSV at ``path`` into ``store``, one transaction per row, then rebuild the
    picture once. Raises InputError naming the file when it cannot be read or lacks ACLED columns."""
    name = str(path)
    rows = list(_rows(Path(path)))
    run_id = store.begin_run(command=f"import acled {name}")
    outcomes: list[RowOutcome] = []
    for line, row in rows:
        outcome = _import_row(store, name, line, row, run_id)
        outcomes.append(outcome)
        if outcome.status == "failed":
            store.record_failure(run_id, source=f"{name}:{line}", error_kind="AcledRow",
                                 reason=outcome.reason or "")
        if on_outcome is not None:
            on_outcome(outcome)
    new = sum(1 for o in outcomes if o.status == "new")
    store.finish_run(run_id, new=new, known=sum(1 for o in outcomes if o.status == "known"),
                     failed=sum(1 for o in outcomes if o.status == "failed"))
    picture = rebuild(store) if new else None
    return AcledImport(name, run_id, tuple(outcomes), picture)


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row with the line it starts on; the header checked first."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start}); ACLED exports are UTF-8") from exc
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise MalformedInput(str(path), "is empty: expected an ACLED CSV export with a header line")
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        noun = "columns" if len(missing) > 1 else "column"
        raise MalformedInput(str(path), f"not an ACLED export: missing {noun} {', '.join(missing)} (line 1)")
    reader.fieldnames = header
    start = reader.line_num + 1
    try:
        for row in reader:
            yield start, {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
            start = reader.line_num + 1
    except csv.Error as exc:
        raise MalformedInput(str(path), f"line {reader.line_num}: {exc}") from exc


def _import_row(store: Store, name: str, line: int, row: dict[str, str], run_id: int) -> RowOutcome:
    event_id = row.get("event_id_cnty", "")
    try:
        built = row_document(row)
        if built is None:
            return RowOutcome(line, event_id, "skipped",
                              reason=f"sub_event_type {row['sub_event_type']!r} has no PLOVER equivalent")
        document, make_extraction = built
        reading = read_document(document)
        added = store.add_reading(reading, run_id=run_id, extraction=make_extraction(reading.id),
                                  stages=STAGES)
    except RowError as exc:
        return RowOutcome(line, event_id, "failed", reason=f"{name}, line {line}: {exc}")
    except Exception as exc:  # a row the store refuses: named, and the import goes on
        return RowOutcome(line, event_id, "failed", reason=f"{name}, line {line}: {exc}")
    return RowOutcome(line, event_id, "new" if added.created else "known", added.document_id)


def row_document(row: dict[str, str]) -> tuple[Document, Callable[[str], Extraction]] | None:
    """The document one ACLED row becomes, and the maker of its extraction (given the document's
    id); None when its sub-event type has no PLOVER equivalent. RowError for a bad row."""
    event_id = _required(row, "event_id_cnty")
    event_type, sub = _required(row, "event_type"), _required(row, "sub_event_type")
    if sub not in ACLED_TYPES.get(event_type, ()):
        if event_type not in ACLED_TYPES:
            raise RowError(f"event_type {event_type!r} is not ACLED's; valid: {', '.join(ACLED_TYPES)}")
        raise RowError(f"sub_event_type {sub!r} is not one of ACLED's for {event_type}; valid: "
                       f"{', '.join(ACLED_TYPES[event_type])}")
    plover = PLOVER_OF.get(sub)
    if plover is None:
        return None
    day = _date(_required(row, "event_date"))
    notes = row.get("notes", "")
    if not notes:
        raise RowError("notes is empty: the row's notes are the words the event rests on")
    lat, lon = _coordinate(row, "latitude", 90), _coordinate(row, "longitude", 180)
    killed = _fatalities(row)
    country = _country(row)
    precision = TIME_PRECISION.get(row.get("time_precision", "") or "1")
    if precision is None:
        raise RowError(f"time_precision {row['time_precision']!r} is not ACLED's; valid: 1, 2, 3")
    geo = GEO_PRECISION.get(row.get("geo_precision", "") or "1")
    if geo is None:
        raise RowError(f"geo_precision {row['geo_precision']!r} is not ACLED's; valid: 1, 2, 3")
    inter1, inter2 = _inter(row, "inter1"), _inter(row, "inter2")
    location = row.get("location") or row.get("admin1") or row.get("country") or ""
    title = f"{sub} in {location}" + (f", {row['country']}" if row.get("country") else "")
    document = Document(text=notes, source=SOURCE_PREFIX + event_id, media_type=MEDIA_TYPE, title=title,
                        published=day, publisher=PUBLISHER)
    whole = Span(0, len(notes))

    def actors(names: list[str], inter: int | None) -> tuple[ActorRef, ...]:
        found = []
        for i, text in enumerate(names):
            kind = KIND_OF_INTER.get(inter) if (inter is not None and i == 0) else None
            found.append(ActorRef(text, _find(notes, _YEARS.sub("", text)) or whole, _YEARS.sub("", text),
                                  kind=kind, country=country if kind == "state_military" else None,
                                  origin="acled"))
        return tuple(found)

    first = actors(_names(row, "actor1", "assoc_actor_1"), inter1)
    second = actors(_names(row, "actor2", "assoc_actor_2"), inter2)

    def extraction(document_id: str) -> Extraction:
        event = Event(
            type=plover[0], trigger=sub, trigger_span=whole, sentence=whole, mode=plover[1],
            acled=(event_type, sub), actors=first, recipients=second,
            date=DateValue(row["event_date"], whole, day, precision),
            place=Place(location, whole, name=location or None, admin1=row.get("admin1") or None,
                        country=country, lat=lat, lon=lon, precision=geo, source="acled"),
            quantities=(Quantity("killed", killed, row["fatalities"], whole),) if killed else (),
        )
        return Extraction(document_id=document_id, events=(event,), actors=(*first, *second))

    return document, extraction


def _required(row: dict[str, str], column: str) -> str:
    value = row.get(column, "")
    if not value:
        raise RowError(f"{column} is empty")
    return value


def _date(value: str) -> date:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowError(f"event_date {value!r} is not a date; expected YYYY-MM-DD or '14 March 2022'")


def _coordinate(row: dict[str, str], column: str, limit: int) -> float:
    value = row.get(column, "")
    try:
        number = float(value)
    except ValueError:
        raise RowError(f"{column} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise RowError(f"{column} {value!r} is out of range (-{limit} to {limit})")
    return number


def _fatalities(row: dict[str, str]) -> int:
    value = row.get("fatalities", "") or "0"
    if not value.isdigit():
        raise RowError(f"fatalities {value!r} is not a whole number of 0 or more")
    return int(value)


def _inter(row: dict[str, str], column: str) -> int | None:
    value = row.get(column, "")
    if not value or value == "0":
        return None
    if not value.isdigit() or int(value) not in KIND_OF_INTER:
        raise RowError(f"{column} {value!r} is not an ACLED inter code; valid: 0-8")
    return int(value)


def _country(row: dict[str, str]) -> str | None:
    """ISO alpha-2 from the numeric ``iso`` code, else from the country's name; None if unknown."""
    if pycountry is None:
        return None
    iso = row.get("iso", "")
    if iso.isdigit() and (found := pycountry.countries.get(numeric=f"{int(iso):03d}")) is not None:
        return str(found.alpha_2)
    name = row.get("country", "")
    if not name:
        return None
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        pass
    try:
        matches = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    return str(matches[0].alpha_2) if matches else None


def _names(row: dict[str, str], main: str, associated: str) -> list[str]:
    names = [row.get(main, "")] if row.get(main) else []
    names += [n.strip() for n in row.get(associated, "").split(";") if n.strip()]
    return names


def _find(text: str, name: str) -> Span | None:
    """Where ``name`` (or its first words) stands in ``text``, any case."""
    if not name:
        return None
    index = text.casefold().find(name.casefold())
    return Span(index, index + len(name)) if index >= 0 else None
