"""Regenerate the example PDF in examples/ (a two-page situation report written for the demo).

Run: .venv/bin/python scripts/make_example_pdf.py
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent.parent / "examples" / "sitrep-strikes-iraq-syria-2024-02.pdf"
TITLE = "Situation report: U.S. strikes in Iraq and Syria, 2 February 2024"

PAGES = [
    [
        TITLE,
        "Prepared by the sitrep example desk, 5 February 2024.",
        "On 2 February 2024 U.S. forces struck more than 85 targets at seven facilities, four in Syria "
        "and three in Iraq, in response to the drone attack on Tower 22 in Jordan on 28 January that "
        "killed three U.S. soldiers.[1] The targets included command and control centres, intelligence "
        "sites, and stores of rockets, missiles and drones used by the Islamic Revolutionary Guard Corps "
        "Quds Force and affiliated militias.[2]",
        "The Iraqi government said the strikes near al-Qaim on the Syrian border killed 16 people, "
        "among them civilians, and summoned the U.S. charge d'affaires in protest.[3]",
    ],
    [
        "Outlook",
        "Kataib Hezbollah had announced a pause in its attacks on 30 January. Other factions of the "
        "Islamic Resistance in Iraq kept up a lower tempo of attacks in Syria after the strikes.",
        "Notes",
        "[1] The White House, \"Statement from President Joe Biden on U.S. Strikes in Iraq and Syria,\" "
        "February 2, 2024, https://www.whitehouse.gov/briefing-room/statements-releases/.",
        "[2] U.S. Central Command, press release, February 2, 2024, https://www.centcom.mil/MEDIA/PRESS-RELEASES/.",
        "[3] Statement of the spokesman of the Iraqi government, February 3, 2024.",
    ],
]


def main() -> None:
    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_author("sitrep example desk")
    pdf.set_creation_date(datetime(2024, 2, 5, 12, 0, tzinfo=UTC))
    for paragraphs in PAGES:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(OUT))
    print(OUT)


if __name__ == "__main__":
    main()
