"""Sections and the PLOVER types a heading word names."""

from __future__ import annotations

from sitrep.model.vocab import PLOVER_TYPES
from sitrep.report.sections import SECTION_OF, types_named


def test_every_plover_type_has_a_section() -> None:
    assert set(SECTION_OF) == set(PLOVER_TYPES)


def test_heading_words_name_types() -> None:
    assert types_named("attacks") == types_named("Attack") == {"ASSAULT"}
    assert types_named("threats") == {"COERCE", "THREATEN", "MOBILIZE", "PROTEST"}
    assert "SANCTION" in types_named("economics")
    assert types_named("and") == frozenset() and types_named("bombing") == frozenset()


def test_every_relation_type_has_a_section() -> None:
    from sitrep.model.vocab import RELATION_TYPES
    from sitrep.report.sections import ALIGNMENT, RELATION_SECTION_OF, SUPPORT

    assert set(RELATION_SECTION_OF) == set(RELATION_TYPES)
    assert RELATION_SECTION_OF["supplies_weapons"] == SUPPORT
    assert RELATION_SECTION_OF["opposes"] == ALIGNMENT
