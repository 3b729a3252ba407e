"""`sitrep eval`: score sitrep against gold files and, with --floors, act as the quality gate."""

from __future__ import annotations

import click

from sitrep.cli.render import console, emit_json, table
from sitrep.evaluate.floors import check_floors, load_floors
from sitrep.evaluate.suite import evaluate_each


@click.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path())
@click.option("--floors", "floors_path", type=click.Path(), metavar="FILE",
              help="Pinned floors (YAML 'floors: {metric: minimum}'); exit 1 if any metric falls below.")
@click.option("--limit", type=int, metavar="N", help="Score only the first N documents of each large set.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def eval_command(gold: tuple[str, ...], floors_path: str | None, limit: int | None, as_json: bool) -> None:
    """Run sitrep on the documents of each GOLD and print each metric.

    GOLD is a sitrep-gold/1 YAML file, a WikiEvents jsonl (doc_gold), a PLOVER json list or a
    GeoWebNews folder; the format is told from the file. The pipeline is built once for all.
    """
    floors = load_floors(floors_path) if floors_path else None
    results = list(evaluate_each(gold, limit=limit))
    metrics = [m for _, _, found in results for m in found]
    checks = check_floors(metrics, floors) if floors is not None else []
    failed = [c for c in checks if not c.passed]
    if as_json:
        emit_json({"gold": list(gold), "formats": {str(p): kind for p, kind, _ in results},
                   "metrics": metrics, "floors": checks, "passed": not failed})
    else:
        by_name = {c.metric: c for c in checks}
        for path, kind, found in results:
            rows = [[m.name, f"{m.value:.3f}", m.support,
                     (f"{by_name[m.name].floor:.3f}" if m.name in by_name else ""),
                     ("FAIL" if m.name in by_name and not by_name[m.name].passed else ""), m.detail[:120]]
                    for m in found]
            columns = ["metric", "value", "n", "floor", "", "detail"]
            console.print(table(f"sitrep eval {path} ({kind})", columns, rows))
        for check in failed:
            console.print(f"[red]below floor[/red]: {check.metric} = {check.value} < {check.floor}")
        if checks:
            console.print(f"{len(checks) - len(failed)}/{len(checks)} floors met")
    if failed:
        raise SystemExit(1)


COMMANDS = [eval_command]
