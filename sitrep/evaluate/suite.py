"""Evaluate sitrep on several gold files at once, each scored by the format it is in.

Formats, told apart by the file itself:

- ``seed``: YAML with ``schema: sitrep-gold/1`` (``sitrep.evaluate.seed``);
- ``wikievents``: JSON lines whose records have ``doc_gold`` (``sitrep.evaluate.wikievents``);
- ``plover``: a JSON list of records with ``event`` and ``text`` (``sitrep.evaluate.plover_gsr``);
- ``geowebnews``: a folder holding ``GWN.xml`` or brat files, or an ``.xml`` file
  (``sitrep.evaluate.geoparsing``, when that module is present);
- ``picture``: a folder of documents about the same incidents with ``events.gold.yaml`` and/or
  ``actors.gold.yaml`` (``sitrep.evaluate.picture``, ``sitrep.evaluate.actor_resolution``): event
  merging, corroboration, contradictions, grades and actor resolution across documents.

The seed also gets the picture's seed metrics: its June-style headline corroboration (the brief's
sentence and the cited titles that report the same attack are one incident) and the resolution of
every gold actor form across the brief and its notes.

The extraction pipeline is built once, on first need, and shared by every file.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.gold import SEED_SCHEMA
from sitrep.evaluate.metrics import Metric

FORMATS = ("seed", "wikievents", "plover", "geowebnews", "picture")
PICTURE_GOLDS = ("events.gold.yaml", "actors.gold.yaml")


def detect_format(path: str | Path) -> str:
    """Which gold format ``path`` holds; raises NotFound or SitrepError naming the file."""
    path = Path(path)
    if path.is_dir():
        if any((path / name).is_file() for name in PICTURE_GOLDS):
            return "picture"
        if (path / "GWN.xml").is_file() or any(path.glob("*.xml")) or any(path.glob("*/*.ann")):
            return "geowebnews"
        raise SitrepError(f"{path}: a folder, but neither GeoWebNews (no GWN.xml or brat files) nor a "
                          f"multi-document set (no {' or '.join(PICTURE_GOLDS)})")
    if not path.is_file():
        raise NotFound(f"{path}: gold file not found (is ../shared beside the checkout?)")
    if path.suffix.lower() == ".xml":
        return "geowebnews"
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        data = _quietly(lambda: yaml.safe_load(text))
        if isinstance(data, dict) and data.get("schema") == SEED_SCHEMA:
            return "seed"
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise SitrepError(f"{path}: unsupported gold format {found!r}; expected schema {SEED_SCHEMA!r}")
    first = next((line for line in text.splitlines() if line.strip()), "")
    record = _quietly(lambda: json.loads(first))
    if isinstance(record, dict) and "doc_gold" in record:
        return "wikievents"
    data = _quietly(lambda: json.loads(text))
    if isinstance(data, list) and data and all(isinstance(r, dict) and "event" in r and "text" in r
                                               for r in data):
        return "plover"
    raise SitrepError(f"{path}: unrecognised gold format; expected one of {', '.join(FORMATS)} "
                      f"(a sitrep-gold/1 YAML, WikiEvents jsonl with doc_gold, a PLOVER json list, "
                      f"or a GeoWebNews folder)")


class LazyPipeline:
    """The default pipeline, built on first use (a seed-only run that needs no extraction
    never loads spaCy)."""

    def __init__(self, build: Callable[[], Any] | None = None) -> None:
        self._build = build or _default_pipeline
        self._pipeline: Any = None

    def get(self) -> Any:
        if self._pipeline is None:
            self._pipeline = self._build()
        return self._pipeline


def evaluate_each(paths: Sequence[str | Path], *, pipeline: Any = None, limit: int | None = None
                  ) -> Iterator[tuple[Path, str, list[Metric]]]:
    """Per gold file: its path, format and metrics. ``limit`` caps the documents of the large sets;
    a metric name already measured for an earlier file is suffixed with ``@file-stem``."""
    formats = [(Path(p), detect_format(p)) for p in paths]  # fail on a bad path before any work
    lazy = LazyPipeline(lambda: pipeline) if pipeline is not None else LazyPipeline()
    seen: set[str] = set()
    for path, kind in formats:
        metrics = []
        for metric in _evaluate(path, kind, lazy, limit):
            if metric.name in seen:
                metric = Metric(f"{metric.name}@{path.stem}", metric.value, metric.support, metric.detail)
            seen.add(metric.name)
            metrics.append(metric)
        yield path, kind, metrics


def run_evaluation(paths: Sequence[str | Path], *, pipeline: Any = None, limit: int | None = None
                   ) -> list[Metric]:
    """Every metric of every gold file, the default pipeline built once for all of them."""
    return [m for _, _, found in evaluate_each(paths, pipeline=pipeline, limit=limit) for m in found]


def _evaluate(path: Path, kind: str, lazy: LazyPipeline, limit: int | None) -> list[Metric]:
    if kind == "seed":
        from sitrep.evaluate.seed import evaluate_seed, extraction_scorers

        extracting = bool(extraction_scorers())
        metrics = evaluate_seed(path, pipeline=lazy.get() if extracting else None)
        return metrics + (_picture(lazy, seed_gold=path) if extracting else [])
    if kind == "picture":
        return _picture(lazy, fixtures=path)
    if kind == "wikievents":
        from sitrep.evaluate.wikievents import evaluate_wikievents

        return evaluate_wikievents(path, lazy.get(), limit=limit)
    if kind == "plover":
        from sitrep.evaluate.plover_gsr import evaluate_plover

        return evaluate_plover(path, lazy.get(), limit=limit)
    if importlib.util.find_spec("sitrep.evaluate.geoparsing") is None:
        raise SitrepError(f"{path}: GeoWebNews gold, but sitrep.evaluate.geoparsing is not there yet")
    geoparsing = importlib.import_module("sitrep.evaluate.geoparsing")
    # its own places pipeline (parse → mentions → places): events are not needed for place names
    return list(geoparsing.evaluate_geowebnews(path, limit=limit))


def _picture(lazy: LazyPipeline, *, seed_gold: Path | None = None, fixtures: Path | None = None
             ) -> list[Metric]:
    """Event merging and actor resolution across documents, on the seed and its notes or a folder."""
    from sitrep.evaluate.actor_resolution import evaluate_actor_resolution
    from sitrep.evaluate.picture import evaluate_event_merging

    pipeline = lazy.get()
    return [*evaluate_event_merging(seed_gold=seed_gold, fixtures=fixtures, pipeline=pipeline),
            *evaluate_actor_resolution(seed_gold=seed_gold, fixtures=fixtures, pipeline=pipeline)]


def _default_pipeline() -> Any:
    from sitrep.extract.default import build_pipeline

    return build_pipeline()


def _quietly(load: Callable[[], Any]) -> Any:
    try:
        return load()
    except (ValueError, yaml.YAMLError):
        return None
