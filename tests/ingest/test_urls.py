from __future__ import annotations

from sitrep.ingest.urls import find_urls


def _urls(text: str) -> list[str]:
    return [text[a:b] for a, b in find_urls(text)]


def test_sentence_punctuation_after_a_url_is_not_part_of_it() -> None:
    text = "See http://x.example.org/a.pdf. Then www.example.com/b; and (https://example.net/c)."
    assert _urls(text) == ["http://x.example.org/a.pdf", "www.example.com/b", "https://example.net/c"]


def test_balanced_brackets_and_query_strings_stay() -> None:
    text = "https://en.example.org/wiki/Tal_(town)?a=1&b=2, next"
    assert _urls(text) == ["https://en.example.org/wiki/Tal_(town)?a=1&b=2"]
