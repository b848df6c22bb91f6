"""Quality floors on ../shared/data/extract/cwced-dev (skipped without ../shared); floors only move up."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.extract_eval import (
    GNE_PAGES,
    _redian,
    build_dumps,
    load_gne,
    load_gold,
    score,
    score_dumps,
    score_gne,
)

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def gold(shared: Path):
    folder = shared / "data" / "extract" / "cwced-dev"
    if not (folder / "original").is_dir():
        pytest.skip("cwced-dev is not in ../shared")
    return load_gold(folder)


def test_html_floors(gold) -> None:
    result = score(gold, _redian)
    _p, _r, f1 = result.f1()
    assert f1 >= 0.96
    assert result.day_ok / result.day_n >= 0.90
    assert result.author_ok / result.author_n >= 0.80
    assert result.null_ok / result.null_n >= 0.9


def test_text_dump_floors(gold) -> None:
    total, found, heads, leaked = score_dumps(build_dumps(gold, random.Random(20261129)))
    _p, _r, f1 = total.f1()
    assert f1 >= 0.99
    assert found == heads
    assert leaked == 0


def test_gne_hand_label_floors(shared: Path) -> None:
    """The second, independent set (bench/data/gne_labels.tsv): never used to pick the dev rules."""
    if not GNE_PAGES.is_dir():
        pytest.skip("gne-pages is not in ../shared")
    result = score_gne(load_gne(), _redian)
    assert result.day_ok / result.day_n >= 0.95
    assert result.author_ok / result.author_n >= 0.70
    assert result.null_ok / result.null_n >= 0.9
    assert result.title_contained / result.title_n >= 0.95
    assert result.title_exact / result.title_n >= 0.90
