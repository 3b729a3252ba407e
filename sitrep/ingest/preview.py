"""What extraction finds in a reading, shaped as the store would list it, without storing anything.

``sitrep extract FILE --format json|plover`` prints this; the events carry the ids the store would
give them, and the same evidence (sentence, notes with their citations) that ``Store.events`` gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.model.citation import Note
from sitrep.model.facts import ActorRef, Extraction, Mention, Quote
from sitrep.model.reading import Reading
from sitrep.model.span import Span
from sitrep.store.facts_writer import event_ids
from sitrep.store.records import StoredEvent, StoredRelation


@dataclass(frozen=True, slots=True)
class Preview:
    """One document's extraction with its evidence, as ``sitrep events``/``relations`` would show it."""

    document_id: str
    title: str | None
    source: str
    events: tuple[StoredEvent, ...]
    relations: tuple[StoredRelation, ...]
    quotes: tuple[Quote, ...]
    actors: tuple[ActorRef, ...]
    mentions: tuple[Mention, ...]


def preview(reading: Reading, extraction: Extraction) -> Preview:
    """``extraction`` of ``reading`` with each event's and relation's document, sentence and notes."""
    doc = reading.document
    notes = {note.number: note for note in reading.notes.notes}

    def words(span: Span) -> str:
        return span.slice(doc.text)

    def cited(numbers: tuple[int, ...]) -> tuple[Note, ...]:
        return tuple(notes[n] for n in numbers if n in notes)

    events = tuple(
        StoredEvent(
            id=eid,
            document_id=reading.id,
            document_title=doc.title,
            document_source=doc.source,
            document_published=doc.published,
            event=event,
            sentence_text=words(event.sentence),
            notes=cited(event.notes),
        )
        for eid, event in zip(event_ids(reading.id, extraction.events), extraction.events, strict=True)
    )
    relations = tuple(
        StoredRelation(
            position=seq,
            document_id=reading.id,
            document_title=doc.title,
            document_source=doc.source,
            relation=relation,
            sentence_text=words(relation.sentence),
            notes=cited(relation.notes),
            background=relation.origin.startswith("pack:"),
        )
        for seq, relation in enumerate(extraction.relations)
    )
    return Preview(
        document_id=reading.id,
        title=doc.title,
        source=doc.source,
        events=events,
        relations=relations,
        quotes=extraction.quotes,
        actors=extraction.actors,
        mentions=extraction.mentions,
    )
