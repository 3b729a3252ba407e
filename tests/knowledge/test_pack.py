"""Knowledge packs: loading, checking, merging, name lookups and the entity ruler."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from sitrep.knowledge import Knowledge, PackError, add_entity_ruler, alias_key, bundled_packs, load_packs
from sitrep.model.vocab import ACLED_TYPES, PLOVER_MODES, PLOVER_TYPES

USER_PACK = """
pack: varden
title: An invented theatre
actors:
  - id: varden-home-guard
    name: Varden Home Guard
    kind: militia
    country: UA
    aliases: [VHG, Home Guard of Varden, Hôme Guard]
  - id: ilse-marov
    name: Ilse Marov
    kind: person
    role: Commander of the Varden Home Guard
facilities:
  - {id: camp-osterby, name: Camp Osterby, type: base, country: UA, admin1: Kharkiv, lat: 49.9, lon: 36.3}
relations:
  - {source: ilse-marov, type: commands, target: varden-home-guard, since: 2019}
  - {source: varden-home-guard, type: opposes, target: nato}
"""


ONE_ACTOR = "pack: x\nactors:\n  - {id: a1, name: A, kind: militia}\n"


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_packs()


def _pack(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_packs_load_with_core_first(knowledge: Knowledge) -> None:
    assert bundled_packs()[0] == "core"
    assert knowledge.packs == tuple(bundled_packs())
    assert {"core", "iraq-iran"} <= set(knowledge.packs)


def test_qods_and_quds_name_one_actor(knowledge: Knowledge) -> None:
    ids = {knowledge.actor_by_alias(n).id for n in ("Qods Force", "Quds Force", "Quds Forces", "IRGC-QF",  # type: ignore[union-attr]
                                                   "Islamic Revolutionary Guard Corps Qods Force")}
    assert ids == {"irgc-qf"}


@pytest.mark.parametrize("written", ["Kata'ib Hezbollah", "Kata’ib Hezbollah", "Kataib Hezbollah",
                                     "KATAIB HEZBOLLAH", "Hezbollah Brigades", "Kata’ib Hizballah"])
def test_apostrophe_and_case_variants_resolve(knowledge: Knowledge, written: str) -> None:
    actor = knowledge.actor_by_alias(written)
    assert actor is not None and actor.id == "kataib-hezbollah"


@pytest.mark.parametrize("written", ["Asa'ib Ahl al-Haq", "Asaib Ahl al Haq", "Asa’ib Ahl al Haq",
                                     "Asaib Ahl al-Haq"])
def test_arabic_article_with_hyphen_or_space_resolves(knowledge: Knowledge, written: str) -> None:
    assert knowledge.actor_by_alias(written).id == "asaib-ahl-al-haq"  # type: ignore[union-attr]


def test_alias_key_folds_spelling_but_keeps_one_word_proper_names() -> None:
    assert alias_key("Promised Day Brigade") == alias_key("the Promised Day Brigades")
    assert alias_key("Ṣadr") == alias_key("Sadr")
    assert alias_key("IRAMs") == alias_key("IRAM")
    assert alias_key("Hamas") != alias_key("Hama")  # a city is not a plural


def test_fuzzy_lookup_takes_spelling_variants_not_other_names(knowledge: Knowledge) -> None:
    assert knowledge.actor_by_alias("Kataeb Hezbollah") is None
    assert knowledge.actor_by_alias("Kataib Hezbolah", fuzzy=True).id == "kataib-hezbollah"  # type: ignore[union-attr]
    iraq = knowledge.actor_by_alias("Government of Iraq", fuzzy=True)
    assert iraq is not None and iraq.id == "government-of-iraq"
    assert knowledge.actor_by_alias("Governmant of Irap", fuzzy=True) is None


def test_people_and_facilities_carry_what_the_schema_promises(knowledge: Knowledge) -> None:
    soleimani = knowledge.actor_by_alias("Qasem Soleimani")
    assert soleimani is not None and soleimani.kind == "person" and soleimani.role
    camp = knowledge.facility_by_alias("Camp Baladiyat")
    assert camp is not None and camp.id == "camp-loyalty"
    assert (camp.admin1, camp.country) == ("Baghdad", "IQ")
    assert camp.lat is not None and camp.lon is not None


def test_core_has_triggers_for_every_plover_type(knowledge: Knowledge) -> None:
    assert {t.type for t in knowledge.triggers} == set(PLOVER_TYPES)
    for trigger in knowledge.triggers:
        assert trigger.mode is None or trigger.mode in PLOVER_MODES[trigger.type]
    assert [t.type for t in knowledge.triggers_for_lemma("crack down")] == ["COERCE"]
    assert {(t.type, t.mode) for t in knowledge.triggers_for_lemma("visit")} == {("CONSULT", "visit")}
    assert knowledge.triggers_for_lemma("arrest")[0].acled == ("Strategic developments", "Arrests")


@pytest.mark.parametrize(("written", "sub_event"), [
    ("IED", "Remote explosive/landmine/IED"), ("roadside bombs", "Remote explosive/landmine/IED"),
    ("EFPs", "Remote explosive/landmine/IED"), ("IRAMs", "Shelling/artillery/missile attack"),
    ("rockets", "Shelling/artillery/missile attack"), ("mortar", "Shelling/artillery/missile attack"),
    ("RPG", "Shelling/artillery/missile attack"), ("SVBIED", "Suicide bomb"), ("drone", "Air/drone strike"),
    ("air strike", "Air/drone strike"), ("hand grenade", "Grenade"),
])
def test_weapons_follow_acled_rules(knowledge: Knowledge, written: str, sub_event: str) -> None:
    weapon = knowledge.weapon_by_alias(written)
    assert weapon is not None and weapon.acled is not None and weapon.acled[1] == sub_event
    assert weapon.acled[1] in ACLED_TYPES[weapon.acled[0]]
    assert weapon.plover_mode in PLOVER_MODES["ASSAULT"]


def test_countries_from_names_and_demonyms(knowledge: Knowledge) -> None:
    assert knowledge.country_by_demonym("Iranian").code == "IR"  # type: ignore[union-attr]
    assert knowledge.country_by_demonym("U.S.").of_name == "the United States"  # type: ignore[union-attr]
    assert knowledge.country_by_name("the United States").code == "US"  # type: ignore[union-attr]
    assert knowledge.country_by_name("Ecuador").code == "EC"  # type: ignore[union-attr]  (ISO names)
    assert knowledge.country_by_name("IS") is None  # a code is a word too
    assert knowledge.group_for_word("soldier").canonical(knowledge.country("US")) == (  # type: ignore[union-attr,arg-type]
        "Military Forces of the United States")


def test_user_pack_file_merges_with_core(tmp_path: Path) -> None:
    path = _pack(tmp_path, USER_PACK, "varden.yaml")
    knowledge = load_packs([str(path)])
    assert knowledge.packs == ("core", "varden")
    assert knowledge.actor_by_alias("home guard of varden").id == "varden-home-guard"  # type: ignore[union-attr]
    assert knowledge.actor_by_alias("Home Guard").id == "varden-home-guard"  # type: ignore[union-attr]  (diacritics)
    assert knowledge.actor_by_alias("Quds Force") is None  # the theatre pack was not asked for
    assert {r.type for r in knowledge.relations_of("varden-home-guard")} == {"commands", "opposes"}
    assert knowledge.triggers_for_lemma("attack")  # core came along
    with pytest.raises(PackError, match="unknown actor id 'nato'"):  # NATO is in core
        load_packs([str(path)], core=False)
    assert load_packs([]) == Knowledge()


@pytest.mark.parametrize(("text", "needles"), [
    ("pack: x\nactors:\n  - {id: a1, name: A, kind: warlord}\n",
     ["actors[0] (a1)", "kind 'warlord'", "valid: state, state_military"]),
    ("pack: x\nactors:\n  - {id: a1, name: A, kind: militia, country: XX}\n", ["country 'XX'", "ISO 3166-1"]),
    ("pack: x\nweapons:\n  - {id: w, name: W, plover_mode: laser}\n",
     ["weapons[0] (w)", "'laser'", "explosives"]),
    ("pack: x\nweapons:\n  - {id: w, name: W, acled: [Explosions/Remote violence, Big bang]}\n",
     ["'Big bang'", "Remote explosive/landmine/IED"]),
    ("pack: x\ntriggers:\n  SHOUT: [yell]\n", ["unknown PLOVER type 'SHOUT'", "ASSAULT"]),
    ("pack: x\ntriggers:\n  CONSULT: [{lemma: meet, mode: dinner}]\n",
     ["triggers.CONSULT[0] (meet)", "'dinner'", "phone"]),
    (f"{ONE_ACTOR}relations:\n  - {{source: a1, type: hugs, target: a1}}\n",
     ["relations[0]", "type 'hugs'", "commands"]),
    (f"{ONE_ACTOR}relations:\n  - {{source: a1, type: funds, target: zz}}\n",
     ["relations[0]", "unknown actor id 'zz'"]),
    ("pack: x\nactors:\n  - {id: a1, name: A, kind: militia, aliases: [Twin]}\n"
     "  - {id: a2, name: B, kind: militia, aliases: [twin]}\n", ["'twin'", "a2", "a1"]),
    ("pack: x\nmonsters: []\n", ["unknown section(s) ['monsters']", "actors"]),
    ("pack: x\nfacilities:\n  - {id: f, name: F, type: base, country: IQ, lat: 123}\n", ["lat 123", "-90"]),
    ("actors: []\n", ["'pack: NAME'"]),
    ("pack: [oops\n", ["not valid YAML"]),
])
def test_errors_name_the_file_the_entry_and_the_valid_options(
        tmp_path: Path, text: str, needles: list[str]) -> None:
    path = _pack(tmp_path, text)
    with pytest.raises(PackError) as caught:
        load_packs([str(path)], core=False)
    message = str(caught.value)
    assert str(path) in message
    for needle in needles:
        assert needle in message


def test_unknown_pack_name_lists_the_bundled_packs() -> None:
    with pytest.raises(PackError, match=r"unknown pack 'atlantis'.*core, iraq-iran"):
        load_packs(["atlantis"])


def test_entity_ruler_labels_names_with_pack_ids(knowledge: Knowledge) -> None:
    nlp = spacy.blank("en")
    add_entity_ruler(nlp, knowledge)
    add_entity_ruler(nlp, knowledge)  # a second call replaces the ruler
    doc = nlp("Kata’ib hezbollah and the Qods Force fired IRAMs at Camp Baladiyat; US forces said this is "
              "not over. Qubad Talabani met Jalal Talabani near Hama, not Hamas.")
    found = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("Kata’ib hezbollah", "ORG", "kataib-hezbollah") in found
    assert ("Qods Force", "ORG", "irgc-qf") in found
    assert ("IRAMs", "WEAPON", "IRAM") in found
    assert ("Camp Baladiyat", "FAC", "camp-loyalty") in found
    assert ("US forces", "ORG", "us-military") in found
    assert ("Jalal Talabani", "PERSON", "jalal-talabani") in found
    assert ("Hamas", "ORG", "hamas") in found
    texts = {e.text for e in doc.ents}
    assert "IS" not in texts and "Hama" not in texts and "Talabani" not in texts  # acronyms keep their case
    assert nlp.pipe_names.count("sitrep_entity_ruler") == 1
