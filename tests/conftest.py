"""Fixtures shared across the suite: the invented footnoted brief and a fresh store URL."""

from __future__ import annotations

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
