"""The mentions stage on invented sentences: pack actors, unknown groups, generic forces, people."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import spacy

from sitrep.extract.doc import ExtractDoc, from_text
from sitrep.extract.nlp import MODEL
from sitrep.extract.pipeline import Pipeline
from sitrep.extract.stages.mentions import MentionsStage
from sitrep.extract.stages.parse import ParseStage
from sitrep.knowledge import Knowledge, add_entity_ruler, load_packs
from sitrep.knowledge.ruler import RULER_NAME
from sitrep.model.facts import ActorRef

Run = Callable[[str], ExtractDoc]


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_packs()


@pytest.fixture(scope="module")
def nlp(knowledge: Knowledge) -> Iterator[spacy.language.Language]:
    model = spacy.load(MODEL)  # loaded once for the module: the slow part
    add_entity_ruler(model, knowledge)
    yield model


@pytest.fixture(scope="module")
def run(nlp: spacy.language.Language, knowledge: Knowledge) -> Run:
    pipeline = Pipeline([ParseStage(nlp), MentionsStage(knowledge)])
    return lambda text: pipeline.run(from_text(text))


def _actor(doc: ExtractDoc, text: str, nth: int = 0) -> ActorRef:
    found = [a for a in doc.actors if a.text == text]
    assert len(found) > nth, f"no actor {text!r} in {[a.text for a in doc.actors]}"
    return found[nth]


def test_stage_declares_what_it_needs_and_adds() -> None:
    assert MentionsStage.name == "mentions"
    assert MentionsStage.requires == ("spacy",)
    assert set(MentionsStage.assigns) == {"mentions", "actors"}


def test_pack_actor_is_found_through_an_alias_spelling(run: Run) -> None:
    doc = run("Fighters from Kataib Hizballah fired rockets at Camp Taji on Tuesday, wounding two guards.")
    ref = _actor(doc, "Kataib Hizballah")
    assert (ref.actor_id, ref.name, ref.kind, ref.country, ref.origin) == (
        "kataib-hezbollah", "Kata'ib Hezbollah", "militia", "IQ", "pack")
    assert _actor(doc, "Fighters").actor_id == "kataib-hezbollah"  # fighters of the group named after them
    kinds = {(m.kind, m.text, m.key) for m in doc.mentions}
    assert {("weapon", "rockets", "rocket"), ("facility", "Camp Taji", "camp-taji"),
            ("date", "Tuesday", None), ("quantity", "two", None)} <= kinds


def test_group_no_pack_knows_is_found_by_ner(run: Run) -> None:
    doc = run("The Northern Liberation Front attacked a convoy near Dorvan on 3 May.")
    ref = _actor(doc, "Northern Liberation Front")  # the leading "The" trimmed
    assert (ref.name, ref.actor_id, ref.origin) == ("Northern Liberation Front", None, "ner")
    assert ref.kind == "rebel_group"  # from the head word of its name
    assert ("place", "Dorvan") in {(m.kind, m.text) for m in doc.mentions}


def test_coordinated_police_and_soldiers_are_one_state_security_actor(
        run: Run, nlp: spacy.language.Language) -> None:
    text = "In the morning, 300 Iraqi police and soldiers raided a warehouse in the town."
    ref = _actor(run(text), "Iraqi police and soldiers")
    assert (ref.kind, ref.country, ref.actor_id) == ("state_security", "IQ", "iraqi-security-forces")
    with nlp.select_pipes(disable=[RULER_NAME]):  # no pack: the generic rule alone
        bare = Pipeline([ParseStage(nlp), MentionsStage(load_packs(["core"]))]).run(from_text(text))
    ref = _actor(bare, "Iraqi police and soldiers")
    assert (ref.name, ref.kind, ref.country, ref.actor_id, ref.origin) == (
        "Security Forces of Iraq", "state_security", "IQ", None, "parse")


def test_country_adjective_and_force_noun_make_a_canonical_actor(run: Run) -> None:
    doc = run("The Syrian government and Russian troops shelled the town. Turkish army units crossed the "
              "border, and the regime condemned the incursion.")
    assert _actor(doc, "Syrian government").name == "Government of Syria"
    russian = _actor(doc, "Russian troops")
    assert (russian.name, russian.kind, russian.country) == (
        "Military Forces of Russia", "state_military", "RU")
    assert _actor(doc, "Turkish army units").country == "TR"
    assert _actor(doc, "regime").name == "Government of Syria"  # refers back to the government named before


def test_a_sponsor_is_not_the_groups_country(run: Run) -> None:
    ref = _actor(run("Russian-backed militias shelled the village overnight."), "Russian-backed militias")
    assert (ref.kind, ref.country) == ("militia", None)


def test_country_is_an_actor_only_where_it_acts(run: Run) -> None:
    doc = run("Iran condemned the strike. Weapons were smuggled from Iran into Basra.")
    acting = [a for a in doc.actors if a.text == "Iran"]
    assert len(acting) == 1 and (acting[0].name, acting[0].kind, acting[0].country) == (
        "Government of Iran", "state", "IR")
    assert [m.text for m in doc.mentions if m.kind == "place"].count("Iran") == 2


def test_title_and_surname_resolve_to_the_full_name_before(run: Run) -> None:
    doc = run("Colonel Marta Ilves commanded the Second Brigade. Later, Col. Ilves said the operation ended.")
    later = _actor(doc, "Ilves")
    assert (later.name, later.kind, later.role) == ("Marta Ilves", "person", "Colonel")


def test_ambiguous_surname_stays_as_written(run: Run) -> None:
    doc = run("Anna Koval met Piotr Koval in the capital. Koval said the talks went well.")
    assert _actor(doc, "Koval").name == "Koval"


def test_role_and_country_come_from_the_title(run: Run) -> None:
    doc = run("British Ambassador to Jordan Helen Markby cited the report on Monday.")
    ref = _actor(doc, "Helen Markby")
    assert (ref.role, ref.country, ref.origin) == ("British Ambassador to Jordan", "GB", "ner")


def test_pack_person_resolves_by_alias(run: Run) -> None:
    ref = _actor(run("Qasem Soleimani met militia leaders in Baghdad."), "Qasem Soleimani")
    assert (ref.name, ref.actor_id, ref.origin) == ("Qassem Soleimani", "qassem-soleimani", "pack")


def test_spans_point_at_the_words_in_the_original_text(run: Run) -> None:
    doc = run("On Sunday, U.S. troops and the Peshmerga cleared three villages near Erbil with 40 tanks.")
    assert doc.mentions and doc.actors
    for item in [*doc.mentions, *doc.actors]:
        assert doc.text[item.span.start:item.span.end] == item.text
        assert item.text == item.text.strip()
    assert _actor(doc, "Peshmerga").actor_id == "peshmerga"


def test_a_name_behind_the_arabic_article_alone_is_a_group_unless_someone_bears_it(run: Run) -> None:
    group = _actor(run("Al-Shabab fighters attacked the base near Afgooye."), "Al-Shabab")
    assert group.kind != "person"
    doc = run("Omar al-Bashir met the envoys. Al-Bashir said the talks would go on.")
    assert _actor(doc, "Al-Bashir").kind == "person"  # the surname of a person the text names
