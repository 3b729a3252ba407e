"""Source specs → sources: directories walked, list files read, URLs and ``-`` passed through."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from sitrep.errors import InputError
from sitrep.ingest.readers.decode import decode_bytes

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(spec: str) -> bool:
    """Whether ``spec`` names a URL (any scheme; the URL reader refuses all but http(s))."""
    return bool(_URL.match(spec))


def iter_sources(specs: Sequence[str], *, list_files: Sequence[str] = ()) -> Iterator[str]:
    """Every source named by ``specs`` and then by the lines of ``list_files``, in order.

    Directories are walked recursively in sorted order, skipping hidden files and folders (names
    starting with "."). A list file has one path or URL per line; blank lines and lines starting
    with "#" are skipped and relative paths are taken from the list file's folder. A path that does
    not exist (or a list file that cannot be read) is yielded as it is, so that reading it raises
    an error naming it and the rest of the batch goes on.
    """
    for spec in specs:
        yield from _expand(spec)
    for list_file in list_files:
        yield from _from_list(list_file)


def _expand(spec: str) -> Iterator[str]:
    path = Path(spec).expanduser()
    if spec == "-" or is_url(spec) or not path.is_dir():
        yield spec
        return
    yield from _walk(path, seen=set())


def _walk(folder: Path, *, seen: set[Path]) -> Iterator[str]:
    # A symlink back up the tree would otherwise walk forever.
    real = folder.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError:
        yield str(folder)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry, seen=seen)
        else:
            yield str(entry)


def _from_list(list_file: str) -> Iterator[str]:
    path = Path(list_file).expanduser()
    try:
        text = decode_bytes(path.read_bytes(), source=list_file)
    except (OSError, InputError):
        # An empty list names nothing; any other failure is reported by reading the list itself.
        if path.is_file() and path.stat().st_size == 0:
            return
        yield list_file
        return
    for line in text.splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if entry == "-" or is_url(entry):
            yield entry
            continue
        target = Path(entry).expanduser()
        yield from _expand(str(target if target.is_absolute() else path.parent / target))
