from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sitrep.errors import EmptyInput, MalformedInput
from sitrep.ingest.readers import read_source
from sitrep.ingest.readers.pdf import read_pdf

MakePdf = Callable[..., bytes]


def test_two_pages_are_joined_with_a_blank_line_and_each_page_has_its_span(make_pdf: MakePdf) -> None:
    data = make_pdf(["Page one reports shelling.", "Page two reports a ceasefire."])
    document = read_pdf(data, source="two.pdf")
    assert document.text == "Page one reports shelling.\n\nPage two reports a ceasefire."
    assert [page.number for page in document.pages] == [1, 2]
    assert [page.span.slice(document.text) for page in document.pages] == [
        "Page one reports shelling.",
        "Page two reports a ceasefire.",
    ]
    assert document.media_type == "application/pdf"


def test_pdf_metadata_gives_title_author_and_date(make_pdf: MakePdf) -> None:
    data = make_pdf(
        ["Body text."],
        title="Quarterly Border Review",
        author="Lena Sato",
        created=datetime(2014, 2, 3, 12, 0, tzinfo=UTC),
    )
    document = read_pdf(data, source="review.pdf")
    assert document.title == "Quarterly Border Review"
    assert document.authors == ("Lena Sato",)
    assert document.published == date(2014, 2, 3)


def test_without_metadata_the_title_is_guessed_from_the_first_line(make_pdf: MakePdf) -> None:
    document = read_pdf(make_pdf(["Field Report Nine\nThe patrol returned."]), source="f.pdf")
    assert document.title == "Field Report Nine"


def test_authoring_tool_placeholder_titles_are_ignored(make_pdf: MakePdf) -> None:
    data = make_pdf(["Actual Heading\nBody."], title="Microsoft Word - draft3.docx")
    assert read_pdf(data, source="d.pdf").title == "Actual Heading"


def test_truncated_pdf_is_malformed_input_naming_it(make_pdf: MakePdf, tmp_path: Path) -> None:
    data = make_pdf(["Page one.", "Page two."])
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(MalformedInput, match=f"^{re.escape(str(path))}: PDF is truncated"):
        read_source(str(path))


def test_corrupt_pdf_body_is_malformed_input(make_pdf: MakePdf) -> None:
    data = make_pdf(["Page one."])
    corrupt = data[:9] + b"\x00garbage\x00" * 40 + b"\n%%EOF\n"
    with pytest.raises(MalformedInput, match=r"^bad\.pdf: PDF could not be parsed"):
        read_pdf(corrupt, source="bad.pdf")


def test_a_pdf_named_file_that_is_not_a_pdf_is_malformed_input(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("I am a text file.", encoding="utf-8")
    with pytest.raises(MalformedInput, match="not a PDF file"):
        read_source(str(path))


def test_password_protected_pdf_is_malformed_input(make_pdf: MakePdf) -> None:
    data = make_pdf(["Secret page."], password="letmein")
    with pytest.raises(MalformedInput, match=r"^locked\.pdf: PDF is encrypted with a password"):
        read_pdf(data, source="locked.pdf")


def test_pdf_without_a_text_layer_is_empty_input(make_pdf: MakePdf) -> None:
    with pytest.raises(EmptyInput, match="no text layer"):
        read_pdf(make_pdf([""]), source="scan.pdf")


def test_empty_pdf_file_is_empty_input(tmp_path: Path) -> None:
    path = tmp_path / "zero.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyInput, match=f"^{re.escape(str(path))}: is empty"):
        read_source(str(path))


def test_pdf_is_recognised_by_its_signature_whatever_its_name(make_pdf: MakePdf, tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(make_pdf(["Signature wins."]))
    [document] = read_source(str(path))
    assert document.media_type == "application/pdf"
    assert document.text == "Signature wins."
