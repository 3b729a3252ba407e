"""State shared by CLI commands: the store, opened on first use."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from sitrep.errors import NotFound
from sitrep.ingest.extraction import Extractor, LazyPipeline
from sitrep.ingest.readers import read_source
from sitrep.ingest.reading import read_document
from sitrep.model.reading import Reading
from sitrep.store.store import Store


@dataclass
class AppContext:
    """The store, opened on first use, and the extraction pipeline, built on first use.

    ``build_pipeline`` makes the pipeline (default: sitrep's, ``sitrep.extract.default``); a script
    or a test may hand ``cli`` an AppContext (``obj=``) with its own.
    """

    db_url: str | None
    build_pipeline: Callable[[], Extractor] | None = None
    _store: Store | None = field(default=None, repr=False)
    _pipeline: LazyPipeline | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store.open(self.db_url)
        return self._store

    @property
    def pipeline(self) -> LazyPipeline:
        """The extraction pipeline, built once, when first called."""
        if self._pipeline is None:
            self._pipeline = LazyPipeline(self.build_pipeline)
        return self._pipeline

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


pass_app = click.make_pass_decorator(AppContext)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")


def load_reading(app: AppContext, ref: str) -> Reading:
    """The stored reading of document ``ref`` (id, id prefix or source). A file that is not in the
    store is read on the fly, without storing it, so that `sitrep audit report.txt` just works."""
    try:
        return app.store.load_reading(app.store.resolve_document(ref))
    except NotFound:
        if not Path(ref).is_file():
            raise
    documents = read_source(ref)
    if len(documents) != 1:
        raise NotFound(f"{ref}: holds {len(documents)} documents; ingest it and name one by id")
    return read_document(documents[0])


def read_input(ref: str) -> list[Reading]:
    """The readings of file ``ref`` (``-``: standard input), read on the fly and not stored; a feed
    gives one per entry."""
    return [read_document(document) for document in read_source(ref)]


_DAY = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class Day(click.ParamType[date, Any]):
    """A date option as the filters take it: YYYY, YYYY-MM or YYYY-MM-DD, meaning its first day,
    or with ``last`` its last day."""

    name = "DATE"

    def __init__(self, *, last: bool = False) -> None:
        self.last = last

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        match = _DAY.match(str(value).strip())
        try:
            if match is None:
                raise ValueError
            year, month, day = (int(g) if g else None for g in match.groups())
            assert year is not None
            month = month or (12 if self.last else 1)
            day = day or (calendar.monthrange(year, month)[1] if self.last else 1)
            return date(year, month, day)
        except ValueError:
            self.fail(f"{value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD", param, ctx)
