"""Stated relations with canonical actors, where they are stated, and their grades."""

from __future__ import annotations

import re

from sitrep.report.relations import stated_relations
from sitrep.store.store import Store


def test_the_brief_states_a_membership(store: Store) -> None:
    found = stated_relations(store)
    member = next(r for r in found if r.type == "member_of")
    assert member.source == "Mohammed Abdirahman Warsame" and member.target == "Al-Shabaab"
    assert member.notes == (4,)
    assert member.grade is not None and re.fullmatch(r"[A-F][1-6]", member.grade)
    assert member.published is not None and member.published.isoformat() == "2022-04-04"
