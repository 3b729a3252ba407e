from __future__ import annotations

from sitrep.ingest.notes import read_notes
from sitrep.model.span import Span

BRACKETED = """\
Raids on the Northern Road

Gunmen ambushed a convoy near Tal Amar on March 3, killing 4 drivers.[1] The Red Hand claimed it.[2] \
Officials blamed smugglers[3]. A second raid followed.[5]

Notes
[1] Nadia Korr, “Convoy Ambushed Near Tal Amar,” The Plains Courier, March 4, 2020, https://courier.example.com/a.
[2] “Red Hand Claims Ambush,” Valley Wire, March 5, 2020.
[3] See the ministry statement at www.ministry.example.gov/statement.
[4] Interview with a customs officer, March 2020.
Share this article
"""


def test_bracketed_notes_after_a_heading_are_the_notes_section() -> None:
    reading = read_notes(BRACKETED)
    assert [n.number for n in reading.notes] == [1, 2, 3, 4]
    assert reading.section is not None
    assert reading.section.slice(BRACKETED).startswith("Notes\n[1] Nadia Korr")
    assert reading.notes[1].text == "“Red Hand Claims Ambush,” Valley Wire, March 5, 2020."
    assert reading.notes[0].span.slice(BRACKETED) == reading.notes[0].text
    assert reading.notes[0].citations[0].authors == ("Nadia Korr",)


def test_markers_link_to_the_sentence_that_carries_them() -> None:
    reading = read_notes(BRACKETED)
    assert [m.number for m in reading.markers] == [1, 2, 3, 5]
    by_number = {m.number: m.sentence.slice(BRACKETED) for m in reading.markers}
    assert by_number[1].startswith("Gunmen ambushed") and by_number[1].endswith("4 drivers.[1]")
    assert by_number[2] == "The Red Hand claimed it.[2]"
    assert by_number[3] == "Officials blamed smugglers[3]."
    assert all(m.span.slice(BRACKETED) == f"[{m.number}]" for m in reading.markers)


def test_sentences_are_the_body_only() -> None:
    reading = read_notes(BRACKETED)
    assert reading.section is not None
    assert all(s.end <= reading.section.start for s in reading.sentences)
    assert reading.sentences[0].slice(BRACKETED) == "Raids on the Northern Road"


def test_numbered_list_in_the_body_is_not_the_notes_section() -> None:
    text = (
        "The council agreed three steps:\n"
        "1. Close the border crossing.\n"
        "2. Double the patrols.\n"
        "3. Review the permits.\n\n"
        "The steps began on May 2.^1 Traders protested.^2\n\n"
        "Endnotes\n\n"
        "1. Omar Sayeed, “Council Shuts Crossing,” Delta Times, May 3, 2021.\n"
        "2. Lia Brandt and Tomas Ek, “Traders Protest,” Harbour News, May 2021.\n"
    )
    reading = read_notes(text)
    assert [n.number for n in reading.notes] == [1, 2]
    assert reading.notes[0].text.startswith("Omar Sayeed")
    assert [m.number for m in reading.markers] == [1, 2]


def test_numbered_items_that_do_not_look_like_references_are_not_notes() -> None:
    text = "We recommend:\n1. Close the crossing.\n2. Double the patrols.\n3. Review permits.\n"
    reading = read_notes(text)
    assert reading.section is None and reading.notes == ()


def test_markdown_footnotes_and_markers() -> None:
    text = (
        "The brigade withdrew from the valley.[^1] Shelling resumed a week later.[^2]\n\n"
        "[^1]: Hana Lee, “Brigade Withdraws,” Mountain Post, April 9, 2022.\n"
        "[^2]: See: https://monitor.example.org/shelling\n"
    )
    reading = read_notes(text)
    assert [n.number for n in reading.notes] == [1, 2]
    assert [m.number for m in reading.markers] == [1, 2]
    assert reading.notes[1].citations[0].url == "https://monitor.example.org/shelling"


def test_caret_notes_and_wrapped_note_lines() -> None:
    text = (
        "Fighting spread to the port.^1 Aid stopped.^2\n\n"
        "^1 Ravi Menon, “Fighting Reaches Port,” Coastal Daily,\n"
        "   June 1, 2023.\n"
        "^2 Relief Agency bulletin, June 2023.\n"
    )
    reading = read_notes(text)
    assert [n.number for n in reading.notes] == [1, 2]
    assert reading.notes[0].text.endswith("June 1, 2023.")
    assert reading.notes[0].citations[0].date_precision == "day"


def test_sic_years_large_numbers_and_url_brackets_are_not_markers() -> None:
    text = (
        "He called it a victroy [sic] in [2011].[1] The file is at https://x.example.com/a[2]b "
        "and item [450] is unrelated.\n\n"
        "[1] Ana Pires, “Victory Claimed,” Daily Star, 2011.\n"
        "[2] Ana Pires, “Second Claim,” Daily Star, 2012.\n"
    )
    reading = read_notes(text)
    assert [m.number for m in reading.markers] == [1]


def test_boilerplate_after_the_notes_is_ignored() -> None:
    text = (
        "A raid took place.[1]\n\n[1] Lee Park, “Raid,” Post, 2020.\n[2] Kim Cho, “Aftermath,” Post, 2020.\n"
    )
    trailer = "Related stories\nSubscribe now\n"
    full = text + trailer
    skip = [Span(len(text), len(full) - 1)]
    reading = read_notes(full, skip=skip)
    assert [n.number for n in reading.notes] == [1, 2]
    assert reading.section is not None and reading.section.end <= len(text)


def test_missing_note_and_note_without_marker_are_kept_as_they_are() -> None:
    text = (
        "First claim.[1] Second claim.[3]\n\n"
        "[1] A. Smith, “One,” Post, 2020.\n[2] B. Jones, “Two,” Post, 2020.\n"
    )
    reading = read_notes(text)
    assert [n.number for n in reading.notes] == [1, 2]
    assert [m.number for m in reading.markers] == [1, 3]


def test_text_without_notes() -> None:
    text = "Nothing here is sourced. It is a plain paragraph."
    reading = read_notes(text)
    assert reading.section is None
    assert reading.notes == () and reading.markers == ()
    assert len(reading.sentences) == 2


def test_superscript_markers_with_numbered_notes() -> None:
    text = (
        "Troops crossed the river.¹ Villages emptied.²\n\n"
        "Notes\n1. Field report, May 2020.\n2. Aid report, May 2020.\n"
    )
    reading = read_notes(text)
    assert [m.number for m in reading.markers] == [1, 2]
    assert [n.number for n in reading.notes] == [1, 2]


def test_square_metres_are_not_markers() -> None:
    text = "The camp covers 40 km² of desert.[1]\n\n[1] Survey, 2020.\n[2] Survey, 2021.\n"
    reading = read_notes(text)
    assert [m.number for m in reading.markers] == [1]
