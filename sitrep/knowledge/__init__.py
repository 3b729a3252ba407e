"""Background knowledge as data: YAML packs of actors, facilities, weapons, trigger words and
relations (see ``sitrep.knowledge.pack`` and ``packs/README.md``)."""

from sitrep.knowledge.model import (
    Country,
    Facility,
    GenericGroup,
    PackActor,
    PackRelation,
    Trigger,
    Weapon,
)
from sitrep.knowledge.names import alias_key
from sitrep.knowledge.pack import Knowledge, add_entity_ruler, bundled_packs, load_packs
from sitrep.knowledge.schema import PackError

__all__ = [
    "Country", "Facility", "GenericGroup", "Knowledge", "PackActor", "PackError", "PackRelation", "Trigger",
    "Weapon", "add_entity_ruler", "alias_key", "bundled_packs", "load_packs",
]
