"""Notes: full citations in the analysts' style, one note per distinct piece, numbered by first use."""

from __future__ import annotations

from datetime import date

from sitrep.report.model import Source
from sitrep.report.notes import NoteBook, citation_text, long_date

WIRE = Source(("Amina Yusuf",), "Roadside Bomb Kills 3 Soldiers Near Afgooye", "Mogadishu Wire",
              date(2022, 3, 14), "day", "https://mogadishuwire.example.com/2022/03/14/afgooye-bomb")


def test_a_full_citation() -> None:
    assert citation_text(WIRE) == ("Amina Yusuf, “Roadside Bomb Kills 3 Soldiers Near Afgooye,” Mogadishu "
                                   "Wire, March 14, 2022, https://mogadishuwire.example.com/2022/03/14/afgooye-bomb.")


def test_citations_with_parts_missing() -> None:
    assert citation_text(Source(outlet="Reuters", date=date(2024, 1, 30), date_precision="day",
                                url="https://www.reuters.com/world/middle-east/")) == \
        "Reuters, January 30, 2024, https://www.reuters.com/world/middle-east/."
    assert citation_text(Source(title="Statement.")) == "“Statement.”"
    assert citation_text(Source(("A. One", "B. Two", "C. Three"), "T", date=date(2020, 10, 1),
                                date_precision="month")) == "A. One, B. Two, and C. Three, “T,” October 2020."


def test_dates_to_their_precision() -> None:
    assert long_date(date(2022, 3, 14)) == "March 14, 2022"
    assert long_date(date(2022, 3, 1), "month") == "March 2022"
    assert long_date(date(2022, 1, 1), "year") == "2022"


def test_the_same_piece_gets_one_number_and_its_fullest_record() -> None:
    book = NoteBook()
    same_url = Source(title="Roadside bomb kills 3 soldiers near Afgooye", url=WIRE.url)
    other = Source(title="Toll in Afgooye Convoy Attack Rises", outlet="East Africa Ledger")
    same_title = Source(("Daniel Otieno",), "Toll in Afgooye Convoy Attack Rises", None, date(2022, 3, 15),
                        "day")
    assert [book.number(s) for s in (same_url, other, WIRE, same_title)] == [1, 2, 1, 2]
    notes = book.notes()
    assert [n.number for n in notes] == [1, 2]
    assert notes[0].source.authors == ("Amina Yusuf",) and notes[0].source.outlet == "Mogadishu Wire"
    assert notes[1].text == ("Daniel Otieno, “Toll in Afgooye Convoy Attack Rises,” East Africa Ledger, "
                             "March 15, 2022.")


def test_a_note_nothing_could_be_parsed_from_keeps_its_words() -> None:
    raw = Source(raw="Statement of the spokesman of the Iraqi government, February 3, 2024")
    assert citation_text(raw) == "Statement of the spokesman of the Iraqi government, February 3, 2024."
    book = NoteBook()
    assert [book.number(raw), book.number(WIRE), book.number(raw)] == [1, 2, 1]
