"""The quality gate: pinned floors per metric, checked against a run's metrics."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.metrics import Metric


@dataclass(frozen=True, slots=True)
class FloorCheck:
    metric: str
    value: float | None
    floor: float

    @property
    def passed(self) -> bool:
        return self.value is not None and self.value + 1e-9 >= self.floor


def load_floors(path: str | Path) -> dict[str, float]:
    """Floors file: YAML mapping ``floors: {metric name: minimum value}``."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: floors file not found")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    floors = data.get("floors") if isinstance(data, dict) else None
    if not isinstance(floors, dict):
        raise SitrepError(f"{path}: expected a mapping 'floors: {{metric: minimum}}'")
    return {str(k): float(v) for k, v in floors.items()}


def check_floors(metrics: list[Metric], floors: dict[str, float]) -> list[FloorCheck]:
    """One check per pinned floor; a floor whose metric was not measured fails (value None)."""
    values = {m.name: m.value for m in metrics}
    return [FloorCheck(name, values.get(name), floor) for name, floor in sorted(floors.items())]
