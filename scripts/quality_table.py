"""Print the README's Quality table from a `sitrep eval --json` run.

Run:  .venv/bin/sitrep eval GOLD... --floors eval/floors.yaml --json > /tmp/eval.json
      .venv/bin/python scripts/quality_table.py /tmp/eval.json      (then paste into README.md)

Rows keep the order the evaluation printed them in; a set's name is given on its first row.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SETS = {  # metric prefix -> the set's name in the table
    "document.": "seed (`../shared/eval/seed/gold.yaml`)",
    "wikievents.": "WikiEvents dev (20 news documents)",
    "plover.": "PLOVER gold records (162 sentences)",
    "geo.": "GeoWebNews (200 articles)",
    "resolve.events.": "multi-document fixtures (`tests/fixtures/multidoc/`)",
}
TARGETS_NOTE = "target"


def main(path: str) -> None:
    report = json.loads(Path(path).read_text(encoding="utf-8"))
    floors = yaml.safe_load((ROOT / "eval" / "floors.yaml").read_text(encoding="utf-8"))["floors"]
    targets = _targets(ROOT / "eval" / "floors.yaml")
    print("| set | metric | value | n | floor |")
    print("|---|---|---|---|---|")
    shown: set[str] = set()
    for metric in report["metrics"]:
        name = metric["name"]
        label = next((s for p, s in SETS.items() if name.startswith(p)), "")
        first = label and label not in shown
        shown.add(label)
        floor = floors.get(name)
        cell = "—" if floor is None else f"{floor:g}"
        if name in targets:
            cell += f" (target {targets[name]})"
        value, support = f"{metric['value']:.3f}", metric["support"]
        print(f"| {label if first else ''} | `{name}` | {value} | {support} | {cell} |")


def _targets(path: Path) -> dict[str, str]:
    """``metric: floor  # target X`` comments in floors.yaml: the issue's target beside the floor."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if f"# {TARGETS_NOTE} " in line and ":" in line:
            name = line.split(":", 1)[0].strip()
            found[name] = line.split(f"# {TARGETS_NOTE} ", 1)[1].strip()
    return found


if __name__ == "__main__":
    main(sys.argv[1])
