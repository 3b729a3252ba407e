"""ReadOptions: the limits every reader works under (size cap, fetch timeout, redirects)."""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.errors import TooLarge

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Limits for reading one source.

    ``max_bytes`` caps a file, standard input or a downloaded body (checked before and while
    reading, so an oversize input is never held in memory whole). ``timeout`` is in seconds per
    network operation. ``max_redirects`` counts hops after the first request.
    """

    max_bytes: int = 20 * MIB
    timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = "sitrep/0.1"

    def __post_init__(self) -> None:
        if self.max_bytes < 1:
            raise ValueError(f"max_bytes must be at least 1, not {self.max_bytes}")
        if self.timeout <= 0:
            raise ValueError(f"timeout must be a positive number of seconds, not {self.timeout}")
        if self.max_redirects < 0:
            raise ValueError(f"max_redirects must be 0 or more, not {self.max_redirects}")


DEFAULT_OPTIONS = ReadOptions()


def human_size(size: int) -> str:
    """``1536`` → ``'1.5 KiB'``: sizes in messages an analyst can read at a glance."""
    if size < 1024:
        return f"{size} bytes"
    if size < MIB:
        return f"{size / 1024:.1f} KiB"
    return f"{size / MIB:.1f} MiB"


def too_large(source: str, *, size: int | None, max_bytes: int) -> TooLarge:
    """The error for an input over the cap; ``size`` is None when only 'more than' is known."""
    found = f"is {human_size(size)}" if size is not None else f"is more than {human_size(max_bytes)}"
    return TooLarge(
        source, f"{found}, over the {human_size(max_bytes)} cap (raise ReadOptions.max_bytes to read it)"
    )
