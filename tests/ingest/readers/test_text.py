from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import BinaryInput, EmptyInput, InputError, TooLarge, UnsupportedInput
from sitrep.ingest.readers import ReadOptions, read_source
from sitrep.ingest.readers.text import markdown_title, parse_date_line, read_text

CAPTIONED = (
    "Engineers repair the pontoon bridge at Dawr\n\n"
    "March 3, 2010\n\n"
    "Bridges Back In Service Along The River\n\n"
    "By Mara Quill and Tomas Rehn\n\n"
    "Engineers repair the pontoon bridge at Dawr. (Source: Corps Photo Library)\n\n"
    "The engineering corps reopened two crossings this week.[1]\n\n"
    "[1] Corps bulletin, March 2, 2010.\n"
    "View Citations\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def test_plain_text_is_kept_exactly_as_decoded(tmp_path: Path) -> None:
    text = "Line one.\r\n\r\n  Indented line two.  \n"
    [document] = read_source(write(tmp_path, "a.txt", text))
    assert document.text == text
    assert document.media_type == "text/plain"


def test_a_caption_above_the_headline_is_skipped_for_the_title() -> None:
    document = read_text(CAPTIONED.encode(), source="bridges.txt")
    assert document.title == "Bridges Back In Service Along The River"
    assert document.published == date(2010, 3, 3)
    assert document.authors == ("Mara Quill", "Tomas Rehn")
    assert [mark.kind for mark in document.boilerplate] == ["caption", "caption", "credit", "trailer"]


def test_the_first_short_line_is_the_title() -> None:
    document = read_text(b"Weekly Security Summary\n\nIncidents fell in the south.\n", source="s.txt")
    assert document.title == "Weekly Security Summary"
    assert document.published is None


def test_a_text_opening_with_a_long_paragraph_has_no_title() -> None:
    opening = "Incidents fell in the south " * 10
    document = read_text(f"{opening}\n\nShort line\n".encode(), source="s.txt")
    assert document.title is None


def test_a_date_further_down_is_not_the_publication_date() -> None:
    lines = "\n".join(f"Paragraph {n} of the body." for n in range(12))
    document = read_text(f"Title\n{lines}\nJuly 13, 2011\n".encode(), source="s.txt")
    assert document.published is None


def test_a_sentence_starting_with_by_is_not_a_byline() -> None:
    document = read_text(b"Title\n\nBy the time the patrol arrived, the road was clear.\n", source="s.txt")
    assert document.authors == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("July 13, 2011", date(2011, 7, 13)),
        ("Jul. 13, 2011", date(2011, 7, 13)),
        ("Sept. 4, 2012", date(2012, 9, 4)),
        ("13 July 2011", date(2011, 7, 13)),
        ("2011-07-13", date(2011, 7, 13)),
        ("Published: 2011-07-13", date(2011, 7, 13)),
        ("Tuesday, July 12, 2011", date(2011, 7, 12)),
        ("July 1st, 2011", date(2011, 7, 1)),
        ("2011-07-13T08:30:00Z", date(2011, 7, 13)),
        ("In July 2011 the army moved.", None),
        ("Chapter 3", None),
    ],
)
def test_date_lines_are_recognised(line: str, expected: date | None) -> None:
    assert parse_date_line(line) == expected


def test_markdown_keeps_its_text_and_takes_the_first_level_one_heading(tmp_path: Path) -> None:
    text = "2011-07-13\n\n# Militia Moves North\n\nBody with *emphasis*.\n\n## Background\n"
    [document] = read_source(write(tmp_path, "brief.md", text))
    assert document.text == text
    assert document.media_type == "text/markdown"
    assert document.title == "Militia Moves North"
    assert document.published == date(2011, 7, 13)


def test_markdown_underlined_title_is_read() -> None:
    assert markdown_title("Militia Moves North\n===================\n\nBody.\n") == "Militia Moves North"


def test_yaml_front_matter_gives_the_metadata() -> None:
    text = (
        "---\n"
        "title: Port Closure Assessment\n"
        "date: 2012-05-06\n"
        "author: [Ines Varga, Olu Benn]\n"
        "publisher: Harbour Monitor\n"
        "url: https://monitor.example.org/port\n"
        "---\n"
        "Harbour traffic stopped on Friday.\n"
    )
    document = read_text(text.encode(), source="port.md", media_type="text/markdown")
    assert document.text == text
    assert document.title == "Port Closure Assessment"
    assert document.published == date(2012, 5, 6)
    assert document.authors == ("Ines Varga", "Olu Benn")
    assert document.publisher == "Harbour Monitor"
    assert document.url == "https://monitor.example.org/port"


@pytest.mark.parametrize("block", [": : [unclosed", "- a list\n- not a mapping"])
def test_front_matter_that_is_not_a_yaml_mapping_is_left_as_body(block: str) -> None:
    text = f"---\n{block}\n---\nBody line.\n"
    document = read_text(text.encode(), source="odd.txt")
    assert document.text == text
    assert (document.publisher, document.url, document.published) == (None, None, None)


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    [document] = read_source(write(tmp_path, "quote.txt", "He said “enough” – then left.\n".encode("cp1252")))
    assert document.text == "He said “enough” – then left.\n"


def test_empty_file_is_empty_input_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.txt", b"")
    with pytest.raises(EmptyInput) as caught:
        read_source(path)
    assert str(caught.value).startswith(path)


def test_binary_junk_is_binary_input(tmp_path: Path) -> None:
    path = write(tmp_path, "junk.txt", bytes(range(256)) * 8)
    with pytest.raises(BinaryInput, match=re.escape(path)):
        read_source(path)


def test_file_over_the_cap_is_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", b"word " * 100)
    with pytest.raises(TooLarge, match=f"{re.escape(path)}: is 500 bytes, over the 100 bytes cap"):
        read_source(path, options=ReadOptions(max_bytes=100))


def test_missing_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    path = str(tmp_path / "nowhere.txt")
    with pytest.raises(InputError, match=f"{re.escape(path)}: no such file or directory"):
        read_source(path)


def test_unknown_extension_is_unsupported_and_lists_readable_types(tmp_path: Path) -> None:
    path = write(tmp_path, "sheet.xlsx", b"PK\x03\x04")
    with pytest.raises(UnsupportedInput, match=r"unsupported file type '\.xlsx'; readable types: .*\.pdf"):
        read_source(path)


def test_a_directory_is_unsupported_by_read_source(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedInput, match="is a directory"):
        read_source(str(tmp_path))


def test_file_without_extension_that_starts_like_html_is_read_as_html(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><body><p>Patrols resumed on the northern road after the storm.</p></body>"
    [document] = read_source(write(tmp_path, "saved-page", page))
    assert document.media_type == "text/html"
    assert document.text == "Patrols resumed on the northern road after the storm."


def test_standard_input_is_read_as_text_by_default() -> None:
    [document] = read_source("-", stdin=io.BytesIO(b"Piped Title\n\nPiped body.\n"))
    assert document.source == "-"
    assert document.title == "Piped Title"


def test_standard_input_over_the_cap_is_too_large() -> None:
    with pytest.raises(TooLarge, match=r"^-: is more than 10 bytes"):
        read_source("-", options=ReadOptions(max_bytes=10), stdin=io.BytesIO(b"x" * 50))


def test_a_hash_line_deep_in_markdown_is_not_the_title() -> None:
    body = "\n\n".join(f"Paragraph {n} of the assessment." for n in range(12))
    text = f"Assessment Of The Crossing\n\n{body}\n\n```\n# a code comment\n```\n"
    document = read_text(text.encode(), source="a.md", media_type="text/markdown")
    assert document.title == "Assessment Of The Crossing"
