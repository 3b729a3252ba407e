from __future__ import annotations

from sitrep.ingest.reading import read_document
from sitrep.model.document import Document


def test_a_caption_above_the_headline_is_not_the_title() -> None:
    text = ("Soldiers unload supplies at the northern airfield\n\nMay 2, 2020\n\n"
            "Supply Lines Under Strain\n\n"
            "Soldiers unload supplies at the northern airfield. (Photo: Army Media)\n\n"
            "The garrison has received no fuel for a week.[1]\n\n[1] A note.\n")
    reading = read_document(Document(text=text, source="t.txt", media_type="text/plain",
                                     title="Soldiers unload supplies at the northern airfield"))
    assert reading.document.title == "Supply Lines Under Strain"
    assert any(b.kind == "credit" for b in reading.boilerplate)


def test_a_title_the_reader_found_is_kept() -> None:
    doc = Document(text="Headline\n\nBody text here.\n", source="t.md", media_type="text/markdown",
                   title="Headline")
    assert read_document(doc).document.title == "Headline"
