from __future__ import annotations

import pytest

from sitrep.analysis.spelling import name_key, variant_edits


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fennick", "Fenick"),  # a doubled letter
        ("Zarqan Force", "Zerqan Force"),  # a vowel in one word of a longer name
        ("Ansar al Wadi", "Ansar al-Wadi"),  # a hyphen for a space
        ("Jama’at Valley", "Jamaat Valley"),  # an apostrophe
        ("Harvest Day Brigade", "Harvest Day Brigades"),  # the plural of the head
        ("Marvestan", "Mervaestan"),  # two vowels in a long name
        ("Dervallah", "Dirvallah"),
    ],
)
def test_spelling_variants(a: str, b: str) -> None:
    assert variant_edits(a, b) is not None
    assert variant_edits(b, a) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Iraq", "Iran"),  # too short to tell, and a consonant
        ("Austria", "Australia"),  # two consonants
        ("Jeffrey", "Jeffries"),
        ("Baghdad", "Baghdadi"),  # a suffix makes another word
        ("American", "Americans"),  # a one-word plural is a common noun or a people
        ("Kabulistan", "Rabulistan"),  # another first letter
        ("Brigades", "Brigades"),  # the same spelling
        ("O’Keefe Mills", "O’ Keefe Mills"),  # only a stray space
    ],
)
def test_different_names_or_the_same_spelling_are_not_variants(a: str, b: str) -> None:
    assert variant_edits(a, b) is None


def test_name_key_ignores_case_curly_apostrophes_and_spacing() -> None:
    assert name_key("Jama’at  Valley") == name_key("jama'at valley")
