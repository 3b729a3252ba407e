"""The multi-document fixture set, ingested with the real pipeline into a real SQLite store and
its picture rebuilt (with the fixtures' own reliability table, so the grades are stable)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.extract.default import build_pipeline
from sitrep.ingest.batch import ingest
from sitrep.resolve.picture import rebuild
from sitrep.resolve.titles import WithTitleEvents
from sitrep.store.store import Store

MULTIDOC = Path(__file__).parents[1] / "fixtures" / "multidoc"
DOCUMENTS = ["brief-shabelle-2022.md", "news-afgooye-bomb.md", "news-afgooye-toll.txt",
             "news-baidoa-mortar.md", "news-jilib-strike.md"]
RELIABILITY = MULTIDOC / "reliability.yaml"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("report") / "store.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SITREP_RELIABILITY", str(RELIABILITY))
        with Store.open(f"sqlite:///{path}") as opened:
            result = ingest(opened, [str(MULTIDOC / name) for name in DOCUMENTS],
                            pipeline=WithTitleEvents(build_pipeline()))
            assert result.ok, result.outcomes
            rebuild(opened)
            yield opened
