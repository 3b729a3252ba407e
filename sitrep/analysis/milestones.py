"""Milestones: dated decision points the user declares ("2011-12-31 US withdrawal deadline"), kept in
the store (the user's own data, never rebuilt), against which timelines, trends and alerts are read.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlalchemy as sa

from sitrep.errors import NotFound, SitrepError
from sitrep.store import tables as t
from sitrep.store.store import Store


@dataclass(frozen=True, slots=True)
class Milestone:
    id: int
    day: date
    label: str


@dataclass(frozen=True, slots=True)
class Nearest:
    """The nearest milestone on or after a period (``ahead``, ``days_ahead`` from the period's last
    day to it: 0 when it falls within the period) and the nearest before it (``behind``,
    ``days_behind`` from it to the period's first day)."""

    ahead: Milestone | None
    days_ahead: int | None
    behind: Milestone | None
    days_behind: int | None

    def describe(self) -> str:
        """'12 days before "US withdrawal deadline"; 40 days after "Surge announced"'."""
        parts = []
        if self.ahead is not None and self.days_ahead is not None:
            if self.days_ahead == 0:
                parts.append(f"in the period of {self.ahead.label!r} ({self.ahead.day.isoformat()})")
            else:
                parts.append(f"{_days(self.days_ahead)} before {self.ahead.label!r}")
        if self.behind is not None and self.days_behind is not None:
            parts.append(f"{_days(self.days_behind)} after {self.behind.label!r}")
        return "; ".join(parts)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _label(label: str) -> str:
    label = " ".join(label.split())
    if not label:
        raise SitrepError("a milestone needs a label: say what happens on that day")
    return label


def find(store: Store, day: date, label: str) -> Milestone | None:
    """The milestone ``label`` on ``day`` (spacing aside), if it has been declared."""
    label = _label(label)
    return next((m for m in listed(store) if m.day == day and m.label == label), None)


def add(store: Store, day: date, label: str) -> Milestone:
    """Record milestone ``label`` on ``day``; an empty label is refused. Declaring the same
    milestone again changes nothing and gives the one declared."""
    label = _label(label)
    known = find(store, day, label)
    if known is not None:
        return known
    with store.transaction(f"add the milestone {label!r}") as conn:
        new_id = conn.execute(sa.insert(t.milestones).values(
            day=day, label=label, made_at=datetime.now(UTC))).inserted_primary_key
        assert new_id is not None
    return Milestone(int(new_id[0]), day, label)


def listed(store: Store) -> list[Milestone]:
    """Every milestone, by day."""
    with store.connection() as conn:
        return load(conn)


def load(conn: sa.Connection) -> list[Milestone]:
    m = t.milestones.c
    return [Milestone(row.id, row.day, row.label)
            for row in conn.execute(sa.select(m.id, m.day, m.label).order_by(m.day, m.id))]


def remove(store: Store, milestone_id: int) -> Milestone:
    """Delete milestone ``milestone_id``; NotFound when there is none."""
    m = t.milestones.c
    with store.transaction(f"remove milestone {milestone_id}") as conn:
        row = conn.execute(sa.select(m.id, m.day, m.label).where(m.id == milestone_id)).first()
        if row is None:
            known = ", ".join(str(x.id) for x in load(conn)) or "none yet"
            raise NotFound(f"no milestone {milestone_id}: the milestones are {known} "
                           "(`sitrep milestones list`)")
        conn.execute(sa.delete(t.milestones).where(m.id == milestone_id))
    return Milestone(row.id, row.day, row.label)


def nearest(milestones: list[Milestone], first: date, last: date | None = None) -> Nearest:
    """The milestones nearest the period ``first``..``last`` (a day when ``last`` is None);
    ``milestones`` sorted by day, as ``listed`` gives them."""
    last = last or first
    days = [m.day for m in milestones]
    at = bisect.bisect_left(days, first)
    ahead = milestones[at] if at < len(milestones) else None
    behind = milestones[at - 1] if at > 0 else None
    return Nearest(
        ahead=ahead,
        days_ahead=None if ahead is None else max(0, (ahead.day - last).days),
        behind=behind,
        days_behind=None if behind is None else (first - behind.day).days,
    )
