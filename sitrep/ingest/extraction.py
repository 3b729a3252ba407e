"""Running extraction on documents as they are ingested, or again on stored ones.

Anything callable as ``extractor(reading) -> Extraction`` will do: sitrep's ``Pipeline`` is one.
``LazyPipeline`` builds the default pipeline (spaCy and the packs: seconds) on first use only, so a
command that stores nothing new never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from sitrep.errors import SitrepError
from sitrep.model.facts import Extraction
from sitrep.model.reading import Reading
from sitrep.store.records import ExtractionInfo
from sitrep.store.store import Store


class Extractor(Protocol):
    def __call__(self, reading: Reading, /) -> Extraction: ...


class ExtractionUnavailable(SitrepError):
    """The extraction pipeline cannot be built (a missing model or module): no document can be extracted."""


class LazyPipeline:
    """An Extractor that builds its pipeline on first use, once; a failure to build is remembered
    and raised as ExtractionUnavailable on every call."""

    def __init__(self, build: Callable[[], Extractor] | None = None) -> None:
        self._build = build or _build_default
        self._pipeline: Extractor | None = None
        self._failure: ExtractionUnavailable | None = None

    def get(self) -> Extractor:
        if self._failure is not None:
            raise self._failure
        if self._pipeline is None:
            try:
                self._pipeline = self._build()
            except Exception as exc:
                self._failure = ExtractionUnavailable(
                    f"cannot build the extraction pipeline ({type(exc).__name__}: {exc})"
                )
                raise self._failure from exc
        return self._pipeline

    def __call__(self, reading: Reading, /) -> Extraction:
        return self.get()(reading)

    @property
    def names(self) -> tuple[str, ...]:
        """The stage names of the pipeline once built (none before)."""
        return stage_names(self._pipeline) if self._pipeline is not None else ()


def _build_default() -> Extractor:
    """sitrep's pipeline (spaCy and every stage: only when needed), plus the events the titles of
    cited pieces state (``sitrep.resolve.titles``), which join the picture as their reports."""
    from sitrep.extract.default import build_pipeline
    from sitrep.resolve.titles import WithTitleEvents

    return WithTitleEvents(build_pipeline())


def stage_names(extractor: object) -> tuple[str, ...]:
    """The names of ``extractor``'s stages, when it says (a Pipeline does); else none."""
    if isinstance(extractor, LazyPipeline):
        return extractor.names
    names = getattr(extractor, "names", ())
    return tuple(str(name) for name in names) if isinstance(names, Sequence) else ()


def extract(extractor: Extractor, reading: Reading) -> Extraction:
    """``extractor(reading)``, checked to be an extraction of this reading."""
    extraction = extractor(reading)
    if extraction.document_id not in ("", reading.id):
        raise ValueError(
            f"the pipeline returned an extraction of document {extraction.document_id!r} for {reading.id!r}"
        )
    return extraction


ExtractStatus = Literal["extracted", "failed"]


@dataclass(frozen=True, slots=True)
class ExtractOutcome:
    """What became of one stored document extracted again: its counts, or why it failed."""

    document_id: str
    status: ExtractStatus
    info: ExtractionInfo | None = None
    error_kind: str | None = None
    reason: str | None = None


def extract_stored(
    store: Store,
    document_ids: Iterable[str],
    *,
    extractor: Extractor,
    on_outcome: Callable[[ExtractOutcome], None] | None = None,
) -> list[ExtractOutcome]:
    """Extract each stored document again and replace its facts; one failure never stops the rest.

    Raises ExtractionUnavailable when the pipeline cannot be built at all.
    """
    outcomes = []
    for document_id in document_ids:
        try:
            reading = store.load_reading(document_id)
            extraction = extract(extractor, reading)
            info = store.replace_extraction(document_id, extraction, stages=stage_names(extractor))
            outcome = ExtractOutcome(document_id, "extracted", info)
        except ExtractionUnavailable:
            raise
        except Exception as exc:
            outcome = ExtractOutcome(
                document_id, "failed", error_kind=type(exc).__name__, reason=str(exc) or repr(exc)
            )
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return outcomes
