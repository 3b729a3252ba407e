from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable
from typing import Any

import pytest

from sitrep.errors import FetchError, TooLarge, UnsupportedInput
from sitrep.ingest.readers import ReadOptions, read_source

MakePdf = Callable[..., bytes]
Web = Any  # the conftest's loopback server

PAGE = (
    b"<html><head><title>Dam Inspection</title></head><body><article><h1>Dam Inspection</h1>"
    b"<p>Inspectors found cracks in the spillway of the upper dam during Tuesday's visit.</p>"
    b"</article></body></html>"
)
FEED = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>"
    b"<item><guid>w-1</guid><title>One</title><description>First item.</description></item>"
    b"<item><guid>w-2</guid><title>Two</title><description>Second item.</description></item>"
    b"</channel></rss>"
)


def test_html_page_is_fetched_and_extracted(web: Web) -> None:
    url = web.serve("/dam", PAGE, content_type="text/html; charset=utf-8")
    [document] = read_source(url)
    assert document.source == url
    assert document.url == url
    assert document.title == "Dam Inspection"
    assert "cracks in the spillway" in document.text


def test_pdf_is_fetched_and_read(web: Web, make_pdf: MakePdf) -> None:
    url = web.serve("/report.pdf", make_pdf(["Fetched page one.", "Fetched page two."]),
                    content_type="application/pdf")
    [document] = read_source(url)
    assert document.text == "Fetched page one.\n\nFetched page two."
    assert len(document.pages) == 2


def test_pdf_served_as_octet_stream_is_recognised_by_its_signature(web: Web, make_pdf: MakePdf) -> None:
    url = web.serve("/download", make_pdf(["Binary label."]), content_type="application/octet-stream")
    [document] = read_source(url)
    assert document.media_type == "application/pdf"


def test_feed_url_gives_one_document_per_entry(web: Web) -> None:
    url = web.serve("/feed", FEED, content_type="application/rss+xml")
    documents = read_source(url)
    assert [document.source for document in documents] == [f"{url}#w-1", f"{url}#w-2"]


def test_plain_text_uses_the_declared_charset(web: Web) -> None:
    body = "Штаб сообщил о потерях.".encode("koi8-r")
    url = web.serve("/note", body, content_type="text/plain; charset=koi8-r")
    [document] = read_source(url)
    assert document.text == "Штаб сообщил о потерях."


def test_redirects_are_followed_and_the_final_url_is_kept(web: Web) -> None:
    final = web.serve("/final", PAGE)
    web.redirect("/middle", "/final")
    start = web.redirect("/start", web.url("/middle"), status=301)
    [document] = read_source(start)
    assert document.source == start
    assert document.url == final


def test_http_404_is_a_fetch_error_with_the_status(web: Web) -> None:
    url = web.url("/missing")
    with pytest.raises(FetchError, match=f"^{re.escape(url)}: HTTP 404 Not Found$"):
        read_source(url)


def test_redirect_loop_is_a_fetch_error(web: Web) -> None:
    web.redirect("/b", "/a")
    url = web.redirect("/a", "/b")
    with pytest.raises(FetchError, match=f"^{re.escape(url)}: redirect loop"):
        read_source(url)


def test_too_many_redirects_is_a_fetch_error(web: Web) -> None:
    for hop in range(4):
        web.redirect(f"/hop{hop}", f"/hop{hop + 1}")
    web.serve("/hop4", PAGE)
    url = web.url("/hop0")
    with pytest.raises(FetchError, match=f"^{re.escape(url)}: too many redirects \\(more than 3\\)"):
        read_source(url, options=ReadOptions(max_redirects=3))
    assert read_source(url, options=ReadOptions(max_redirects=4))


def test_redirect_to_another_scheme_is_a_fetch_error(web: Web) -> None:
    url = web.redirect("/ftp", "ftp://files.example.com/x")
    with pytest.raises(FetchError, match="not an http\\(s\\) URL"):
        read_source(url)


def test_unreadable_content_type_is_unsupported_naming_the_type(web: Web) -> None:
    url = web.serve("/photo", b"\x89PNG\r\n", content_type="image/png")
    with pytest.raises(UnsupportedInput, match=f"^{re.escape(url)}: unsupported content type 'image/png'"):
        read_source(url)


def test_body_over_the_cap_is_too_large_when_declared(web: Web) -> None:
    url = web.serve("/big", b"x" * 5000, headers={"Content-Length": "5000"})
    with pytest.raises(TooLarge, match=f"^{re.escape(url)}: is 4.9 KiB, over the 1.0 KiB cap"):
        read_source(url, options=ReadOptions(max_bytes=1024))


def test_body_over_the_cap_is_too_large_while_streaming(web: Web) -> None:
    # No Content-Length: the cap must be enforced on the bytes as they arrive.
    url = web.serve("/stream", b"<p>" + b"x" * 50_000 + b"</p>")
    with pytest.raises(TooLarge, match=f"^{re.escape(url)}: is more than 1.0 KiB"):
        read_source(url, options=ReadOptions(max_bytes=1024))


def test_unreachable_port_is_a_fetch_error() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    url = f"http://127.0.0.1:{port}/page"
    with pytest.raises(FetchError, match=f"^{re.escape(url)}: unreachable"):
        read_source(url)


def test_slow_server_is_a_fetch_error_after_the_timeout(web: Web) -> None:
    url = web.serve("/slow", PAGE, hold=threading.Event())
    with pytest.raises(FetchError, match=f"^{re.escape(url)}: timed out after 0.2 s"):
        read_source(url, options=ReadOptions(timeout=0.2))


@pytest.mark.parametrize("url", ["ftp://files.example.com/report.pdf", "file:///etc/hosts"])
def test_non_http_scheme_is_unsupported(url: str) -> None:
    with pytest.raises(UnsupportedInput, match="unsupported URL scheme"):
        read_source(url)
