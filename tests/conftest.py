"""Fixtures shared across the suite: the invented footnoted brief and a fresh store URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def brief_path() -> Path:
    """An invented footnoted brief: caption + credit + trailer, 7 markers, note 6 missing,
    two repeated sources, and one surname spelled two ways (Okafor / Okaffor)."""
    return FIXTURES / "brief.txt"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sitrep.db'}"


# -- the multi-document fixture set, ingested once for the session ---------------------------------

MULTIDOC = FIXTURES / "multidoc"
RELIABILITY = MULTIDOC / "reliability.yaml"


@pytest.fixture(scope="session")
def multidoc_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store holding the multi-document fixture set (tests/fixtures/multidoc/*.md|*.txt),
    extracted with the real pipeline and the events of the titles the notes cite, its picture
    rebuilt with the fixtures' reliability table. Tests use a copy (``multidoc_copy``)."""
    from sitrep.extract.default import build_pipeline
    from sitrep.ingest.batch import ingest
    from sitrep.resolve.grading import load_table
    from sitrep.resolve.picture import rebuild
    from sitrep.resolve.titles import WithTitleEvents
    from sitrep.store.store import Store

    path = tmp_path_factory.mktemp("multidoc") / "store.db"
    documents = sorted(str(p) for p in MULTIDOC.iterdir() if p.suffix in (".md", ".txt"))
    with Store.open(f"sqlite:///{path}") as store:
        result = ingest(store, documents, pipeline=WithTitleEvents(build_pipeline()))
        assert result.ok, result.outcomes
        rebuild(store, table=load_table(RELIABILITY))
    return path


@pytest.fixture
def multidoc_copy(multidoc_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``multidoc_db`` for one test, with ``SITREP_RELIABILITY`` set to the fixtures' table."""
    import shutil

    copy = tmp_path / "multidoc.db"
    shutil.copy(multidoc_db, copy)
    monkeypatch.setenv("SITREP_RELIABILITY", str(RELIABILITY))
    return copy


@pytest.fixture
def multidoc_cli(multidoc_copy: Path) -> Callable[..., tuple[int, str]]:
    """`sitrep ARGS…` on a copy of the multi-document store: (exit code, output)."""
    from click.testing import CliRunner

    from sitrep.cli.context import AppContext
    from sitrep.cli.main import cli

    def invoke(*args: str) -> tuple[int, str]:
        app = AppContext(db_url=f"sqlite:///{multidoc_copy}")
        try:
            result = CliRunner().invoke(cli, list(args), obj=app)
        finally:
            app.close()
        return result.exit_code, result.output

    return invoke
