"""Fixtures for the store tests: a database URL per test, and invented Readings to store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from sitrep.model.citation import Citation, Marker, Note
from sitrep.model.document import Boilerplate, Document, Page
from sitrep.model.reading import NotesReading, Reading
from sitrep.model.span import Span
from sitrep.store import tables
from sitrep.store.store import Store

PG_ENV = "SITREP_TEST_PG_URL"


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database for one test.

    By default a fresh SQLite file in the test's tmp_path. With ``SITREP_TEST_PG_URL`` set to a
    PostgreSQL URL whose user may create databases (for example
    ``postgresql+psycopg://sitrep:pw@127.0.0.1/postgres``), each test gets a new database on that
    server, named ``sitrep_test_<random>`` and dropped afterwards, so the same test bodies run
    against PostgreSQL.
    """
    pg_url = os.environ.get(PG_ENV)
    if not pg_url:
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield sa.make_url(pg_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def count_rows() -> Callable[[Store], dict[str, int]]:
    """A function giving the number of rows in each of the store's tables."""

    def count(store: Store) -> dict[str, int]:
        with store.engine.connect() as conn:
            return {
                table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
                for table in tables.metadata.sorted_tables
            }

    return count


class TextBuilder:
    """Builds a text piece by piece and hands back each piece's span."""

    def __init__(self) -> None:
        self.text = ""

    def add(self, piece: str) -> Span:
        start = len(self.text)
        self.text += piece
        return Span(start, len(self.text))


def build_reading(tag: str = "A", *, source: str | None = None) -> Reading:
    """A rich invented Reading: two pages, boilerplate marked differently by the reader and by
    cleaning, sentences with markers (one sentence span not stored, one marker with no note),
    a notes section whose notes carry zero, one and two citations. ``tag`` changes the text
    (and so the id)."""
    b = TextBuilder()
    title = b.add(f"Report {tag}: Militia rockets on the “Green Zone”\n")
    caption = b.add("Photo: a launch site near Basra. (Credit: Agency)\n")
    s1 = b.add("Kata’ib Hizballah fired rockets at the base on 3 May.")
    m1 = b.add("[1]")
    b.add(" ")
    s2 = b.add("Iran’s Qods Force supplied them, officials said.")
    m2 = b.add("[2]")
    m3 = b.add("[3]")
    b.add("\n")
    page_one_end = len(b.text)
    s3 = b.add("The attacks continued into June, according to رويترز.")
    m9 = b.add("[9]")
    b.add("\n")
    trailer = b.add("Subscribe to our newsletter.\n")
    section_start = len(b.text)
    b.add("Notes\n")
    n1 = b.add(
        "1. Jane Roe and Sam Poe, “Rockets hit base,” Example Times, May 3, 2011, https://example.org/a.\n"
    )
    n2 = b.add("2. Ibid.; see also Example Wire, June 2011.\n")
    n3 = b.add("3. Interview with an official.\n")
    text = b.text

    def at(whole: Span, part: str) -> Span:
        start = text.index(part, whole.start)
        return Span(start, start + len(part))

    c1 = Citation(
        note=1,
        index=0,
        span=at(n1, "Jane Roe"),
        raw="Jane Roe and Sam Poe, “Rockets hit base,” Example Times, May 3, 2011, https://example.org/a.",
        authors=("Jane Roe", "Sam Poe"),
        title="Rockets hit base",
        outlet="Example Times",
        date=date(2011, 5, 3),
        date_precision="day",
        url="https://example.org/a",
    )
    c2a = Citation(note=2, index=0, span=at(n2, "Ibid."), raw="Ibid.", commentary="Ibid.")
    c2b = Citation(
        note=2,
        index=1,
        span=at(n2, "Example Wire, June 2011"),
        raw="Example Wire, June 2011",
        outlet="Example Wire",
        date=date(2011, 6, 1),
        date_precision="month",
        commentary="see also",
    )
    sentence1 = Span(s1.start, m1.end)
    sentence2 = Span(s2.start, m3.end)
    sentence3 = Span(s3.start, m9.end)
    document = Document(
        text=text,
        source=source or f"reports/report-{tag}.pdf",
        media_type="application/pdf",
        title=f"Report {tag}: Militia rockets on the “Green Zone”",
        published=date(2011, 7, 1),
        authors=("A. Analyst", "B. Writer"),
        publisher="Example Institute",
        url=f"https://example.org/report-{tag}",
        pages=(Page(1, Span(0, page_one_end)), Page(2, Span(page_one_end, len(text)))),
        boilerplate=(Boilerplate("credit", at(caption, "(Credit: Agency)"), "(Credit: Agency)"),),
    )
    boilerplate = (
        Boilerplate("caption", caption, caption.slice(text)),
        Boilerplate("credit", at(caption, "(Credit: Agency)"), "(Credit: Agency)"),
        Boilerplate("trailer", trailer, trailer.slice(text)),
    )
    notes = NotesReading(
        section=Span(section_start, len(text)),
        notes=(
            Note(1, n1, n1.slice(text), (c1,)),
            Note(2, n2, n2.slice(text), (c2a, c2b)),
            Note(3, n3, n3.slice(text)),
        ),
        markers=(
            Marker(1, m1, sentence1),
            Marker(2, m2, sentence2),
            Marker(3, m3, sentence2),
            # Its sentence span is not one of the stored sentences: linked by containment.
            Marker(9, m9, Span(s3.start + 4, m9.end)),
        ),
        sentences=(title, sentence1, sentence2, sentence3),
    )
    return Reading(document=document, boilerplate=boilerplate, notes=notes)


def bare_reading(text: str, *, source: str = "-") -> Reading:
    """A Reading with text and nothing else: no notes, markers, sentences or boilerplate."""
    document = Document(text=text, source=source, media_type="text/plain")
    return Reading(document=document, boilerplate=(), notes=NotesReading(None, (), (), ()))


@pytest.fixture
def rich_reading() -> Reading:
    return build_reading()


@pytest.fixture
def make_reading() -> Callable[..., Reading]:
    """``build_reading``, for tests that need several different documents."""
    return build_reading


@pytest.fixture
def make_bare_reading() -> Callable[..., Reading]:
    return bare_reading
