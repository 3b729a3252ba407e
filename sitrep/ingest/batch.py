"""Ingest a batch of sources into a store: read, understand, write — one bad input never stops it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

from sitrep.errors import InputError
from sitrep.ingest.readers import ReadOptions, iter_sources, read_source
from sitrep.ingest.reading import read_document
from sitrep.store.store import Store

Status = Literal["new", "known", "failed"]


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """What became of one input (a feed gives one outcome per entry)."""

    source: str
    status: Status
    document_id: str | None = None
    title: str | None = None
    error_kind: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class IngestResult:
    run_id: int
    outcomes: tuple[SourceOutcome, ...] = field(default=())

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


Progress = Callable[[SourceOutcome], None]


def ingest(
    store: Store,
    specs: Sequence[str],
    *,
    list_files: Sequence[str] = (),
    options: ReadOptions | None = None,
    stdin: BinaryIO | None = None,
    on_outcome: Progress | None = None,
    on_total: Callable[[int], None] | None = None,
) -> IngestResult:
    """Read every source named by ``specs`` (paths, folders, URLs, ``-``) and list files into ``store``.

    Each document is written in its own transaction; a failure is recorded against the run with
    the input's name and the reason, and the batch goes on. ``on_total`` hears how many inputs
    there are; ``on_outcome`` hears each outcome as it happens (a progress bar listens to both).
    """
    options = options or ReadOptions()
    run_id = store.begin_run(command="ingest " + " ".join([*specs, *(f"--list {f}" for f in list_files)]))
    outcomes: list[SourceOutcome] = []

    def note(outcome: SourceOutcome) -> None:
        outcomes.append(outcome)
        if outcome.status == "failed":
            store.record_failure(
                run_id,
                source=outcome.source,
                error_kind=outcome.error_kind or "error",
                reason=outcome.reason or "",
            )
        if on_outcome is not None:
            on_outcome(outcome)

    sources = list(iter_sources(specs, list_files=list_files))
    if on_total is not None:
        on_total(len(sources))
    for source in sources:
        for outcome in _ingest_one(store, source, run_id=run_id, options=options, stdin=stdin):
            note(outcome)
    result = IngestResult(run_id=run_id, outcomes=tuple(outcomes))
    store.finish_run(
        run_id, new=result.count("new"), known=result.count("known"), failed=result.count("failed")
    )
    return result


def _ingest_one(
    store: Store, source: str, *, run_id: int, options: ReadOptions, stdin: BinaryIO | None
) -> list[SourceOutcome]:
    try:
        documents = read_source(source, options=options, stdin=stdin)
    except InputError as exc:
        return [SourceOutcome(source, "failed", error_kind=type(exc).__name__, reason=exc.reason)]
    except Exception as exc:
        return [SourceOutcome(source, "failed", error_kind=type(exc).__name__, reason=str(exc) or repr(exc))]
    outcomes = []
    for document in documents:
        try:
            reading = read_document(document)
            added = store.add_reading(reading, run_id=run_id)
        except Exception as exc:
            outcomes.append(
                SourceOutcome(
                    document.source, "failed", error_kind=type(exc).__name__, reason=str(exc) or repr(exc)
                )
            )
            continue
        status: Status = "new" if added.created else "known"
        outcomes.append(SourceOutcome(document.source, status, added.document_id, reading.document.title))
    return outcomes
