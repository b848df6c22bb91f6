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


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store loaded with the bundled sample (data/sample), built once per test session."""
    from redian.service.demo import load_sample, read_manifest
    from redian.store import Store

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store.open(path) as store:
        reports = load_sample(store, read_manifest(ROOT / "data" / "sample"))
    assert all(r.rejected == 0 for r in reports)
    return path


DEMO_AT = "2024-12-13 23:59:59"
