"""Who did what in an incident, by role, with canonical names: the actors who carried it out
apart from those who claimed it (an incident's ``actors`` holds both)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sitrep.resolve.event_store import canonical_actors
from sitrep.resolve.picture import IncidentView
from sitrep.store import tables as t
from sitrep.store.store import Store


@dataclass(frozen=True, slots=True)
class Roles:
    """event id → role (actor, recipient, claimed_by, …) → canonical names, in order."""

    by_event: dict[str, dict[str, tuple[str, ...]]]

    def named(self, view: IncidentView, role: str) -> tuple[str, ...]:
        """The canonical names in ``role`` across the incident's reports, first seen first."""
        seen: dict[str, str] = {}
        for report in view.reports:
            for name in self.by_event.get(report.event_id, {}).get(role, ()):
                seen.setdefault(name.casefold(), name)
        return tuple(seen.values())

    def doers(self, view: IncidentView) -> tuple[str, ...]:
        return self.named(view, "actor")

    def claimants(self, view: IncidentView) -> tuple[str, ...]:
        return self.named(view, "claimed_by")


def load_roles(store: Store) -> Roles:
    r = t.event_roles.c
    with store.connection() as conn:
        canonical, names = canonical_actors(conn)
        actor_names = dict(conn.execute(sa.select(t.actors.c.id, t.actors.c.name)).tuples().all())
        rows = conn.execute(sa.select(r.event_id, r.role, r.actor_id)
                            .order_by(r.event_id, r.role, r.position)).tuples().all()
    found: dict[str, dict[str, list[str]]] = {}
    for event_id, role, actor_id in rows:
        shown = names.get(canonical.get(actor_id, actor_id), actor_names.get(actor_id, "?"))
        found.setdefault(event_id, {}).setdefault(role, []).append(shown)
    return Roles({e: {role: tuple(n) for role, n in roles.items()} for e, roles in found.items()})
