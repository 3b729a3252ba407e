"""Bytes → text: the one place that decides an input's encoding or rejects it as not text.

Order: byte-order marks (UTF-8/16/32), then a declared charset if it decodes cleanly, then strict
UTF-8. Failing that the file is read line by line: UTF-8 lines stay UTF-8 and the others are read
in one legacy encoding, because analysts' files are often pasted together from several sources
(a UTF-8 report with a cp1252 quote in the middle).
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from sitrep.errors import BinaryInput, DecodeError, EmptyInput
from sitrep.ingest.readers.options import too_large

_BOMS = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that never occur in text; tab, newlines, vertical tab and form feed do.
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D}
_CONTROL_SHARE = 0.05
_SAMPLE = 64 * 1024
# Single-byte Western encodings: charset-normalizer cannot tell these apart on short text, and
# cp1252 (a superset of latin-1's printable range) is the right reading of all of them in practice.
_LATIN = ("cp1252", "latin-1")


def decode_bytes(
    data: bytes, *, source: str, declared: str | None = None, max_bytes: int | None = None
) -> str:
    """Decode ``data`` read from ``source`` to text, or raise the InputError that says why not.

    ``declared`` is a charset the source announced (HTTP header, HTML meta); it is trusted only
    when it decodes the bytes without error. A leading UTF-8 BOM is dropped; nothing else changes.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise too_large(source, size=len(data), max_bytes=max_bytes)
    reject_empty(data, source=source)
    text = _decode_bom(data, source=source)
    if text is None:
        _reject_binary(data, source=source)
        text = _decode_declared(data, declared) or _decode_utf8(data) or _decode_lines(data)
    if not text.strip():
        raise EmptyInput(source, "contains only whitespace; expected some text")
    return text


def reject_empty(data: bytes, *, source: str) -> None:
    """Raise EmptyInput for no bytes or only ASCII whitespace: nothing any reader could use."""
    if not data:
        raise EmptyInput(source, "is empty (0 bytes); expected some text")
    if not data.strip():
        raise EmptyInput(source, "contains only whitespace; expected some text")


def _decode_bom(data: bytes, *, source: str) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    source, f"starts with a {codec.upper()} byte-order mark but is not valid {codec}: {exc}"
                ) from exc
    return None


def _reject_binary(data: bytes, *, source: str) -> None:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        raise BinaryInput(
            source, "contains NUL bytes: binary data (or UTF-16 without a byte-order mark), not text"
        )
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if controls > _CONTROL_SHARE * len(sample):
        share = controls / len(sample)
        raise BinaryInput(source, f"{share:.0%} of its bytes are control characters: binary data, not text")


def _decode_declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared.strip().strip("\"'")).name
        if codec == "iso8859-1":
            # Web "latin-1" labels mean cp1252 (as browsers read them); detection does that.
            return None
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        # A wrong or unknown label is common on the web; fall back to detection rather than fail.
        return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_lines(data: bytes) -> str:
    lines = data.splitlines(keepends=True)
    foreign = [line for line in lines if _decode_utf8(line) is None]
    codecs_to_try = (*_legacy_codec(b"".join(foreign)), *_LATIN)
    return "".join(_decode_line(line, codecs_to_try) for line in lines)


def _decode_line(line: bytes, codecs_to_try: tuple[str, ...]) -> str:
    decoded = _decode_utf8(line)
    if decoded is not None:
        return decoded
    for codec in codecs_to_try:
        try:
            return line.decode(codec)
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")


def _legacy_codec(data: bytes) -> tuple[str, ...]:
    """A non-Western legacy encoding (cp1251, Shift_JIS, GB18030…) when the bytes are clearly one.

    Trusted only when its reading is mostly letters of a non-Latin script; otherwise the caller
    falls back to cp1252/latin-1.
    """
    best = from_bytes(data).best()
    if best is None or best.encoding in {"cp1252", "latin_1", "ascii", "utf_8"}:
        return ()
    letters = [char for char in str(best) if char.isalpha()]
    if not letters:
        return ()
    non_latin = sum(1 for char in letters if not unicodedata.name(char, "").startswith("LATIN"))
    return (best.encoding,) if non_latin > len(letters) / 2 else ()
