"""Readers' fixtures: PDFs made on the fly with fpdf2, and a loopback HTTP server with set routes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fpdf import FPDF

MakePdf = Callable[..., bytes]


@pytest.fixture
def make_pdf() -> MakePdf:
    """``make_pdf(["page one", "page two"], title=…, author=…, created=…, password=…)`` → bytes."""

    def make(
        pages: list[str],
        *,
        title: str | None = None,
        author: str | None = None,
        created: datetime | None = None,
        password: str | None = None,
    ) -> bytes:
        pdf = FPDF()
        if title:
            pdf.set_title(title)
        if author:
            pdf.set_author(author)
        if created:
            pdf.set_creation_date(created)
        if password:
            pdf.set_encryption(owner_password="owner-secret", user_password=password)
        pdf.set_font("Helvetica", size=12)
        for text in pages:
            pdf.add_page()
            if text:
                pdf.multi_cell(0, 8, text)
        return bytes(pdf.output())

    return make


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    # When set, the handler waits for it before answering: a server that is slow on demand.
    hold: threading.Event | None = None


@dataclass
class Web:
    """A running loopback server: register ``routes`` by path, build URLs with ``url(path)``."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path

    def serve(
        self,
        path: str,
        body: bytes = b"",
        *,
        content_type: str | None = "text/html",
        status: int = 200,
        headers: dict[str, str] | None = None,
        hold: threading.Event | None = None,
    ) -> str:
        route = Route(status=status, headers=dict(headers or {}), body=body, hold=hold)
        if content_type is not None:
            route.headers.setdefault("Content-Type", content_type)
        self.routes[path] = route
        return self.url(path)

    def redirect(self, path: str, location: str, *, status: int = 302) -> str:
        self.routes[path] = Route(status=status, headers={"Location": location})
        return self.url(path)


def _handler(web: Web) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = web.routes.get(self.path, Route(status=404, body=b"not here"))
            if route.hold is not None:
                route.hold.wait(timeout=10)
            try:
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading on purpose (size cap, timeout)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return Handler


@pytest.fixture
def web() -> Iterator[Web]:
    """A ThreadingHTTPServer on 127.0.0.1, port chosen by the OS, stopped after the test."""
    site = Web(base="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    host, port = server.server_address[:2]
    site.base = f"http://{host!s}:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        for route in site.routes.values():
            if route.hold is not None:
                route.hold.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
