"""Score actor resolution across documents: are the mentions of one actor put in one canonical
actor, and the mentions of different actors kept apart?

Pairwise: each actor mention whose words are one of a gold actor's ``forms`` (folded as pack
names are; a form two gold actors share is left out) is an item, one per (actor row, form); a
pair of items is *predicted* when resolution gives both the same canonical actor, *gold* when
they are forms of the same gold actor. ``resolve.actors.pairwise.precision`` is the share of
predicted pairs that are gold, ``recall`` the share of gold pairs predicted (both 1.0 with no
pairs to find). Mentions whose words are no gold form are not scored: extraction's recall is
scored elsewhere (``actors.forms_resolved``).

Two sets: the project's multi-document fixtures (``tests/fixtures/multidoc`` and its
``actors.gold.yaml``: ``resolve.actors.pairwise.*``) and the seed with its notes
(``../shared/eval/seed/gold.yaml``'s ``actors``: ``resolve.actors.seed.pairwise.*``). Each is
ingested with the extraction pipeline into a temporary store, and resolved there.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
import yaml

from sitrep.errors import NotFound, SitrepError
from sitrep.evaluate.across import fixtures_and_seed
from sitrep.evaluate.gold import gold_document_path, load_seed_gold
from sitrep.evaluate.metrics import Metric, prf
from sitrep.knowledge.names import alias_key
from sitrep.store import tables as t

if TYPE_CHECKING:
    from sitrep.ingest.extraction import Extractor

METRIC = "resolve.actors.pairwise"
SEED_METRIC = "resolve.actors.seed.pairwise"
FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "multidoc"
GOLD_NAME = "actors.gold.yaml"
_SHOWN = 6  # pairs named in a metric's detail


@dataclass(frozen=True, slots=True)
class _Item:
    actor_id: int
    document_id: str
    text: str
    gold: str


def score_resolution(conn: sa.Connection, gold_actors: Sequence[dict[str, Any]], *,
                     name: str = METRIC) -> list[Metric]:
    """``name``.precision/recall/f1 of the resolved store on ``conn`` against ``gold_actors``
    (each with ``id`` and ``forms``); missed and extra pairs in ``detail``."""
    from sitrep.resolve.actor_store import canonical_of

    items = _items(conn, gold_actors)
    canonical = canonical_of(conn)
    predicted, gold = set(), set()
    for i, j in combinations(range(len(items)), 2):
        a, b = items[i], items[j]
        if canonical.get(a.actor_id) is not None and canonical.get(a.actor_id) == canonical.get(b.actor_id):
            predicted.add((i, j))
        if a.gold == b.gold:
            gold.add((i, j))
    precision, recall, f1 = prf(predicted, gold)
    detail = "; ".join(part for part in (
        _pairs("apart", gold - predicted, items), _pairs("joined", predicted - gold, items)) if part)
    support = len(gold)
    return [Metric(f"{name}.precision", precision, support, detail),
            Metric(f"{name}.recall", recall, support, detail), Metric(f"{name}.f1", f1, support, detail)]


def _items(conn: sa.Connection, gold_actors: Sequence[dict[str, Any]]) -> list[_Item]:
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in gold_actors:
        for form in [actor.get("name"), *(actor.get("forms") or [])]:
            if form:
                owners[alias_key(str(form))].add(str(actor["id"]))
    forms = {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}
    m = t.actor_mentions.c
    seen: dict[tuple[int, str], _Item] = {}
    for actor_id, document_id, text in conn.execute(
            sa.select(m.actor_id, m.document_id, m.text).order_by(m.id)).tuples():
        key = alias_key(text)
        if key in forms:
            seen.setdefault((actor_id, key), _Item(actor_id, document_id, text, forms[key]))
    return list(seen.values())


def _pairs(what: str, pairs: set[tuple[int, int]], items: list[_Item]) -> str:
    if not pairs:
        return ""
    shown = [f"{_shown(items[i])} / {_shown(items[j])}" for i, j in sorted(pairs)[:_SHOWN]]
    more = f" and {len(pairs) - _SHOWN} more" if len(pairs) > _SHOWN else ""
    return f"{len(pairs)} pair(s) wrongly {what}: " + ", ".join(shown) + more


def _shown(item: _Item) -> str:
    return f"'{item.text}' ({item.document_id[:8]})"


def resolve_documents(paths: Sequence[str | Path], pipeline: Extractor, *, db: Path) -> Any:
    """A store at ``db`` holding ``paths`` extracted with ``pipeline`` and resolved; the caller
    closes it. Raises SitrepError when a document cannot be read or extracted."""
    from sitrep.ingest.batch import ingest
    from sitrep.resolve.actor_store import resolve_actors
    from sitrep.store.store import Store

    store = Store.open(f"sqlite:///{db}")
    result = ingest(store, [str(p) for p in paths], pipeline=pipeline)
    failed = [f"{o.source}: {o.reason}" for o in result.outcomes if o.status == "failed"]
    if failed or result.extraction_unavailable:
        store.close()
        raise SitrepError("cannot score actor resolution: " + "; ".join(
            failed or [str(result.extraction_unavailable)]))
    with store.transaction("resolve actors for evaluation") as conn:
        resolve_actors(conn)
    return store


def evaluate_documents(paths: Sequence[str | Path], gold_actors: Sequence[dict[str, Any]], *,
                       pipeline: Extractor | None = None, name: str = METRIC) -> list[Metric]:
    """Ingest ``paths`` into a temporary store (default pipeline unless one is given), resolve,
    and score against ``gold_actors``."""
    if pipeline is None:
        from sitrep.extract.default import build_pipeline

        pipeline = build_pipeline()
    with tempfile.TemporaryDirectory(prefix="sitrep-actors-") as folder:
        store = resolve_documents(paths, pipeline, db=Path(folder) / "eval.db")
        try:
            with store.connection() as conn:
                return score_resolution(conn, gold_actors, name=name)
        finally:
            store.close()


def load_actor_gold(path: str | Path) -> tuple[list[Path], list[dict[str, Any]]]:
    """A fixture set's actor gold: (its documents, its actors). ``documents`` lists files beside
    the gold file; without it, every other file of the folder except YAML ones."""
    path = Path(path)
    if not path.is_file():
        raise NotFound(f"{path}: actor gold not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise SitrepError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise SitrepError(f"{path}: expected a mapping with an 'actors' list (id, name, forms)")
    listed = data.get("documents")
    folder = path.parent
    documents = ([folder / str(name) for name in listed] if listed else sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() not in (".yaml", ".yml")))
    missing = [str(p) for p in documents if not p.is_file()]
    if missing:
        raise NotFound(f"{path}: documents not found: {', '.join(missing)}")
    return documents, list(data["actors"])


def evaluate_fixtures(folder: str | Path = FIXTURES, *, pipeline: Extractor | None = None) -> list[Metric]:
    """``resolve.actors.pairwise.*`` on a multi-document fixture set (its ``actors.gold.yaml``)."""
    documents, actors = load_actor_gold(Path(folder) / GOLD_NAME)
    return evaluate_documents(documents, actors, pipeline=pipeline, name=METRIC)


def evaluate_seed(gold_path: str | Path, *, pipeline: Extractor | None = None) -> list[Metric]:
    """``resolve.actors.seed.pairwise.*``: the seed document (with its notes) in a store of its own,
    against the seed gold's ``actors``."""
    gold = load_seed_gold(gold_path)
    document = gold_document_path(gold_path, gold)
    if not document.is_file():
        raise NotFound(f"{document}: the seed document of {gold_path} is not there")
    return evaluate_documents([document], gold.get("actors") or [], pipeline=pipeline, name=SEED_METRIC)


def evaluate_actor_resolution(*, seed_gold: str | Path | None = None, fixtures: str | Path | None = FIXTURES,
                              pipeline: Extractor | None = None) -> list[Metric]:
    """Actor resolution on the fixtures (when their gold is there) and the seed (when given), with
    one pipeline for both (default: sitrep's, built once)."""
    return fixtures_and_seed(evaluate_fixtures, evaluate_seed, gold_name=GOLD_NAME, seed_gold=seed_gold,
                             fixtures=fixtures, pipeline=pipeline)
