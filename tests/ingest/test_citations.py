from __future__ import annotations

from datetime import date

from sitrep.ingest.citations import parse_note
from sitrep.model.citation import Citation


def _one(text: str) -> Citation:
    citations = parse_note(1, text, offset=0)
    assert len(citations) == 1, citations
    return citations[0]


def test_news_article_with_author_title_outlet_date_and_url() -> None:
    c = _one(
        "Nadia Korr, “Convoy Ambushed Near Tal Amar,” The Plains Courier, March 4, 2020, "
        "https://courier.example.com/2020/03/04/convoy.html."
    )
    assert c.authors == ("Nadia Korr",)
    assert c.title == "Convoy Ambushed Near Tal Amar"
    assert c.outlet == "The Plains Courier"
    assert (c.date, c.date_precision) == (date(2020, 3, 4), "day")
    assert c.url == "https://courier.example.com/2020/03/04/convoy.html"
    assert c.commentary is None


def test_several_authors_in_every_list_style() -> None:
    two = _one("Lia Brandt and Tomas K. Ek, “Traders Protest,” Harbour News, 4 May 2021.")
    three = _one("Ana Pires, Lee Park and Kim Cho, “Port Closed,” Harbour News, 2021-05-04.")
    oxford = _one("Ana Pires, Lee Park, and Kim Cho, “Port Closed,” Harbour News, May 4, 2021.")
    assert two.authors == ("Lia Brandt", "Tomas K. Ek")
    assert three.authors == oxford.authors == ("Ana Pires", "Lee Park", "Kim Cho")
    assert two.date == three.date == oxford.date == date(2021, 5, 4)


def test_report_with_a_month_and_year() -> None:
    c = _one(
        "See Frank W. Kane, “Threat Assessment: The Risks of Leaving the Valley at the End of 2019,” "
        "Centre for Frontier Studies, May 2019, http://frontier.example.org/kane-threat-may-2019."
    )
    assert c.authors == ("Frank W. Kane",)
    assert c.title == "Threat Assessment: The Risks of Leaving the Valley at the End of 2019"
    assert c.outlet == "Centre for Frontier Studies"
    assert (c.date, c.date_precision) == (date(2019, 5, 1), "month")
    assert c.commentary == "See"


def test_commentary_with_a_quotation_before_the_reference() -> None:
    text = (
        "Envoy Maria Lund cited the tests on June 5. “We are not guessing. These are foreign-made.” "
        "Lund added. Omar Sayeed, “Tests Show Foreign Rockets,” Delta Times, June 5, 2021, "
        "http://delta.example.com/tests.html."
    )
    c = _one(text)
    assert c.authors == ("Omar Sayeed",)
    assert c.title == "Tests Show Foreign Rockets"
    assert c.date == date(2021, 6, 5)
    assert c.commentary is not None and c.commentary.startswith("Envoy Maria Lund cited the tests")
    assert "Lund added." in c.commentary
    assert c.raw.startswith("Omar Sayeed") and c.raw.endswith("tests.html")


def test_according_to_quote_then_reference() -> None:
    c = _one(
        "According to Col. Reyes, “They found caches…They detained suspects.” Lee Park, "
        "“Raids in the South,” Valley Wire, July 1, 2022, http://valley.example.com/raids."
    )
    assert c.authors == ("Lee Park",)
    assert c.title == "Raids in the South"
    assert c.commentary is not None and c.commentary.startswith("According to Col. Reyes")


def test_two_sources_separated_by_a_semicolon() -> None:
    citations = parse_note(
        2,
        "Hana Lee, “Brigade Withdraws,” Mountain Post, April 9, 2022, http://post.example.com/a; "
        "Ravi Menon and Ed O’Neill, “Shelling Resumes,” Coastal Daily, April 16, 2022, "
        "http://daily.example.com/b.",
        offset=100,
    )
    assert [c.title for c in citations] == ["Brigade Withdraws", "Shelling Resumes"]
    assert citations[1].authors == ("Ravi Menon", "Ed O’Neill")
    assert [c.index for c in citations] == [0, 1]
    assert all(c.note == 2 for c in citations)


def test_two_sources_separated_by_a_url_then_a_new_author() -> None:
    text = (
        "Two other groups work with the Red Hand. See Mia Holt, “Update: Valley Militias,” "
        "Centre for Frontier Studies, August 16, 2019, http://frontier.example.org/files/militias.pdf. "
        "Leo Grant, “Amid Threat, Bases Tighten Security,” The Capital Post, July 13, 2019, "
        "http://capital.example.com/bases.html."
    )
    citations = parse_note(6, text, offset=0)
    assert len(citations) == 2
    first, second = citations
    assert first.url == "http://frontier.example.org/files/militias.pdf"
    assert first.commentary is not None and first.commentary.startswith("Two other groups")
    assert second.authors == ("Leo Grant",)
    assert second.raw.startswith("Leo Grant")
    assert second.date == date(2019, 7, 13)


def test_see_colon_url_alone_is_a_source_and_takes_the_commentary_before_it() -> None:
    text = (
        "Tom Hale, “Trade Target Raised,” Reuters, July 6, 2021, http://news.example.com/trade. "
        "A 2020 hearing heard that the envoy is an intelligence officer. "
        "See: http://hearings.example.gov/2020-04-13.html."
    )
    citations = parse_note(16, text, offset=0)
    assert len(citations) == 2
    assert citations[0].outlet == "Reuters" and citations[0].commentary is None
    assert citations[1].url == "http://hearings.example.gov/2020-04-13.html"
    assert citations[1].title is None and citations[1].date is None
    assert citations[1].commentary is not None and citations[1].commentary.startswith("A 2020 hearing")


def test_a_note_that_cites_nothing_still_yields_one_citation() -> None:
    c = _one("The ministry has not published the order.")
    assert c.commentary == "The ministry has not published the order."
    assert c.url is None and c.title is None


def test_a_note_with_only_a_site_url() -> None:
    c = _one("For background, see the work of the Frontier Centre at www.frontier.example.org.")
    assert c.url == "www.frontier.example.org"
    assert c.commentary is not None and c.commentary.startswith("For background")


def test_title_without_author_and_an_outlet_then_more_words_after_the_date() -> None:
    c = _one("“Governors Discuss Trade,” Valley Provincial TV, June 29, 2021, available at News Connection.")
    assert c.authors == ()
    assert c.title == "Governors Discuss Trade"
    assert c.outlet == "Valley Provincial TV"


def test_straight_quotes_italic_outlet_and_a_book_in_italics() -> None:
    article = _one('Lee Park, "Raid at Dawn," *The Harbour News*, 2020.')
    book = _one("Ana Pires, *Wars of the Valley* (London: Northgate Press, 2018).")
    assert (article.title, article.outlet, article.date_precision) == (
        "Raid at Dawn",
        "The Harbour News",
        "year",
    )
    assert (book.title, book.outlet, book.date) == ("Wars of the Valley", "Northgate Press", date(2018, 1, 1))


def test_reference_without_title_outlet_and_date() -> None:
    c = _one("Reuters, June 10, 2020.")
    assert (c.outlet, c.date) == ("Reuters", date(2020, 6, 10))


def test_spans_are_absolute_offsets_into_the_document() -> None:
    document = "[1] See Lee Park, “Raid,” Post, May 2, 2020, http://post.example.com/raid."
    offset = document.index("See")
    note = document[offset:]
    c = parse_note(1, note, offset=offset)[0]
    assert c.span.slice(document) == c.raw
    assert c.raw == "Lee Park, “Raid,” Post, May 2, 2020, http://post.example.com/raid"


def test_quoted_statement_followed_by_he_said_is_not_a_title() -> None:
    c = _one("“We will stay,” he said, according to Lee Park, “Raid,” Post, May 2, 2020.")
    assert c.title == "Raid"


def test_organisation_author_and_a_press_release_without_title() -> None:
    citations = parse_note(
        7,
        "U.S. Department of Energy, “Statement on the Pipeline,” February 2, 2024, "
        "https://energy.example.gov/a; "
        "Harbour Command, press release, February 7, 2024, https://command.example.mil/releases/.",
        offset=0,
    )
    assert citations[0].authors == ("U.S. Department of Energy",)
    assert citations[1].outlet == "Harbour Command"
    assert citations[1].date == date(2024, 2, 7) and citations[1].title is None


def test_authors_after_the_notes_own_words() -> None:
    c = _one("For the longer pattern, see Mia Holt, “Back Into the Shadows?” Delta Review, October 2020.")
    assert c.authors == ("Mia Holt",)
    assert c.title == "Back Into the Shadows?"
    assert c.commentary == "For the longer pattern, see"


def test_bibliography_style_with_the_surname_first() -> None:
    c = _one('Holt, Mia. "Raids in the South." Valley Wire, 2 May 2021, http://valley.example.com/raids.')
    assert c.authors == ("Holt, Mia",)
    assert c.title == "Raids in the South"
    assert c.outlet == "Valley Wire"


def test_a_title_wrapped_over_two_lines_reads_as_one_line() -> None:
    c = _one("Ana Pires, “A Long Title About the Quiet\nDelta,” Delta Times, May 2, 2020.")
    assert c.title == "A Long Title About the Quiet Delta"
