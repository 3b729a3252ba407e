"""What a fact rests on, as note sources: the pieces its footnotes cite (with their authors), or,
when it rests only on the ingested document's own words, that document."""

from __future__ import annotations

from sitrep.model.reading import Reading
from sitrep.report.model import Source
from sitrep.report.notes import from_citation, from_document
from sitrep.resolve.picture import ReportView
from sitrep.store.store import Store


class Cited:
    """Reads each document once; gives the sources behind a report or a document's notes."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._readings: dict[str, Reading] = {}

    def reading(self, document_id: str) -> Reading:
        if document_id not in self._readings:
            self._readings[document_id] = self._store.load_reading(document_id)
        return self._readings[document_id]

    def notes(self, document_id: str, numbers: tuple[int, ...]) -> list[Source]:
        """The citations of the document's notes ``numbers``; the document itself for a note that
        cites nothing it could parse, or when there are no notes."""
        reading = self.reading(document_id)
        by_number = {note.number: note for note in reading.notes.notes}
        found: list[Source] = []
        for number in numbers:
            note = by_number.get(number)
            if note is not None and note.citations:
                found.extend(from_citation(c) for c in note.citations)
            else:
                found.append(from_document(reading.document))
        return found or [from_document(reading.document)]

    def report(self, report: ReportView) -> list[Source]:
        return self.notes(report.document_id, report.notes)
