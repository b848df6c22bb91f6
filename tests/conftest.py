"""Shared fixtures: paths to committed samples and to ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples() -> Path:
    """Small real inputs committed with the tests (see tests/data/README.md for sources)."""
    return SAMPLES


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, the team's data; tests that need it are skipped on machines without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present on this machine")
    return SHARED


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "redian.db"
