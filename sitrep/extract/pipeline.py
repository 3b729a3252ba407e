"""The extraction pipeline: an ordered list of named stages over one document.

A stage is a callable ``ExtractDoc -> ExtractDoc`` with a ``name`` and the fields it ``requires``
and ``assigns``; it may also offer ``pipe(docs)`` for batches (the spaCy parse does). A pipeline
is checked when it is built: every field a stage requires must be assigned by a stage before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import ClassVar, Protocol, runtime_checkable

from sitrep.errors import SitrepError
from sitrep.extract.doc import ExtractDoc, from_reading, from_text
from sitrep.model.facts import Extraction
from sitrep.model.reading import Reading

# Fields an ExtractDoc has before any stage runs.
GIVEN = frozenset({"text", "analysis_text", "reading", "published", "sentences"})


@runtime_checkable
class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, doc: ExtractDoc) -> ExtractDoc: ...


class PipelineError(SitrepError):
    """A pipeline whose stages do not fit together."""


class Pipeline:
    """Stages run in order over each document; ``pipe`` batches documents through them."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = tuple(stages)
        self._check()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def _check(self) -> None:
        available = set(GIVEN)
        seen: set[str] = set()
        for stage in self.stages:
            if stage.name in seen:
                raise PipelineError(f"stage {stage.name!r} appears twice in {self.names}")
            seen.add(stage.name)
            missing = [field for field in stage.requires if field not in available]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {missing}, which no earlier stage assigns; "
                    f"available: {sorted(available)}")
            available.update(stage.assigns)

    def run(self, doc: ExtractDoc) -> ExtractDoc:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def __call__(self, source: Reading | str, *, published: date | None = None) -> Extraction:
        """Extract from one reading (its body, notes linked) or from plain text."""
        return self.run(_start(source, published)).to_extraction()

    def pipe_docs(self, docs: Iterable[ExtractDoc], *, batch_size: int = 16) -> Iterator[ExtractDoc]:
        """Stream documents through the stages: a stage with ``pipe`` (the spaCy parse) sees the
        whole stream, so that its worker processes start once, not once per batch."""
        stream: Iterator[ExtractDoc] = iter(docs)
        for stage in self.stages:
            batched = getattr(stage, "pipe", None)
            stream = batched(stream, batch_size=batch_size) if batched else map(stage, stream)
        yield from stream

    def pipe(self, sources: Iterable[Reading | str], *, batch_size: int = 16) -> Iterator[Extraction]:
        for doc in self.pipe_docs((_start(s, None) for s in sources), batch_size=batch_size):
            yield doc.to_extraction()


def _start(source: Reading | str, published: date | None) -> ExtractDoc:
    if isinstance(source, Reading):
        return from_reading(source)
    return from_text(source, published=published)
