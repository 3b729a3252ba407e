"""Scoring a set of documents read together: a folder of fixtures with its own gold, and the seed
with its notes, sharing one extraction pipeline (``sitrep.evaluate.picture`` and
``sitrep.evaluate.actor_resolution`` both score this way)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sitrep.evaluate.metrics import Metric

Scorer = Callable[..., list[Metric]]


def fixtures_and_seed(score_fixtures: Scorer, score_seed: Scorer, *, gold_name: str,
                      seed_gold: str | Path | None, fixtures: str | Path | None, pipeline: Any
                      ) -> list[Metric]:
    """``score_fixtures`` on ``fixtures`` (when it holds ``gold_name``) and ``score_seed`` on
    ``seed_gold`` (when given), with ``pipeline`` or, if None and either is wanted, sitrep's own
    built once for both."""
    wanted = fixtures is not None and (Path(fixtures) / gold_name).is_file()
    if pipeline is None and (wanted or seed_gold is not None):
        from sitrep.extract.default import build_pipeline

        pipeline = build_pipeline()
    metrics: list[Metric] = []
    if wanted:
        metrics += score_fixtures(fixtures, pipeline=pipeline)
    if seed_gold is not None:
        metrics += score_seed(seed_gold, pipeline=pipeline)
    return metrics
