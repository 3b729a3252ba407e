from __future__ import annotations

from datetime import date

import pytest

from sitrep.analysis.audit import AuditReport, audit, normalise_url, repeated_sources
from sitrep.analysis.variants import name_variants
from sitrep.ingest.notes import read_notes
from sitrep.model.citation import Citation
from sitrep.model.document import Boilerplate, Document
from sitrep.model.reading import Reading
from sitrep.model.span import Span

REPORT = """\
Smuggling on the Eastern Frontier

Militias loyal to Iran are moving weapons into Iraq through the Mehran crossing.[1] The Sons of \
Harvest Brigades, backed by Iran's Revolutionary Guard, attacked a customs post near Mehran on \
February 12.[2] Colonel Dario Fennick said the attackers used rockets.[3] Iraqi officials in Baghdad \
and Iranian officials in Tehran traded accusations.[4] Col. Fenick added that the post would be \
reinforced.[6]

The Ansar al-Wadi militia denied any role in the attack.[7] Ansar al Wadi has fought in Iraq before.[7]

[1] Dana Whitfield, “Smugglers Tighten Grip on the Eastern Border,” The Daily Ledger, February 2, 2019, \
https://ledger.example.com/2019/02/02/smugglers.
[2] Samir Haddad, “Customs Post Attacked Near Mehran,” Frontier Wire, February 13, 2019, \
https://frontierwire.example.net/mehran-attack. The group calls itself the Sons of Harvest Brigade.
[3] Dana Whitfield, “Smugglers Tighten Grip on Eastern Border,” The Daily Ledger, February 2, 2019.
[4] Lena Ortiz, “Accusations Fly Between Baghdad and Tehran,” Gulf Monitor, February 20, 2019, \
http://www.gulfmonitor.example.org/accusations/.
[5] Lena Ortiz, “Accusations Fly,” Gulf Monitor, February 20, 2019, https://gulfmonitor.example.org/accusations.
[7] Priya Raman, “Who Are Ansar al-Wadi?” Regional Security Review, May 2018.
Share this article
"""


def _reading(text: str) -> Reading:
    trailer = text.index("Share this article")
    boilerplate = (
        Boilerplate("trailer", Span(trailer, trailer + len("Share this article")), "Share this article"),
    )
    notes = read_notes(text, skip=[b.span for b in boilerplate])
    document = Document(text=text, source="report.txt", media_type="text/plain")
    return Reading(document=document, boilerplate=boilerplate, notes=notes)


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return audit(_reading(REPORT))


def test_marker_without_a_note_and_note_without_a_marker(report: AuditReport) -> None:
    assert report.markers_without_note == (6,)
    assert report.notes_without_marker == (5,)


def test_repeated_sources_match_by_url_or_by_a_title_spelled_slightly_differently(
    report: AuditReport,
) -> None:
    assert [r.notes for r in report.repeated_sources] == [(1, 3), (4, 5)]
    first = report.repeated_sources[0]
    assert first.url == "https://ledger.example.com/2019/02/02/smugglers"
    assert first.title is not None and first.title.startswith("Smugglers Tighten Grip")


def test_boilerplate_is_reported_as_found(report: AuditReport) -> None:
    assert [b.text for b in report.boilerplate] == ["Share this article"]


def test_names_spelled_two_ways_are_reported_once_each(report: AuditReport) -> None:
    pairs = {frozenset((v.a, v.b)) for v in report.name_variants}
    assert frozenset(("Fennick", "Fenick")) in pairs
    assert frozenset(("Sons of Harvest Brigades", "Sons of Harvest Brigade")) in pairs
    assert frozenset(("Ansar al-Wadi", "Ansar al Wadi")) in pairs
    assert len(pairs) == len(report.name_variants) == 3


def test_variant_counts_and_spans_point_at_the_first_use(report: AuditReport) -> None:
    fennick = next(v for v in report.name_variants if "Fennick" in (v.a, v.b))
    assert fennick.counts == (1, 1)
    assert fennick.spans[0].slice(REPORT) == fennick.a
    assert fennick.spans[1].slice(REPORT) == fennick.b


def test_different_places_that_look_alike_are_not_paired(report: AuditReport) -> None:
    names = {name for v in report.name_variants for name in (v.a, v.b)}
    assert not names & {"Iraq", "Iran", "Iraqi", "Iranian"}


def test_the_rarer_spelling_is_paired_with_the_most_frequent_one() -> None:
    text = (
        "The Zarqan Force raided the port. The Zarqan Force withdrew. Officials said the Zarqan Force "
        "would return. A leaflet named the Zerqan Force. Smugglers feared Zerqan Forces and said "
        "Zerqan Forces would come back."
    )
    variants = name_variants(text)
    assert [(v.a, v.b) for v in variants] == [("Zarqan Force", "Zerqan Force")]
    assert variants[0].counts == (3, 1)


def test_a_full_name_and_a_surname_that_lost_a_letter() -> None:
    text = (
        "The head of the trade commission, Karim Hossein Tabr, announced a new target on Monday. "
        "A 2019 hearing found that Tabri is an intelligence officer."
    )
    pairs = [(v.a, v.b) for v in name_variants(text)]
    assert pairs == [("Karim Hossein Tabr", "Tabri")]


def test_normalise_url_ignores_scheme_www_and_trailing_slash() -> None:
    assert normalise_url("http://www.Example.org/a/") == normalise_url("https://example.org/a")
    assert normalise_url("https://example.org/a") != normalise_url("https://example.org/b")


def test_same_title_on_another_day_is_another_piece() -> None:
    def cite(note: int, day: int) -> Citation:
        return Citation(
            note, 0, Span(0, 1), "x", title="Weekly Border Security Update", date=date(2020, 1, day)
        )

    assert repeated_sources([cite(1, 1), cite(2, 8)]) == ()
    assert [r.notes for r in repeated_sources([cite(1, 1), cite(2, 1)])] == [(1, 2)]


def test_a_section_page_cited_for_two_statements_is_not_one_source() -> None:
    url = "https://ministry.example.gov/news/releases/"
    first = Citation(3, 0, Span(0, 1), "x", title="Minister Condemns Attack on Convoy", url=url)
    second = Citation(5, 0, Span(0, 1), "x", title="Ministry Names Soldiers Killed", url=url)
    assert repeated_sources([first, second]) == ()
