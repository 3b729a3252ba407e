"""Who an act of force was done to, and who did it, where no actor mention names them: the
common-noun phrase itself ("two guards were killed", "police arrested three students"), the
people a count counts ("dozens of activists"), those "including" ones, and the person nouns that
name attackers ("a suicide bomber")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sitrep.extract.events.attach import SITE_NOUNS
from sitrep.extract.events.lexicon import TITLE_NOUNS
from sitrep.extract.events.phrases import ActorIndex
from sitrep.extract.events.triggers import Hit
from sitrep.model.facts import ActorRef
from sitrep.model.span import Span

if TYPE_CHECKING:
    from spacy.tokens import Token

# verbs whose subject undergoes the event ("three people died", "a guard was among those who perished")
UNDERGO_VERBS = frozenset({"die", "perish", "drown", "succumb", "suffer", "survive"})
# nouns that name no one hurt or held: amounts, parts of a count ("all of them"), abstract objects
_NOT_AFFECTED = frozenset({"number", "total", "toll", "rest", "dozen", "dozens", "hundreds", "thousands",
                           "lot", "part", "life", "way", "control", "power", "time", "hope", "chance",
                           "fear", "interest", "idea", "plan", "spot", "scene", "behalf", "basis",
                           "ground", "occasion", "outskirts", "edge", "side", "day", "night", "morning",
                           "afternoon", "evening", "weekend", "anniversary", "charge", "suspicion"})
# nouns for a stretch of land: "on the border", "against the coast" say where, not whom
PLACE_NOUNS = frozenset({"border", "borders", "frontier", "boundary", "coast", "coastline", "shore", "area",
                         "territory", "island", "desert", "valley", "mountain", "hill", "zone", "frontline",
                         "front", "suburb", "enclave", "strip", "crossing", "outskirts", "countryside",
                         "province", "region", "district", "city", "town", "village", "neighborhood",
                         "neighbourhood", "street", "road", "highway", "sea", "river", "bank"})
# people who carry out an attack: a weapon name may end in one ("suicide bomber"), but they act
AGENT_NOUNS = frozenset({"bomber", "attacker", "assailant", "shooter", "gunman", "gunmen", "sniper",
                         "killer", "perpetrator", "hijacker", "kidnapper", "terrorist", "militant"})


def affected(hit: Hit, head: Token, index: ActorIndex, is_instrument: Callable[[Token], bool]
             ) -> list[ActorRef]:
    """Who an act was done to: the actors the phrase names, else, for an attack or an arrest,
    the common-noun phrase itself ("two guards were killed", "police arrested three students"):
    its head and left modifiers, without numbers, relative clauses or appositions."""
    if not _harms(hit):
        return index.for_phrase(head)
    written, head = head, _counted(head)
    found: list[ActorRef] = []
    for item in [head, *(c for c in head.conjuncts if c.i > head.i), *_listed(head)]:
        named = index.for_phrase(item, conj=False)
        if item.lemma_.lower() in TITLE_NOUNS and not any(a.kind == "person" or a.span.start <= item.idx
                                                           for a in named):
            named = []  # "a commander of the militia was killed": the commander, not the militia
        common = item.pos_ == "NOUN" or (item.pos_ == "PROPN" and item.ent_type_ == "PERSON")
        if (not named and common and not item.like_num and item.ent_type_ != "CARDINAL"
                and item not in hit.words and not is_instrument(item) and not is_event_noun(item, hit)
                and item.lemma_.lower() not in _NOT_AFFECTED | PLACE_NOUNS):
            named = [a for a in index.phrase_actor(item) if _plain(item, a)]
        if not named and _facility(hit, item):  # "attacked Camp X": the named facility was hit
            named = index.phrase_actor(item, owner=True)
        found += [a for a in named if a not in found]
    heads = (written,) if written is head else (written, head)
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "including"):
        found += [a for a in included(hit, prep, index, is_instrument) if a not in found]
    return found


def _facility(hit: Hit, item: Token) -> bool:
    """A named building or base (NER's FAC, or a name with a site noun: "Camp X") as what an attack hit."""
    if hit.type != "ASSAULT" or item.pos_ != "PROPN":
        return False
    return item.ent_type_ == "FAC" or any(c.dep_ == "compound" and c.lower_ in SITE_NOUNS
                                          for c in item.children)


def included(hit: Hit, prep: Token, index: ActorIndex, is_instrument: Callable[[Token], bool]
             ) -> list[ActorRef]:
    """Those an "including" list names: its head phrase, and every name in the list however the
    parser hung it ("including A, wife of B, C, the director D and E"), less the one a relational
    "of" names (B is not among them)."""
    related = {t.i for t in prep.subtree if t.dep_ == "pobj" and t.head.lower_ == "of"}
    # "wife of the poet B": B, in apposition with no comma between, is the relative too
    related |= {c.i for t in prep.subtree if t.i in related for c in t.children
                if c.dep_ == "appos" and not any(w.is_punct for w in t.doc[t.i + 1:c.i])}
    listed = [a for g in prep.children if g.dep_ == "pobj" for a in affected(hit, g, index, is_instrument)]
    listed += index.within(t for t in prep.subtree if t is not prep)
    found: list[ActorRef] = []
    for actor in listed:
        words = [t for t in prep.subtree if actor.span.start <= t.idx < actor.span.end]
        if actor not in found and not any(t.i in related for t in words):
            found.append(actor)
    return sorted(found, key=lambda a: a.span.start)


def _listed(head: Token) -> list[Token]:
    """"six men, a boy and three women": a list the parser hung as an apposition with conjuncts."""
    return [t for c in head.children if c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children)
            for t in (c, *(g for g in c.conjuncts if g.i > c.i))]


def _plain(head: Token, actor: ActorRef) -> bool:
    """A noun phrase the parser read well: a few words, none of them a verb ("many allege
    mistreatment" is a clause)."""
    words = [t for t in head.doc if actor.span.start <= t.idx < actor.span.end]
    return len(words) <= 6 and not any(t.pos_ in {"VERB", "AUX"} for t in words)


def _harms(hit: Hit) -> bool:
    """An act done to people: an attack, an arrest or an abduction (not a ban or a seizure of goods)."""
    return hit.type == "ASSAULT" or (hit.type == "COERCE" and hit.mode in {"arrest", "abduct"})


def _counted(head: Token) -> Token:
    """"dozens of activists", "two of the guards": the people counted, not the count."""
    if head.like_num or head.ent_type_ == "CARDINAL" or head.lemma_.lower() in _NOT_AFFECTED:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ in {"NOUN", "PROPN"}):
                return pobj
    return head


def agent(head: Token, index: ActorIndex) -> list[ActorRef]:
    """A person noun that names whoever carried an attack out ("a gunman", "the suicide bombers"),
    even where a weapon name covers it: the head with the words just before it."""
    if head.lemma_.lower() not in AGENT_NOUNS and head.lower_ not in AGENT_NOUNS:
        return []
    words = [head]
    for token in reversed(list(head.lefts)):
        if token.i != words[0].i - 1 or token.dep_ in {"det", "poss", "nummod", "quantmod", "punct"}:
            break
        words.insert(0, token)
    start, end = words[0].idx, head.idx + len(head)
    text = index.text[start:end]
    return [ActorRef(text=text, span=Span(start, end), name=text, origin="parse")]


def is_event_noun(token: Token, hit: Hit) -> bool:
    """A word for an act of violence other than the trigger ("the attack killed", "the blast")."""
    return token.pos_ == "NOUN" and token is not hit.token and token.lemma_.lower() in {
        "attack", "bombing", "explosion", "blast", "strike", "airstrike", "raid", "ambush", "shelling",
        "fighting", "clash", "violence", "assault", "operation", "offensive", "incident"}
