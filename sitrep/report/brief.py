"""Build a brief about an actor, a place or a topic over a date range, from the merged picture:
key judgments first, then paragraphs of events and relations, every sentence with its notes.

Incidents: those with an asserted report, in the range (``IncidentFilter``'s rule), that the
subject takes in (``subject.Matcher``). Relations: those the documents state (not knowledge-pack
background) that the subject takes in, from documents published in the range (or undated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from itertools import groupby

from sitrep.errors import NotFound
from sitrep.report.cited import Cited
from sitrep.report.judgments import Cite, CiteRelation, about, key_judgments, plural
from sitrep.report.likelihood import check_sentences
from sitrep.report.model import Brief, Paragraph, Section, Sentence
from sitrep.report.notes import NoteBook
from sitrep.report.relations import RelationFact, stated_relations
from sitrep.report.roles import Roles, load_roles
from sitrep.report.sections import (
    RELATION_SECTION_OF,
    RELATION_SECTIONS,
    SECTION_OF,
    SECTIONS,
    SUPPORT,
)
from sitrep.report.sentences import MONTHS, claim_sentence, day_text, event_sentence, relation_sentence
from sitrep.report.subject import Matcher, candidates
from sitrep.resolve.picture import IncidentFilter, IncidentView, incidents
from sitrep.store.store import Store


class BriefError(ValueError):
    """A brief that breaks its own rules (a sentence without notes, likelihood beside confidence)."""


def build_brief(store: Store, about_text: str, *, kind: str | None = None, since: date | None = None,
                until: date | None = None) -> Brief:
    """The brief about ``about_text`` (an actor, place or topic; ``kind`` forces one) from
    ``since`` to ``until``. NotFound when the subject names nothing, or nothing in the range."""
    every = incidents(store)
    with store.connection() as conn:
        matchers = candidates(conn, every, about=about_text, kind=kind)
    in_range = incidents(store, IncidentFilter(since=since, until=until)) if since or until else every
    stated = stated_relations(store)
    for matcher in matchers:
        views = [v for v in in_range
                 if matcher.incident(v) and any(r.status == "asserted" for r in v.reports)]
        statements = _merged([r for r in stated if matcher.relation(r)
                              and _published_in(r.published, since, until)])
        if views or statements:
            return _write(store, matcher, views, statements, since, until)
    tried = " or ".join(f"an {m.subject.kind}" if m.subject.kind == "actor" else f"a {m.subject.kind}"
                        for m in matchers)
    raise NotFound(f"nothing in the store about {about_text!r} (as {tried}){_range_words(since, until)}; "
                   "`sitrep actors` lists the actors and `sitrep incidents` the incidents and places")


def _write(store: Store, matcher: Matcher, views: list[IncidentView],
           statements: list[tuple[RelationFact, ...]], since: date | None, until: date | None) -> Brief:
    book, cited, roles = NoteBook(), Cited(store), load_roles(store)
    relations = [group[0] for group in statements]
    every = {_key(group[0]): group for group in statements}

    def cite(group: Sequence[IncidentView]) -> tuple[int, ...]:
        return tuple(sorted({book.number(s) for v in group for r in v.reports for s in cited.report(r)}))

    def cite_relation(relation: RelationFact) -> tuple[int, ...]:
        """Every statement of the relation, in whichever document."""
        return tuple(sorted({book.number(s) for stated in every[_key(relation)]
                             for s in cited.notes(stated.document_id, stated.notes)}))

    period = _period(views, since, until)
    judgments = key_judgments(matcher.subject, views, relations, period, cite, cite_relation, roles)
    sections: list[Section] = []
    for heading in SECTIONS:
        if heading in RELATION_SECTIONS:
            paragraphs = _relation_paragraphs(
                [r for r in relations if RELATION_SECTION_OF.get(r.type, SUPPORT) == heading], cite_relation)
        else:
            paragraphs = _event_paragraphs([v for v in views if SECTION_OF.get(v.type) == heading], cite,
                                           roles)
        if paragraphs:
            sections.append(Section(heading, tuple(paragraphs)))
    subject = matcher.subject
    documents = len({r.document_id for v in views for r in v.reports}
                    | {stated.document_id for group in statements for stated in group})
    scope = (f"Incidents and stated relations {about(subject)} ({subject.kind}), {period}: "
             f"{plural(len(views), 'incident')} and {plural(len(relations), 'relation')} from "
             f"{plural(documents, 'document')}. Grades are Admiralty codes (source reliability A–F, "
             "information credibility 1–6); likelihood terms follow ICD 203.")
    title = f"{subject.label}, {period.removeprefix('from ').removeprefix('on ')}"
    if period.startswith(("since ", "up to ", "all ")):
        title = f"{subject.label}, {period}"
    brief = Brief(title=title, scope=scope, subject=subject, since=since, until=until,
                  key_judgments=tuple(judgments), sections=tuple(sections), notes=book.notes(),
                  incidents=len(views), relations=len(relations))
    check(brief)
    return brief


def check(brief: Brief) -> None:
    """BriefError unless every sentence has notes that exist and keeps likelihood and confidence
    apart, the key judgments use no estimative words off the ICD 203 scale (the body's sentences
    estimate nothing; names in them may hold any word), and every note is used."""
    numbers = {note.number for note in brief.notes}
    used: set[int] = set()
    problems = check_sentences([s.text for s in brief.key_judgments])
    problems += check_sentences([s.text for s in brief.sentences()[len(brief.key_judgments):]],
                                off_scale=False)
    for sentence in brief.sentences():
        if not sentence.notes:
            problems.append(f"no notes: {sentence.text!r}")
        problems.extend(f"note {n} does not exist: {sentence.text!r}" for n in sentence.notes
                        if n not in numbers)
        used.update(sentence.notes)
    problems.extend(f"note {n} is never cited" for n in sorted(numbers - used))
    if problems:
        raise BriefError("; ".join(problems))


def _event_paragraphs(views: list[IncidentView], cite: Cite, roles: Roles) -> list[Paragraph]:
    """One paragraph a month (undated last): each incident, then who claimed it."""
    paragraphs = []
    for _, group in groupby(views, key=lambda v: (v.date_value.year, v.date_value.month)
                            if v.date_value else (9999, 99)):
        sentences: list[Sentence] = []
        for view in group:
            sentences.append(Sentence(event_sentence(view, roles.doers(view)), cite([view])))
            claiming = tuple(r for r in view.reports if r.claimed_by)
            claimants = roles.claimants(view)
            if claiming and claimants:
                only = replace(view, reports=claiming)
                sentences.append(Sentence(claim_sentence(list(claimants)), cite([only])))
        paragraphs.append(Paragraph(tuple(sentences)))
    return paragraphs


def _relation_paragraphs(relations: list[RelationFact], cite_relation: CiteRelation) -> list[Paragraph]:
    """One paragraph for each source actor's relations."""
    paragraphs = []
    for _, group in groupby(relations, key=lambda r: r.source.casefold()):
        paragraphs.append(Paragraph(tuple(
            Sentence(relation_sentence(r.source, r.type, r.target, r.grade), cite_relation(r))
            for r in group)))
    return paragraphs


def _key(r: RelationFact) -> tuple[object, str, object]:
    return (r.source_id or r.source.casefold(), r.type, r.target_id or r.target.casefold())


def _merged(relations: list[RelationFact]) -> list[tuple[RelationFact, ...]]:
    """One group per (source, type, target), however often and wherever stated; by source,
    type and target. The first statement with a grade leads its group."""
    seen: dict[tuple[object, str, object], list[RelationFact]] = {}
    for r in relations:
        seen.setdefault(_key(r), []).append(r)
    groups = [tuple(sorted(g, key=lambda r: r.grade is None)) for g in seen.values()]
    return sorted(groups, key=lambda g: (g[0].source.casefold(), g[0].type, g[0].target.casefold()))


def _published_in(published: date | None, since: date | None, until: date | None) -> bool:
    if published is None:
        return True
    return not ((since and published < since) or (until and published > until))


def _period(views: list[IncidentView], since: date | None, until: date | None) -> str:
    dates = [v.date_value for v in views if v.date_value]
    first = since or (min(dates) if dates else None)
    last = until or (max((v.date_end or v.date_value for v in views if v.date_value), default=None))
    if first is None and last is None:
        return "all dates"
    if first is None:
        return f"up to {day_text(last)}" if last else "all dates"
    if last is None:
        return f"since {day_text(first)}"
    if first == last:
        return f"on {day_text(first)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"from {first.day} to {last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"from {day_text(first)} to {day_text(last)}"


def _range_words(since: date | None, until: date | None) -> str:
    if since and until:
        return f" from {since.isoformat()} to {until.isoformat()}"
    if since:
        return f" since {since.isoformat()}"
    if until:
        return f" until {until.isoformat()}"
    return ""
