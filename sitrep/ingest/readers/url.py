"""URLs: fetch over HTTP(S) with httpx, within the size cap, then read the body by its type.

The one seam to the network. Redirects are followed by hand so that loops, hop counts and a
redirect to another scheme each get their own clear error; ``transport`` lets a test or a caller
put any httpx transport underneath.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from sitrep.errors import FetchError, UnsupportedInput
from sitrep.ingest.readers.dispatch import Kind, read_as, sniff
from sitrep.ingest.readers.options import DEFAULT_OPTIONS, ReadOptions, too_large
from sitrep.model.document import Document

SCHEMES = ("http", "https")
CONTENT_TYPES: dict[str, Kind | None] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    # Servers label downloads (PDFs above all) this way; the body's own signature decides.
    "application/octet-stream": None,
}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body: the final URL, its media type (lower case, no parameters) and charset."""

    url: str
    media_type: str | None
    charset: str | None
    body: bytes


def read_url(
    url: str, *, options: ReadOptions = DEFAULT_OPTIONS, transport: httpx.BaseTransport | None = None
) -> list[Document]:
    """Fetch ``url`` and read it with the reader its content type names.

    Every Document's ``source`` is ``url`` as given (feed entries: ``url#entry``); ``url`` is the
    final URL after redirects (feed entries keep their own links).
    """
    fetched = fetch(url, options=options, transport=transport)
    kind = _kind(fetched, source=url)
    documents = read_as(kind, fetched.body, source=url, charset=fetched.charset, url=fetched.url)
    if kind == "feed":
        return documents
    return [dataclasses.replace(document, url=fetched.url) for document in documents]


def fetch(
    url: str, *, options: ReadOptions = DEFAULT_OPTIONS, transport: httpx.BaseTransport | None = None
) -> Fetched:
    """GET ``url``, following at most ``options.max_redirects`` redirects, and return the body.

    Raises UnsupportedInput for a scheme other than http(s) or an unreadable content type,
    FetchError for an unreachable host, a timeout, an HTTP error status or a bad redirect, and
    TooLarge for a body over ``options.max_bytes``.
    """
    _check_scheme(url)
    headers = {"User-Agent": options.user_agent}
    visited = [url]
    with httpx.Client(
        headers=headers, timeout=options.timeout, follow_redirects=False, transport=transport
    ) as client:
        current = url
        while True:
            target = _get(client, current, source=url, options=options)
            if isinstance(target, Fetched):
                return target
            if target in visited:
                raise FetchError(url, f"redirect loop: {current} redirects back to {target}")
            if len(visited) > options.max_redirects:
                raise FetchError(url, f"too many redirects (more than {options.max_redirects})")
            if urlsplit(target).scheme not in SCHEMES:
                raise FetchError(url, f"redirected to {target}, which is not an http(s) URL")
            visited.append(target)
            current = target


def _kind(fetched: Fetched, *, source: str) -> Kind:
    kind = CONTENT_TYPES.get(fetched.media_type) if fetched.media_type else None
    if kind is None:
        kind = sniff(fetched.body)
    if kind is None:
        if fetched.media_type is not None:
            raise UnsupportedInput(
                source, f"content type {fetched.media_type!r} and the body is not a PDF, feed or HTML page"
            )
        kind = "text"
    return kind


def _check_scheme(url: str) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise UnsupportedInput(url, f"unsupported URL scheme {scheme!r}; only http:// and https:// are read")


def _get(client: httpx.Client, current: str, *, source: str, options: ReadOptions) -> Fetched | str:
    """One request: the body, or the absolute URL a redirect points to."""
    try:
        with client.stream("GET", current) as response:
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                return urljoin(current, str(location))
            if response.status_code >= 300:
                where = "" if current == source else f" (at {current})"
                reason = response.reason_phrase or "error"
                if response.status_code < 400:
                    reason += ", not followed (no Location header or not a redirect)"
                raise FetchError(source, f"HTTP {response.status_code} {reason}{where}")
            media_type, charset = _content_type(response.headers.get("content-type"))
            if media_type is not None and media_type not in CONTENT_TYPES:
                readable = ", ".join(CONTENT_TYPES)
                raise UnsupportedInput(
                    source, f"unsupported content type {media_type!r}; readable: {readable}"
                )
            body = _read_body(response, source=source, max_bytes=options.max_bytes)
            return Fetched(url=str(response.url), media_type=media_type, charset=charset, body=body)
    except httpx.TimeoutException as exc:
        raise FetchError(source, f"timed out after {options.timeout:g} s ({type(exc).__name__})") from exc
    except httpx.ConnectError as exc:
        raise FetchError(source, f"unreachable: {exc or type(exc).__name__}") from exc
    except httpx.UnsupportedProtocol as exc:
        raise UnsupportedInput(source, f"not a URL that can be fetched: {exc}") from exc
    except httpx.TransportError as exc:
        raise FetchError(source, f"fetch failed: {exc or type(exc).__name__}") from exc
    except httpx.InvalidURL as exc:
        raise UnsupportedInput(source, f"not a valid URL: {exc}") from exc


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset


def _read_body(response: httpx.Response, *, source: str, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_large(source, size=int(declared), max_bytes=max_bytes)
    chunks: list[bytes] = []
    size = 0
    # Counted after decompression: a small gzip body can expand past the cap.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_large(source, size=None, max_bytes=max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)
