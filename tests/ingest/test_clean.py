from __future__ import annotations

import pytest

from sitrep.ingest.clean import find_boilerplate

SCRAPED = (
    "Medics carry supplies past the ruined clinic in Harrat\n\n"
    "June 9, 2016\n\n"
    "Field Hospitals Under Pressure\n\n"
    "Medics carry supplies past the ruined clinic in Harrat. (Source: Relief Agency Image Bank)\n\n"
    "Medics in Harrat treated forty patients a day in May, past the ruined clinic.[1]\n\n"
    "[1] Agency situation report, June 1, 2016.\n"
    "View Citations\n"
)


def marks(text: str) -> list[tuple[str, str]]:
    return [(mark.kind, mark.text) for mark in find_boilerplate(text)]


def test_repeated_caption_its_credit_and_the_trailer_are_marked() -> None:
    assert marks(SCRAPED) == [
        ("caption", "Medics carry supplies past the ruined clinic in Harrat"),
        ("caption", "Medics carry supplies past the ruined clinic in Harrat."),
        ("credit", "(Source: Relief Agency Image Bank)"),
        ("trailer", "View Citations"),
    ]


def test_spans_cover_exactly_the_marked_text() -> None:
    text = SCRAPED.replace("\n", "\r\n")
    for mark in find_boilerplate(text):
        assert mark.span.slice(text) == mark.text
        assert mark.text == mark.text.strip()


def test_body_sentence_sharing_words_with_a_heading_is_not_marked() -> None:
    text = (
        "Medics carry supplies\n\n"
        "Medics carry supplies across the river every morning, officials said. (Source: interviews)\n\n"
        "The clinic reopened.\n"
    )
    assert marks(text) == []


def test_source_in_a_body_sentence_is_not_a_credit() -> None:
    assert marks("Casualties rose by a fifth in 2015 (Source: UN monitoring mission).\n") == []


def test_caption_joined_to_the_first_body_paragraph_marks_only_caption_and_credit() -> None:
    text = (
        "Smoke rises over the depot at Kessa\n\n"
        "Smoke rises over the depot at Kessa. (Photo: Wire Pool) The depot burned for two days.\n"
    )
    assert marks(text) == [
        ("caption", "Smoke rises over the depot at Kessa"),
        ("caption", "Smoke rises over the depot at Kessa."),
        ("credit", "(Photo: Wire Pool)"),
    ]


def test_credit_on_its_own_line_after_a_repeated_caption() -> None:
    text = "Rangers at the park gate\n\nBody.\n\nRangers at the park gate\n(Photo: Park Service)\n"
    assert marks(text) == [
        ("caption", "Rangers at the park gate"),
        ("caption", "Rangers at the park gate"),
        ("credit", "(Photo: Park Service)"),
    ]


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Guards at the gate.", "(Photo: Frontier Pool)"),
        ("Guards at the gate.", "(AP Photo/Jo Lind)"),
        ("Guards at the gate.", "(Getty Images)"),
        ("Guards at the gate.", "Photo by Jo Lind"),
        ("Guards at the gate.", "Image: Frontier Pool"),
        ("Guards at the gate", "(Credit: Jo Lind)"),
    ],
)
def test_short_paragraph_closed_by_a_photo_credit_is_a_caption(caption: str, credit: str) -> None:
    text = f"Title\n\n{caption} {credit}\n\nBody text.\n"
    assert marks(text) == [("caption", caption), ("credit", credit)]


@pytest.mark.parametrize(
    "line", ["Photo credit: Jo Lind", "Getty Images", "Jo Lind/Getty Images", "Courtesy of the museum"]
)
def test_credit_lines_are_marked_whole(line: str) -> None:
    assert marks(f"Body text.\n{line}\n") == [("credit", line)]


def test_photo_credit_inside_a_long_paragraph_marks_the_credit_only() -> None:
    body = "The brigade moved north over three nights and secured the valley roads. " * 6
    text = f"{body}(Photo: Brigade Media)\n"
    assert marks(text) == [("credit", "(Photo: Brigade Media)")]


@pytest.mark.parametrize(
    "line",
    [
        "View Citations",
        "Share this",
        "Share this article",
        "SHARE",
        "Print",
        "Back to top ↑",
        "Related articles",
        "Read more »",
        "Continue reading",
        "Subscribe to our daily briefing",
        "Click here to download the full report",
        "Advertisement",
        "© 2016 Valley Dispatch",
        "All rights reserved.",
    ],
)
def test_site_chrome_lines_are_trailers(line: str) -> None:
    assert marks(f"Body text.\n{line}\n") == [("trailer", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Read more about the talks in our earlier report.",
        "Print media were banned from the hearing.",
        "Subscribers received the warning a day early, officials said.",
        "Copyright law was amended in 2015.",
    ],
)
def test_body_lines_that_start_like_chrome_are_not_marked(line: str) -> None:
    assert marks(f"{line}\n") == []


@pytest.mark.parametrize(
    "line",
    ["Home > World > Middle East", "Home | About | Contact", "Home » News", "News › Africa › Sahel"],
)
def test_breadcrumbs_and_menus_are_navigation(line: str) -> None:
    assert marks(f"{line}\n\nBody text.\n") == [("navigation", line)]


@pytest.mark.parametrize(
    "text",
    [
        "Name | Unit | Town\n--- | --- | ---\nAli | 3rd | Kessa\n",
        "Attacks rose > 40 in May > 30 in June\n",
        "The order of events was arrest > trial. Then appeal > release > exile.\n",
    ],
)
def test_tables_and_prose_with_separators_are_not_navigation(text: str) -> None:
    assert marks(text) == []


def test_text_with_nothing_to_mark_gives_nothing() -> None:
    assert find_boilerplate("A plain report.\n\nWith two paragraphs.\n") == ()
    assert find_boilerplate("") == ()


def test_photo_credit_is_found_after_a_source_in_the_same_line() -> None:
    text = "Prices rose (Source: Trade Office). Stalls at the market. (Photo: Jo Lind)\n"
    assert ("credit", "(Photo: Jo Lind)") in marks(text)
    assert ("credit", "(Source: Trade Office)") not in marks(text)
