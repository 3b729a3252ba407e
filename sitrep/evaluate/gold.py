"""Gold files: load one and tell which format it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import NotFound, SitrepError

SEED_SCHEMA = "sitrep-gold/1"


def load_seed_gold(path: str | Path) -> dict[str, Any]:
    """A ``sitrep-gold/1`` YAML file as a mapping; raises NotFound or SitrepError naming the file."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: gold file not found (is ../shared beside the checkout?)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SitrepError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or data.get("schema") != SEED_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise SitrepError(f"{path}: unsupported gold format {found!r}; expected schema {SEED_SCHEMA!r}")
    return data


def gold_document_path(gold_path: str | Path, gold: dict[str, Any]) -> Path:
    """The document a seed gold file describes, resolved against the gold file's folder."""
    relative = gold.get("document", {}).get("file")
    if not relative:
        raise SitrepError(f"{gold_path}: gold has no document.file")
    return (Path(gold_path).parent / relative).resolve()
