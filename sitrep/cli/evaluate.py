"""`sitrep eval`: score sitrep against a gold file and, with --floors, act as the quality gate."""

from __future__ import annotations

import click

from sitrep.cli.render import console, emit_json, table
from sitrep.evaluate.floors import check_floors, load_floors
from sitrep.evaluate.seed import evaluate_seed


@click.command("eval")
@click.argument("gold", type=click.Path())
@click.option("--floors", "floors_path", type=click.Path(), metavar="FILE",
              help="Pinned floors (YAML 'floors: {metric: minimum}'); exit 1 if any metric falls below.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def eval_command(gold: str, floors_path: str | None, as_json: bool) -> None:
    """Run sitrep on the documents of GOLD (a sitrep-gold/1 YAML file) and print each metric."""
    metrics = evaluate_seed(gold)
    checks = check_floors(metrics, load_floors(floors_path)) if floors_path else []
    failed = [c for c in checks if not c.passed]
    if as_json:
        emit_json({"gold": gold, "metrics": metrics, "floors": checks, "passed": not failed})
    else:
        floors = {c.metric: c for c in checks}
        rows = [[m.name, f"{m.value:.3f}", m.support,
                 (f"{floors[m.name].floor:.3f}" if m.name in floors else ""),
                 ("FAIL" if m.name in floors and not floors[m.name].passed else ""), m.detail[:120]]
                for m in metrics]
        console.print(table(f"sitrep eval {gold}", ["metric", "value", "n", "floor", "", "detail"], rows))
        for check in failed:
            console.print(f"[red]below floor[/red]: {check.metric} = {check.value} < {check.floor}")
        if checks:
            console.print(f"{len(checks) - len(failed)}/{len(checks)} floors met")
    if failed:
        raise SystemExit(1)


COMMANDS = [eval_command]
