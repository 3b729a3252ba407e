"""Text as scorers compare it."""

from __future__ import annotations

import re
import unicodedata


def plain(text: str) -> str:
    """NFKC, curly quotes and apostrophes straightened, whitespace collapsed, lower-cased."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text.replace("“", '"').replace("”", '"')).strip().lower()
