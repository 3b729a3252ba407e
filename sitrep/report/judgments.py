"""Key judgments: two to four sentences at the top of a brief, tied to counts and grades.

The first counts what the sources record. The next give likelihood in ICD 203 terms
(``likelihood.likelihood_for``): that the best-attested incident happened as reported, and, only
when the sources name an attacker, that the most-named actor carried out the attacks it is
named in (the least-attested of them sets the term: the conservative reading). The last states
the confidence in these judgments in a sentence of its own (``likelihood.confidence_for``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from sitrep.report.likelihood import SCALE, Band, confidence_for, likelihood_for
from sitrep.report.model import Sentence, Subject
from sitrep.report.relations import RelationFact
from sitrep.report.roles import Roles
from sitrep.report.sentences import (
    capital,
    day_text,
    name,
    noun,
    number,
    place,
    preposition,
    relation_sentence,
    toll,
)
from sitrep.resolve.picture import IncidentView

Cite = Callable[[Sequence[IncidentView]], tuple[int, ...]]
CiteRelation = Callable[[RelationFact], tuple[int, ...]]


def estimate(band: Band, clause: str) -> str:
    """"It is likely that …", "There is a roughly even chance that …"."""
    if band.term.endswith("chance"):
        article = "" if band.term.startswith("almost") else "a "
        return f"There is {article}{band.term} that {clause}"
    return f"It is {band.term} that {clause}"


def about(subject: Subject) -> str:
    if subject.kind == "actor":
        return f"involving {name(subject.label)}"
    if subject.kind == "place":
        return f"in or near {subject.label}"
    return f"of type {subject.label}" if subject.label.isupper() else f"matching “{subject.label}”"


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def key_judgments(subject: Subject, views: list[IncidentView], relations: list[RelationFact],
                  period: str, cite: Cite, cite_relation: CiteRelation, roles: Roles) -> list[Sentence]:
    """The key judgments, in order, each with its notes."""
    found: list[Sentence] = []
    if views:
        found.append(Sentence(_count(subject, views, period), cite(views)))
        best = _best(views)
        if best is not None:
            band, view = best
            found.append(Sentence(estimate(band, _happened(view)), cite([view])))
        attribution = _attribution(subject, views, roles)
        if attribution is not None:
            text, attributed = attribution
            found.append(Sentence(text, cite(attributed)))
        judged = [v for v in views if likelihood_for(v.credibility, v.reliability, v.sources)]
        found.append(Sentence(_confidence(views), cite(judged or views)))
    elif relations:
        found.append(Sentence(f"The sources state {plural(len(relations), 'relation')} "
                              f"{about(subject)} but record no incident {period}.",
                              tuple(sorted({n for r in relations for n in cite_relation(r)}))))
        graded = [(b, r) for r in relations if (b := _relation_band(r)) is not None]
        if graded:
            band, relation = max(graded, key=lambda pair: SCALE_INDEX[pair[0].term])
            clause = relation_sentence(relation.source, relation.type, relation.target, relation.grade)
            found.append(Sentence(estimate(band, clause[0].lower() + clause[1:] if clause[:4] == "The "
                                           else clause), cite_relation(relation)))
        found.append(Sentence("We have low confidence in these judgments: they rest on stated relations "
                              "alone, with no incident to corroborate them.",
                              tuple(sorted({n for r in relations for n in cite_relation(r)}))))
    return found[:4]


def _count(subject: Subject, views: list[IncidentView], period: str) -> str:
    attacks = sum(1 for v in views if v.type == "ASSAULT")
    killed = sum(v.killed or 0 for v in views)
    kinds = ("all of them attacks" if attacks == len(views) and len(views) > 1 else
             "an attack" if attacks == len(views) else
             f"{plural(attacks, 'attack')} among them" if attacks else
             "none of them attacks" if len(views) > 1 else f"not an attack but {noun(views[0])}")
    toll = f", killing at least {number(killed)} people" if killed else ""
    return (f"{capital(period)}, the sources record {plural(len(views), 'incident')} {about(subject)}, "
            f"{kinds}{toll}.")


SCALE_INDEX = {band.term: i for i, band in enumerate(SCALE)}


def _best(views: list[IncidentView]) -> tuple[Band, IncidentView] | None:
    graded = [(band, v) for v in views if (band := likelihood_for(v.credibility, v.reliability, v.sources))]
    if not graded:
        return None
    return max(graded, key=lambda pair: (SCALE_INDEX[pair[0].term], pair[1].sources,
                                         -(pair[1].id)))


def _happened(view: IncidentView) -> str:
    what = noun(view)
    what = "the " + what.split(" ", 1)[1] if what.startswith(("a ", "an ")) else what
    if view.type != "ASSAULT" and view.actors:
        what += f" by {name(view.actors[0])}"
    where = place(view)
    when = f" on {day_text(view.date_value)}" if view.date_value and view.date_precision == "day" else ""
    outcome = (f"killed {toll(view)}" if view.killed
               else "took place as reported")
    sources = plural(view.sources, "independent source")
    at = f" {preposition(view)} {where}{',' if ',' in where and when else ''}" if where else ""
    return (f"{what}{at}{when} {outcome}: {sources} "
            f"{'reports' if view.sources == 1 else 'report'} it (grade {view.grade}).")


def _attribution(subject: Subject, views: list[IncidentView],
                 roles: Roles) -> tuple[str, list[IncidentView]] | None:
    """That the actor named most often as carrying out or claiming the attacks (the subject, for
    an actor's brief) is behind those it is named in."""
    attacks = [v for v in views if v.type == "ASSAULT"]
    named = Counter(a for v in attacks for a in dict.fromkeys((*roles.doers(v), *roles.claimants(v)))
                    if a[:1].isupper())
    if subject.kind == "actor":
        actor = next((a for a in named if a.casefold() == subject.label.casefold()), None)
    else:
        actor = named.most_common(1)[0][0] if named else None
    if actor is None:
        return None
    attributed = [v for v in attacks if actor in (*roles.doers(v), *roles.claimants(v))]
    bands = [likelihood_for(v.credibility, v.reliability, v.sources) for v in attributed]
    if not bands or any(b is None for b in bands):
        return None
    band = min((b for b in bands if b is not None), key=lambda b: SCALE_INDEX[b.term])
    did = sum(1 for v in attributed if actor in roles.doers(v))
    claimed = sum(1 for v in attributed if actor in roles.claimants(v))
    if len(attributed) == 1:
        how = ("the sources name it as the attacker" if did else "") + \
            (" and it claimed the attack" if did and claimed else "it claimed the attack" if claimed else "")
    else:
        how = ", ".join(p for p in (f"the sources name it as the attacker in {did}" if did else "",
                                    f"it claimed {claimed}" if claimed else "") if p)
    which = ("the attack" if len(attacks) == 1 else "both attacks" if len(attacks) == len(attributed) == 2
             else f"all {len(attacks)} attacks" if len(attacks) == len(attributed)
             else f"{len(attributed)} of the {len(attacks)} attacks")
    return estimate(band, f"{name(actor)} carried out {which} in this brief: {how}."), attributed


def _confidence(views: list[IncidentView]) -> str:
    level = confidence_for([(v.reliability, v.sources) for v in views])
    corroborated = sum(1 for v in views if v.sources >= 2)
    differ = sum(1 for v in views if v.contradictions)
    share = f"all {len(views)}" if corroborated == len(views) else f"{corroborated} of {len(views)}"
    rest = (f"{share} incidents {'rests' if corroborated == 1 else 'rest'} on two or more independent sources"
            if len(views) > 1 else
            f"the incident rests on {plural(views[0].sources, 'independent source')}")
    differs = (f", and the sources differ on details of {differ} of them" if differ and len(views) > 1
               else ", and the sources differ on its details" if differ else "")
    return f"We have {level} confidence in these judgments: {rest}{differs}."


def _relation_band(relation: RelationFact) -> Band | None:
    if not relation.grade or len(relation.grade) != 2 or not relation.grade[1].isdigit():
        return None
    return likelihood_for(int(relation.grade[1]), relation.grade[0], 1)
