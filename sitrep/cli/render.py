"""Rendering helpers shared by CLI commands: JSON for machines, rich tables for people."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import date, datetime
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sitrep.model.dates import format_date

__all__ = ["console", "counted", "emit_json", "err_console", "format_date", "print_table", "table",
           "to_jsonable"]


def _console(*, stderr: bool = False) -> Console:
    # Piped output (files, pagers, tests) gets a wide page so that tables are not folded at 80 columns.
    probe = Console(stderr=stderr)
    width = None if probe.is_terminal or os.environ.get("COLUMNS") else 200
    return Console(stderr=stderr, highlight=False, width=width)


console = _console()
err_console = _console(stderr=True)


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates, tuples and sets as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


def emit_json(value: Any) -> None:
    click.echo(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2))


def table(title: str | None, columns: list[str], rows: list[list[Any]]) -> Table:
    out = Table(title=title, title_justify="left", show_lines=False)
    for column in columns:
        out.add_column(column, overflow="fold")
    for row in rows:
        out.add_row(*["" if v is None else str(v) for v in row])
    return out


def counted(n: int, noun: str) -> str:
    """"1 incident", "3 incidents"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    """A table, or one line saying there is nothing, so that empty sections stay readable."""
    if rows:
        console.print(table(title, columns, rows))
    else:
        console.print(f"{title}: none")
