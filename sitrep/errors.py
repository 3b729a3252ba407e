"""sitrep's exceptions. Every message names the bad input and what would be valid.

    SitrepError
    ├── InputError          one input could not be read (the batch goes on)
    │   ├── UnsupportedInput    no reader for this kind of input
    │   ├── EmptyInput          nothing to read
    │   ├── BinaryInput         bytes that are not text of any supported kind
    │   ├── TooLarge            over the configured size cap
    │   ├── DecodeError         text in no encoding we can read
    │   ├── MalformedInput      a PDF / feed / HTML that cannot be parsed
    │   └── FetchError          a URL that could not be fetched (unreachable, status, redirects, type)
    ├── StoreError          the store could not be opened or written
    └── NotFound            a document, note or gold file that does not exist
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""


class InputError(SitrepError):
    """One input could not be read. ``source`` names it; ``reason`` says what is wrong."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class TooLarge(InputError):
    pass


class DecodeError(InputError):
    pass


class MalformedInput(InputError):
    pass


class FetchError(InputError):
    pass


class StoreError(SitrepError):
    pass


class NotFound(SitrepError):
    pass
