"""The default extraction pipeline: which stages, in which order, with which packs."""

from __future__ import annotations

from collections.abc import Sequence

from sitrep.extract.nlp import MODEL
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.stages.dates import DatesStage
from sitrep.extract.stages.events import EventsStage
from sitrep.extract.stages.mentions import MentionsStage
from sitrep.extract.stages.parse import ParseStage
from sitrep.extract.stages.places import PlacesStage
from sitrep.extract.stages.quantities import QuantitiesStage
from sitrep.extract.stages.quotes import QuotesStage
from sitrep.extract.stages.relations import RelationsStage
from sitrep.knowledge.pack import Knowledge, add_entity_ruler, load_packs


def build_pipeline(
    *, packs: Sequence[str] | None = None, knowledge: Knowledge | None = None, n_process: int = 1,
    model: str = MODEL,
) -> Pipeline:
    """sitrep's pipeline: parse → mentions → dates → places → quantities → events → relations → quotes.

    ``packs`` names the knowledge packs to load (default: every bundled pack); pass ``[]`` for none.
    """
    import spacy

    knowledge = knowledge if knowledge is not None else load_packs(packs)
    nlp = spacy.load(model)
    add_entity_ruler(nlp, knowledge)
    return Pipeline([
        ParseStage(nlp, n_process=n_process),
        MentionsStage(knowledge),
        DatesStage(),
        PlacesStage(knowledge),
        QuantitiesStage(),
        EventsStage(knowledge),
        RelationsStage(knowledge),
        QuotesStage(),
    ])
