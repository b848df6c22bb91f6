"""The worked example in docs/heat.md is what the code computes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from redian.heat import score_board
from redian.types import CHINA_TZ, Observation, SnapshotMeta


def _t(month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, second, tzinfo=CHINA_TZ)


def test_worked_example() -> None:
    at = _t(8, 1, 21, 0)
    metas = [
        SnapshotMeta("weibo", _t(8, 1, 20, 0), 50, 5e6),
        SnapshotMeta("weibo", _t(8, 1, 20, 30), 50, 5e6),
        SnapshotMeta("weibo", at, 50, 5e6),
        SnapshotMeta("toutiao", _t(7, 30, 23, 59, 59), 50),
        SnapshotMeta("toutiao", _t(7, 31, 23, 59, 59), 50),
    ]
    obs = [
        Observation("潘展乐夺金", "weibo", _t(8, 1, 20, 30), 8, 1.25e6, 50),
        Observation("潘展乐夺金", "weibo", at, 2, 3.2e6, 50),
        Observation("潘展乐夺金", "toutiao", _t(7, 31, 23, 59, 59), 3, None, 50),
    ]
    (entry,) = score_board(obs, metas, at, timedelta(hours=24), {})
    parts = {p.name: p.value for p in entry.parts}
    assert parts == pytest.approx(
        {"current": 38.44, "persistence": 49.62, "velocity": 23.06, "reach": 7.41}, abs=0.01
    )
    assert entry.heat == pytest.approx(118.5, abs=0.05)
    assert entry.sources == ("toutiao", "weibo")
