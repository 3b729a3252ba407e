"""Sentence templates: dates to their precision, names, and the incident sentences."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.report.sentences import claim_sentence, differences, event_sentence, name, relation_sentence, when
from sitrep.resolve.picture import IncidentView, incidents
from sitrep.store.store import Store


def test_dates_written_to_their_precision() -> None:
    assert when(date(2022, 3, 14), None, "day") == "On 14 March 2022"
    assert when(date(2022, 3, 1), None, "month") == "In March 2022"
    assert when(date(2022, 1, 1), None, "year") == "In 2022"
    assert when(date(2022, 3, 8), date(2022, 3, 14), "week") == "Between 8 and 14 March 2022"
    assert when(date(2024, 2, 28), date(2024, 3, 2), "day") == "Between 28 February and 2 March 2024"
    assert when(None, None, None) == "On an unreported date"


def test_names() -> None:
    assert name("Government of the United States") == "the Government of the United States"
    assert name("militants") == "militants"
    assert name("Al-Shabaab") == "Al-Shabaab"
    assert claim_sentence(["militants"]) == "Militants claimed responsibility."
    assert relation_sentence("Islamic Revolutionary Guard Corps", "supplies_weapons", "Kata'ib Hezbollah",
                             "B2") == ("The Islamic Revolutionary Guard Corps supplies weapons to "
                                       "Kata'ib Hezbollah (grade B2).")
    assert relation_sentence("X", "directs", "Y", None) == "X directs Y."


def _afgooye(store: Store) -> IncidentView:
    return next(v for v in incidents(store) if v.place_name == "Afgooye")


def test_an_incident_sentence(store: Store) -> None:
    view = _afgooye(store)
    assert event_sentence(view) == ("On 14 March 2022, a bombing by Al-Shabaab killed at least 3 African "
                                    "Union soldiers near Afgooye, Lower Shabeelle; sources differ on the "
                                    "toll (3 to 5).")
    assert differences(replace(view, contradictions={})) == ""
    monthly = replace(view, date_precision="month", contradictions={}, reports=())
    assert event_sentence(monthly) == ("In March 2022, a bombing by Al-Shabaab killed 3 African Union "
                                       "soldiers near Afgooye, Lower Shabeelle.")


def test_an_incident_other_than_an_attack(store: Store) -> None:
    view = replace(_afgooye(store), type="CONSULT", mode=None, actors=("African Union",),
                   recipients=("Government of Somalia",), contradictions={}, killed=None)
    assert event_sentence(view) == ("On 14 March 2022, the African Union held talks with the Government of "
                                    "Somalia in Afgooye, Lower Shabeelle.")
    alone = replace(view, recipients=(), type="RETREAT")
    assert event_sentence(alone) == ("On 14 March 2022, the African Union pulled back in Afgooye, "
                                     "Lower Shabeelle.")
