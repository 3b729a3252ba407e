"""Who carried an incident out, apart from who claimed it, with canonical names."""

from __future__ import annotations

from sitrep.report.roles import load_roles
from sitrep.resolve.picture import incidents
from sitrep.store.store import Store


def test_doers_and_claimants_apart(store: Store) -> None:
    roles = load_roles(store)
    views = {v.place_name: v for v in incidents(store)}
    afgooye, jilib = views["Afgooye"], views["Jilib"]
    assert roles.claimants(afgooye) == ("Al-Shabaab",)  # "Al-Shabab claimed responsibility"
    assert "Government of the United States" in roles.doers(jilib)
    assert "Government of the United States" not in roles.claimants(jilib)
    assert "Mohammed Abdirahman Warsame" in roles.named(jilib, "recipient")
