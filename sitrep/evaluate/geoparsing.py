"""Score sitrep's places on GeoWebNews (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation").

Gold: ``GWN.xml`` (every toponym typed, with offsets into the article text and coordinates), or
brat files (``N.txt`` + ``N.ann``, coordinates or a GeoNames id in each toponym's note; the
``TITLE: … LINK: …`` header line is left out of the analysis). Literal toponyms are the types
``LITERAL``; the associative ones (metonymy, demonyms, non-literal modifiers…) are ``ASSOCIATIVE``.

Metrics:

- ``geo.toponyms.{precision,recall,f1}``: sitrep's place spans against the literal toponyms,
  one-to-one on overlapping spans; a place that overlaps an associative toponym counts as wrong.
- ``geo.toponyms_all.{precision,recall,f1}``: the same against literal and associative toponyms.
- ``geo.resolution.acc161`` (the counted one): for each literal toponym with gold coordinates, the
  point sitrep gives it lies within 161 km (100 miles) of them. The point is that of an
  overlapping place sitrep resolved, else the gazetteer's best reading of the gold name with the
  document's country and province context and the points of its other places (so recognition
  misses do not count here: the gold names are given; a reading as a village far from the
  document's other places, ``remote_village``, is dropped), else, for a name nothing locates (a
  street, a building), the document focus: the town named closest to it in its paragraph, else
  the document's most named place (``document_focus``). The same for every name.
- ``geo.resolution.acc161_named``: the same without the document-focus fallback (a name nothing
  locates counts as wrong).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import NotFound
from sitrep.evaluate.metrics import Metric, accuracy
from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.extract.stages.places import PlacesStage, document_focus
from sitrep.knowledge.distance import distance_km, remote
from sitrep.knowledge.gazetteer import Gazetteer, load_gazetteer
from sitrep.model.facts import Place
from sitrep.model.span import Span

LITERAL = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier"})
ASSOCIATIVE = frozenset({"Metonymic", "Demonym", "Language", "Non_Literal_Modifier", "Embedded_Non_Lit",
                         "Homonym"})
KM = 161.0
_HEADER = re.compile(r"TITLE: .*?(?:\n|$)")


@dataclass(frozen=True, slots=True)
class GoldToponym:
    span: Span
    text: str
    type: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    body_start: int = 0  # where the article proper starts (after a brat header line)


def evaluate_geowebnews(folder: str | Path, *, limit: int | None = None, pipeline: Any = None,
                        gazetteer: Gazetteer | None = None) -> list[Metric]:
    """Run the places pipeline (parse → mentions → places) over the articles and score it."""
    articles = load_geowebnews(folder, limit=limit)
    gazetteer = gazetteer or load_gazetteer()
    pipeline = pipeline or places_pipeline(gazetteer)
    docs = list(pipeline.pipe_docs(_start(a) for a in articles))
    return score_geowebnews(articles, docs, gazetteer)


def score_geowebnews(articles: Sequence[GoldArticle], docs: Sequence[ExtractDoc], gazetteer: Gazetteer
                     ) -> list[Metric]:
    literal = tp_all = predicted = gold_literal = gold_all = 0
    right = right_named = total = by_stage = by_gazetteer = by_focus = 0
    for article, doc in zip(articles, docs, strict=True):
        spans = [p.span for p in doc.places if p.span.start >= article.body_start]
        lit = [t for t in article.toponyms if t.type in LITERAL]
        every = [t for t in article.toponyms if t.type in LITERAL | ASSOCIATIVE]
        literal += _matches(spans, [t.span for t in lit])
        tp_all += _matches(spans, [t.span for t in every])
        predicted += len(spans)
        gold_literal += len(lit)
        gold_all += len(every)
        countries = doc.user_data.get("place_countries", {})
        areas = doc.user_data.get("place_admin1", {})
        for toponym in lit:
            if toponym.lat is None or toponym.lon is None:
                continue
            total += 1
            point = _stage_point(doc, toponym.span)
            if point is not None:
                by_stage += 1
            else:
                near = [(p.lat, p.lon) for p in doc.places if p.precision in (1, 2, 3) and p.lat is not None
                        and p.lon is not None and not p.span.overlaps(toponym.span)]
                place = gazetteer.resolve(toponym.text, context_countries=countries, context_admin1=areas,
                                          demonyms=True, embedded=True, near=near)
                point = None if place is None or remote_village(place, near) else _point(place)
                by_gazetteer += point is not None
            hit = point is not None and distance_km(point, (toponym.lat, toponym.lon)) <= KM
            right_named += hit
            if point is None:
                point = _point(document_focus(doc.places, near=toponym.span, text=doc.text))
                by_focus += point is not None
            right += point is not None and distance_km(point, (toponym.lat, toponym.lon)) <= KM
    detail = f"{by_stage} located by the places stage, {by_gazetteer} by the gazetteer, {by_focus} by the " \
             f"document focus (the town named closest in the paragraph, else the most named place), " \
             f"{total - by_stage - by_gazetteer - by_focus} not located"
    return [*_prf("geo.toponyms", literal, predicted, gold_literal),
            *_prf("geo.toponyms_all", tp_all, predicted, gold_all),
            accuracy("geo.resolution.acc161", right, total, detail),
            accuracy("geo.resolution.acc161_named", right_named, total,
                     "without the document-focus fallback: a name nothing locates counts as wrong")]


def remote_village(place: Place, near: Sequence[tuple[float, float]]) -> bool:
    """Whether a place is a village (a town with no population figure: under 15,000 people) more
    than ``REMOTE_KM`` from every town the document locates: most likely a namesake of the name
    ("White House", "Congress", a street named after a town)."""
    return place.precision == 1 and place.geonameid is None and place.lat is not None \
        and place.lon is not None and remote(place.lat, place.lon, near)


def _point(place: Place | None) -> tuple[float, float] | None:
    if place is None or place.lat is None or place.lon is None:
        return None
    return place.lat, place.lon


def places_pipeline(gazetteer: Gazetteer | None = None, *, knowledge: Any = None, packs: bool = True) -> Any:
    """parse → mentions → places, with ``knowledge`` (default: the bundled packs; none when not
    ``packs``)."""
    import spacy

    from sitrep.extract.nlp import MODEL
    from sitrep.extract.pipeline import Pipeline
    from sitrep.extract.stages.parse import ParseStage

    if knowledge is None and packs:
        knowledge = _knowledge()
    nlp = spacy.load(MODEL)
    try:
        from sitrep.extract.stages.mentions import MentionsStage
        from sitrep.knowledge.pack import add_entity_ruler
    except ImportError:  # the mentions stage is not there yet: places read spaCy's entities alone
        mentions: Any = _NoMentions()
    else:
        if knowledge is not None:
            add_entity_ruler(nlp, knowledge)
        mentions = MentionsStage(knowledge)
    return Pipeline([ParseStage(nlp), mentions, PlacesStage(knowledge, gazetteer)])


class _NoMentions:
    name = "mentions"
    requires = ("spacy",)
    assigns = ("mentions",)

    def __call__(self, doc: ExtractDoc) -> ExtractDoc:
        return doc


def _knowledge() -> Any:
    try:
        from sitrep.knowledge.pack import load_packs
    except ImportError:
        return None
    return load_packs()


def load_geowebnews(folder: str | Path, *, limit: int | None = None) -> list[GoldArticle]:
    """Articles from ``GWN.xml`` (or an .xml file), else from brat files in the folder (or in its
    ``GeoWebNews_brat``), in document order."""
    folder = Path(folder)
    xml = folder if folder.suffix.lower() == ".xml" else folder / "GWN.xml"
    if xml.is_file():
        return _from_xml(xml, limit)
    brat = folder if any(folder.glob("*.ann")) else folder / "GeoWebNews_brat"
    if not any(brat.glob("*.ann")):
        raise NotFound(f"{folder}: no GWN.xml and no brat .ann files")
    names = sorted((p.stem for p in brat.glob("*.ann")), key=lambda s: (not s.isdigit(), int(s) if s.isdigit()
                                                                           else 0, s))
    return [_from_brat(brat / f"{n}.txt", brat / f"{n}.ann") for n in names[:limit]]


def _from_xml(path: Path, limit: int | None) -> list[GoldArticle]:
    root = ET.parse(path).getroot()
    articles = []
    for node in root.findall("article")[:limit]:
        text = node.findtext("text") or ""
        toponyms = []
        for t in node.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            if not 0 <= start < end <= len(text):
                continue  # a toponym of the title, which the XML keeps apart from the text
            toponyms.append(GoldToponym(Span(start, end), text[start:end], t.findtext("type") or "",
                                        float(lat) if lat else None, float(lon) if lon else None))
        articles.append(GoldArticle(node.get("file", str(len(articles))), text, tuple(toponyms)))
    return articles


def _from_brat(txt: Path, ann: Path) -> GoldArticle:
    text = txt.read_text(encoding="utf-8")
    header = _HEADER.match(text)
    found: dict[str, tuple[Span, str, str]] = {}
    notes: dict[str, str] = {}
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            kind, *offsets = parts[1].replace(";", " ").split()
            found[parts[0]] = (Span(int(offsets[0]), int(offsets[-1])), parts[2], kind)
        elif line.startswith("#") and len(parts) >= 3 and parts[1].startswith("AnnotatorNotes"):
            notes[parts[1].split()[-1]] = parts[2].strip()
    toponyms = []
    for key, (span, name, kind) in found.items():
        point = _note_point(notes.get(key, ""))
        toponyms.append(GoldToponym(span, name, kind, *(point or (None, None))))
    return GoldArticle(txt.stem, text, tuple(sorted(toponyms, key=lambda t: t.span.start)),
                       header.end() if header else 0)


def _note_point(note: str) -> tuple[float, float] | None:
    """A brat note's coordinates ("lat, lon"), or those of the GeoNames id it holds if known."""
    parts = [p.strip() for p in note.split(",")]
    try:
        if len(parts) == 2:
            return float(parts[0]), float(parts[1])
        if note.isdigit():
            found = load_gazetteer().by_geonameid(int(note))
            return (found.lat, found.lon) if found else None
    except ValueError:
        return None
    return None


def _start(article: GoldArticle) -> ExtractDoc:
    doc = from_text(article.text, document_id=article.id)
    if article.body_start:
        doc.analysis_text = re.sub(r"[^\n]", " ", article.text[: article.body_start]) + \
            article.text[article.body_start:]
    return doc


def _stage_point(doc: ExtractDoc, span: Span) -> tuple[float, float] | None:
    best = max((p for p in doc.places if p.span.overlaps(span) and _point(p) is not None),
               key=lambda p: min(p.span.end, span.end) - max(p.span.start, span.start), default=None)
    return _point(best)


def _matches(predicted: Iterable[Span], gold: Sequence[Span]) -> int:
    """One-to-one matches between overlapping spans (greedy in text order)."""
    used: set[int] = set()
    hits = 0
    for span in predicted:
        j = next((j for j, g in enumerate(gold) if j not in used and g.overlaps(span)), None)
        if j is not None:
            used.add(j)
            hits += 1
    return hits


def _prf(name: str, hits: int, predicted: int, gold: int) -> list[Metric]:
    p = hits / predicted if predicted else (1.0 if not gold else 0.0)
    r = hits / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    detail = f"{hits} matched of {predicted} predicted, {gold} gold"
    return [Metric(f"{name}.precision", p, gold, detail), Metric(f"{name}.recall", r, gold, detail),
            Metric(f"{name}.f1", f, gold, detail)]
