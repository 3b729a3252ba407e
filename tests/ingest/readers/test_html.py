from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import EmptyInput, MalformedInput
from sitrep.ingest.readers import read_source
from sitrep.ingest.readers.html import read_html

ARTICLE = """<!DOCTYPE html>
<html><head>
<title>Ferry Service Suspended - Coastal Courier</title>
<meta property="og:site_name" content="Coastal Courier">
<meta name="author" content="Ana Pires; Joel Mbeki">
<meta property="article:published_time" content="2013-09-21T07:00:00Z">
<link rel="canonical" href="https://courier.example.net/ferry">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/contact">Contact</a></nav>
<article>
<h1>Ferry Service Suspended</h1>
<p>The port authority suspended the island ferry on Saturday after gunmen fired on a patrol boat.</p>
<p>No passengers were hurt, the authority said, and service would resume once the strait was secured.</p>
</article>
<footer>Copyright 2013 Coastal Courier. All rights reserved.</footer>
</body></html>
"""


def test_main_text_and_metadata_are_extracted() -> None:
    document = read_html(ARTICLE.encode(), source="ferry.html")
    assert document.media_type == "text/html"
    assert "The port authority suspended the island ferry on Saturday" in document.text
    assert "service would resume" in document.text
    assert "Contact" not in document.text
    assert document.title == "Ferry Service Suspended"
    assert document.published == date(2013, 9, 21)
    assert document.authors == ("Ana Pires", "Joel Mbeki")
    assert document.publisher == "Coastal Courier"
    assert document.url == "https://courier.example.net/ferry"


def test_the_fetch_url_wins_over_the_canonical_url() -> None:
    document = read_html(ARTICLE.encode(), source="x", url="http://mirror.example.org/ferry")
    assert document.url == "http://mirror.example.org/ferry"


def test_malformed_html_still_gives_its_text() -> None:
    broken = b"<html><body><div><p>Militia shelled the airport <b>on Monday<p>Runway closed for repairs</div"
    document = read_html(broken, source="broken.html")
    assert "Militia shelled the airport on Monday" in document.text
    assert "Runway closed for repairs" in document.text


def test_html_with_no_text_is_empty_input_naming_the_source() -> None:
    with pytest.raises(EmptyInput, match=r"^blank\.html: HTML has no main text"):
        read_html(b"<html><head><title>t</title><script>var x = 1;</script></head><body></body></html>",
                  source="blank.html")


def test_a_file_with_no_tags_is_malformed_html() -> None:
    with pytest.raises(MalformedInput, match=r"^notes\.html: has no HTML tags"):
        read_html(b"just a line of words, no markup at all", source="notes.html")


def test_meta_charset_decides_the_encoding() -> None:
    page = (
        '<html><head><meta charset="koi8-r"></head><body>'
        "<p>Штаб сообщил, что колонна прибыла в город после долгого марша по горной дороге.</p>"
        "</body></html>"
    )
    document = read_html(page.encode("koi8-r"), source="ru.html")
    assert "Штаб сообщил" in document.text


def test_cp1252_page_without_a_declared_charset_is_decoded() -> None:
    page = (
        "<html><body><p>The envoy called the talks “useful” – but no deal was reached on the border.</p>"
        "</body></html>"
    )
    document = read_html(page.encode("cp1252"), source="talks.html")
    assert "“useful” – but" in document.text


def test_html_file_is_read_through_read_source(tmp_path: Path) -> None:
    path = tmp_path / "ferry.htm"
    path.write_text(ARTICLE, encoding="utf-8")
    [document] = read_source(str(path))
    assert document.source == str(path)
    assert document.title == "Ferry Service Suspended"
