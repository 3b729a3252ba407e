from __future__ import annotations

from sitrep.ingest.sentences import ends_abbreviation, split_sentences
from sitrep.model.span import Span


def _texts(text: str) -> list[str]:
    return [span.slice(text) for span in split_sentences(text)]


def test_marker_after_the_full_stop_belongs_to_the_sentence_it_cites() -> None:
    text = "Rebels killed 3 soldiers.[5] Next came a lull.[6] It held."
    assert _texts(text) == ["Rebels killed 3 soldiers.[5]", "Next came a lull.[6]", "It held."]


def test_marker_before_the_full_stop_and_caret_and_superscript_markers() -> None:
    text = "Rebels killed 3 soldiers[5]. Police arrived.^6 A truce followed.² Talks resumed."
    assert _texts(text) == [
        "Rebels killed 3 soldiers[5].",
        "Police arrived.^6",
        "A truce followed.²",
        "Talks resumed.",
    ]


def test_titles_initials_and_dotted_abbreviations_do_not_end_a_sentence() -> None:
    text = (
        "Gen. Arlo Venn met Dr. Mira K. Osei on Jan. 5 at the U.S. Army base. "
        "Sgt. Bo Lutz of the U.N. mission agreed."
    )
    assert _texts(text) == [
        "Gen. Arlo Venn met Dr. Mira K. Osei on Jan. 5 at the U.S. Army base.",
        "Sgt. Bo Lutz of the U.N. mission agreed.",
    ]


def test_dotted_abbreviation_before_a_sentence_opener_ends_the_sentence() -> None:
    text = "The talks took place in the U.S. The delegates then left."
    assert _texts(text) == ["The talks took place in the U.S.", "The delegates then left."]


def test_decimals_numbers_and_lower_case_continuations_stay_in_one_sentence() -> None:
    text = "Prices rose 3.5 percent in No. 4 district, approx. five times more. Traders left."
    assert _texts(text) == [
        "Prices rose 3.5 percent in No. 4 district, approx. five times more.",
        "Traders left.",
    ]


def test_closing_quote_goes_with_the_sentence_it_ends() -> None:
    text = "The envoy said “We will not leave.” Officials doubted it. He asked: “Why?” Nobody answered."
    assert _texts(text) == [
        "The envoy said “We will not leave.”",
        "Officials doubted it.",
        "He asked: “Why?”",
        "Nobody answered.",
    ]


def test_ellipsis_inside_a_quotation_does_not_split() -> None:
    text = "He said the raids “found caches… They are disrupting networks.” Then he left."
    assert _texts(text) == [
        "He said the raids “found caches… They are disrupting networks.”",
        "Then he left.",
    ]


def test_blank_lines_list_items_and_headings_always_end_a_sentence() -> None:
    text = "# Border report\nA heading has no full stop\n\nSecond paragraph\n- first item\n- second item"
    assert _texts(text) == [
        "# Border report",
        "A heading has no full stop",
        "Second paragraph",
        "- first item",
        "- second item",
    ]


def test_a_sentence_never_covers_a_skipped_span() -> None:
    text = "Guards patrol the pass. (Photo: Agency) Smugglers fled at dawn."
    credit = text.index("(Photo")
    skip = [Span(credit, credit + len("(Photo: Agency)"))]
    spans = split_sentences(text, skip=skip)
    assert [s.slice(text) for s in spans] == ["Guards patrol the pass.", "Smugglers fled at dawn."]
    assert not any(s.overlaps(skip[0]) for s in spans)


def test_start_and_end_bound_the_split_and_offsets_point_into_the_text() -> None:
    text = "Title line\n\nOne sentence here. Another one.\n\n[1] A note."
    end = text.index("[1]")
    spans = split_sentences(text, start=text.index("One"), end=end)
    assert [s.slice(text) for s in spans] == ["One sentence here.", "Another one."]
    assert all(s.end <= end for s in spans)


def test_non_breaking_space_after_a_marker_counts_as_whitespace() -> None:
    text = "The militia withdrew.[19]\xa0 The army moved in."
    assert _texts(text) == ["The militia withdrew.[19]", "The army moved in."]


def test_ends_abbreviation_tells_initials_from_sentence_ends() -> None:
    text = "Frank W. Kane wrote it in 2011. Then"
    assert ends_abbreviation(text, text.index("W.") + 1)
    assert not ends_abbreviation(text, text.index("2011.") + 4)
