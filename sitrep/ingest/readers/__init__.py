"""Readers: turn one source (a file, a URL, standard input) into Documents.

    read_source(source, *, options=ReadOptions(), stdin=None) -> list[Document]
    iter_sources(specs, *, list_files=()) -> Iterator[str]
    ReadOptions(max_bytes=20 MiB, timeout=20 s, max_redirects=5, user_agent=…)

A feed gives one Document per entry; every other source gives one. Every failure is an InputError
subclass whose message names the source, so a batch can report it and go on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import InputError, UnsupportedInput
from sitrep.ingest.readers.dispatch import kind_for_file, read_as, sniff
from sitrep.ingest.readers.options import DEFAULT_OPTIONS, ReadOptions, too_large
from sitrep.ingest.readers.sources import is_url, iter_sources
from sitrep.ingest.readers.url import read_url
from sitrep.model.document import Document

__all__ = ["ReadOptions", "iter_sources", "read_source"]

STDIN = "-"


def read_source(
    source: str, *, options: ReadOptions = DEFAULT_OPTIONS, stdin: BinaryIO | None = None
) -> list[Document]:
    """Read ``source``: ``-`` for standard input, an http(s) URL, or a file path.

    A file's reader is chosen by its content (PDF signature, RSS/Atom root) and then by its
    extension; standard input by its content alone (plain text when nothing else fits). Raises an
    InputError subclass naming ``source`` when it cannot be read.
    """
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_capped(stream, source=source, max_bytes=options.max_bytes)
        return read_as(sniff(data) or "text", data, source=source)
    if is_url(source):
        return read_url(source, options=options)
    path = Path(source).expanduser()
    data = _read_file(path, source=source, max_bytes=options.max_bytes)
    return read_as(kind_for_file(path.suffix, data, source=source), data, source=source)


def _read_file(path: Path, *, source: str, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise UnsupportedInput(source, "is a directory; expand it with iter_sources() to read its files")
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(source, size=size, max_bytes=max_bytes)
        with path.open("rb") as stream:
            return _read_capped(stream, source=source, max_bytes=max_bytes)
    except FileNotFoundError as exc:
        raise InputError(source, "no such file or directory") from exc
    except OSError as exc:
        raise InputError(source, f"cannot be read: {exc.strerror or exc}") from exc


def _read_capped(stream: BinaryIO, *, source: str, max_bytes: int) -> bytes:
    # One byte past the cap tells "exactly at the cap" from "over it" without reading the rest.
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(source, size=None, max_bytes=max_bytes)
    return data
