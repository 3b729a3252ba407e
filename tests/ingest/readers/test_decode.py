from __future__ import annotations

import codecs

import pytest

from sitrep.errors import BinaryInput, DecodeError, EmptyInput, TooLarge
from sitrep.ingest.readers.decode import decode_bytes

SOURCE = "notes/brief.txt"


def test_utf8_text_is_returned_unchanged() -> None:
    text = "Convoy hit near Qal’at Sukkar — 3 wounded.\r\nSecond line.\n"
    assert decode_bytes(text.encode("utf-8"), source=SOURCE) == text


def test_utf8_byte_order_mark_is_dropped() -> None:
    data = codecs.BOM_UTF8 + "Café opened.".encode()
    assert decode_bytes(data, source=SOURCE) == "Café opened."


def test_cp1252_curly_quotes_and_dashes_are_read() -> None:
    text = "The minister said “no comment” – twice."
    assert decode_bytes(text.encode("cp1252"), source=SOURCE) == text


def test_latin1_accented_letters_are_read() -> None:
    text = "Señor Muñoz visitó la región de Ñuble."
    assert decode_bytes(text.encode("latin-1"), source=SOURCE) == text


def test_mixed_encodings_are_decoded_line_by_line() -> None:
    data = "Line one is UTF-8: café.\n".encode() + "Line two is cp1252: “quoted”.\n".encode("cp1252")
    assert decode_bytes(data, source=SOURCE) == "Line one is UTF-8: café.\nLine two is cp1252: “quoted”.\n"


def test_non_western_legacy_encoding_is_detected() -> None:
    text = "Министерство обороны сообщило о нападении на колонну у моста."
    assert decode_bytes(text.encode("cp1251"), source=SOURCE) == text


def test_declared_charset_is_used_when_it_decodes() -> None:
    text = "Штаб сообщил о потерях."
    assert decode_bytes(text.encode("koi8-r"), source=SOURCE, declared="koi8-r") == text


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    assert decode_bytes(b"plain words", source=SOURCE, declared="no-such-charset") == "plain words"


def test_utf16_with_byte_order_mark_is_read() -> None:
    text = "Rebels crossed the river."
    assert decode_bytes(text.encode("utf-16"), source=SOURCE) == text


def test_broken_utf16_after_its_byte_order_mark_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match=SOURCE):
        decode_bytes(codecs.BOM_UTF16_LE + b"A\x00\x00\xd8", source=SOURCE)


def test_empty_bytes_are_empty_input() -> None:
    with pytest.raises(EmptyInput) as caught:
        decode_bytes(b"", source=SOURCE)
    assert str(caught.value).startswith(SOURCE)
    assert "empty" in str(caught.value)


@pytest.mark.parametrize("data", [b"  \n\t\r\n", codecs.BOM_UTF8 + b"\n", "\u00a0\n".encode()])
def test_whitespace_only_is_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInput, match="only whitespace"):
        decode_bytes(data, source=SOURCE)


def test_nul_bytes_are_binary_input() -> None:
    with pytest.raises(BinaryInput, match=f"{SOURCE}: contains NUL bytes"):
        decode_bytes(b"PK\x03\x04\x00\x00binary zip header", source=SOURCE)


def test_control_character_junk_is_binary_input() -> None:
    junk = bytes(range(1, 32)) * 20 + b"some letters"
    with pytest.raises(BinaryInput, match="control characters"):
        decode_bytes(junk, source=SOURCE)


def test_a_few_form_feeds_and_tabs_are_still_text() -> None:
    text = "Page one\f\tPage two\n"
    assert decode_bytes(text.encode(), source=SOURCE) == text


def test_bytes_over_the_cap_are_too_large() -> None:
    with pytest.raises(TooLarge, match=f"{SOURCE}: is 11 bytes, over the 10 bytes cap"):
        decode_bytes(b"x" * 11, source=SOURCE, max_bytes=10)
