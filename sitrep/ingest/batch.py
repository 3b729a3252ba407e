"""Ingest a batch of sources into a store: read, understand, extract, write — one bad input never stops it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

from sitrep.errors import InputError
from sitrep.ingest.extraction import ExtractionUnavailable, Extractor, extract, stage_names
from sitrep.ingest.readers import ReadOptions, iter_sources, read_source
from sitrep.ingest.reading import read_document
from sitrep.model.document import Document
from sitrep.model.facts import Extraction
from sitrep.model.reading import Reading
from sitrep.store.store import Store

Status = Literal["new", "known", "failed"]


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """What became of one input (a feed gives one outcome per entry). ``events`` is how many events
    extraction stored with a new document; None when it did not run."""

    source: str
    status: Status
    document_id: str | None = None
    title: str | None = None
    error_kind: str | None = None
    reason: str | None = None
    events: int | None = None


@dataclass(frozen=True, slots=True)
class IngestResult:
    """The run's id and each input's outcome. ``extraction_unavailable`` says why new documents
    were stored without extraction (the pipeline could not be built); None when it ran or was not asked."""

    run_id: int
    outcomes: tuple[SourceOutcome, ...] = field(default=())
    extraction_unavailable: str | None = None

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def ok(self) -> bool:
        """No input failed, and extraction ran when it was asked for."""
        return self.count("failed") == 0 and self.extraction_unavailable is None


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
    pipeline: Extractor | None = None,
) -> IngestResult:
    """Read every source named by ``specs`` (paths, folders, URLs, ``-``) and list files into ``store``.

    Each document is written in its own transaction; a failure is recorded against the run with
    the input's name and the reason, and the batch goes on. ``on_total`` hears how many inputs
    there are; ``on_outcome`` hears each outcome as it happens (a progress bar listens to both).

    With ``pipeline``, each new document is extracted and its facts written in the same
    transaction as the document: a document whose extraction fails is a failed outcome and
    nothing of it is stored. A pipeline that cannot be built at all (ExtractionUnavailable) does
    not fail the batch: documents are stored unextracted and the result says why.
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
    extraction = _Extraction(pipeline)
    for source in sources:
        for outcome in _ingest_one(store, source, run_id=run_id, options=options, stdin=stdin,
                                   extraction=extraction):
            note(outcome)
    result = IngestResult(
        run_id=run_id, outcomes=tuple(outcomes), extraction_unavailable=extraction.unavailable
    )
    store.finish_run(
        run_id, new=result.count("new"), known=result.count("known"), failed=result.count("failed")
    )
    return result


class _Extraction:
    """The batch's pipeline, and whether it turned out to be unavailable."""

    def __init__(self, pipeline: Extractor | None) -> None:
        self.pipeline = pipeline
        self.unavailable: str | None = None

    def run(self, store: Store, reading: Reading) -> Extraction | None:
        """The reading's extraction; None when there is no pipeline, the document is already
        stored (it is left as is), or the pipeline cannot be built."""
        if self.pipeline is None or self.unavailable is not None or store.has_document(reading.id):
            return None
        try:
            return extract(self.pipeline, reading)
        except ExtractionUnavailable as exc:
            self.unavailable = str(exc)
            return None

    @property
    def stages(self) -> tuple[str, ...]:
        return stage_names(self.pipeline)


def _ingest_one(
    store: Store, source: str, *, run_id: int, options: ReadOptions, stdin: BinaryIO | None,
    extraction: _Extraction,
) -> list[SourceOutcome]:
    try:
        documents = read_source(source, options=options, stdin=stdin)
    except InputError as exc:
        return [SourceOutcome(source, "failed", error_kind=type(exc).__name__, reason=exc.reason)]
    except Exception as exc:
        return [SourceOutcome(source, "failed", error_kind=type(exc).__name__, reason=str(exc) or repr(exc))]
    return [_store_one(store, document, run_id=run_id, extraction=extraction) for document in documents]


def _store_one(store: Store, document: Document, *, run_id: int, extraction: _Extraction) -> SourceOutcome:
    stage = "read"
    try:
        reading = read_document(document)
        stage = "extract"
        facts = extraction.run(store, reading)
        stage = "store"
        if facts is None:
            added = store.add_reading(reading, run_id=run_id)
        else:
            added = store.add_reading(reading, run_id=run_id, extraction=facts, stages=extraction.stages)
    except Exception as exc:
        reason = str(exc) or repr(exc)
        if stage == "extract":
            reason = f"extraction failed: {reason}"
        return SourceOutcome(document.source, "failed", error_kind=type(exc).__name__, reason=reason)
    status: Status = "new" if added.created else "known"
    events = added.extraction.events if added.extraction is not None else None
    return SourceOutcome(document.source, status, added.document_id, reading.document.title, events=events)
