"""An event's trend history: the states it went through, each with when it began."""

from __future__ import annotations

from datetime import datetime, timedelta

from redian.heat import trend_history
from redian.types import CHINA_TZ, Observation, SnapshotMeta

T0 = datetime(2022, 1, 12, 8, 0, tzinfo=CHINA_TZ)


def test_rise_peak_fall_gone() -> None:
    minutes = range(0, 240)
    metas = [SnapshotMeta("weibo", T0 + timedelta(minutes=m), 50, 2_000_000.0) for m in minutes]
    # 天津12日下午放假: enters at #45, climbs to #1 in an hour, holds, slides, then leaves the list
    obs = []
    for m in minutes:
        if m < 60:
            rank = 45 - int(44 * m / 60)
        elif m < 120:
            rank = 1
        elif m < 180:
            rank = 1 + int(40 * (m - 120) / 60)
        else:
            continue
        obs.append(Observation("e1", "weibo", T0 + timedelta(minutes=m), rank, None, 50))
    states = trend_history(
        obs, metas, T0, T0, T0 + timedelta(minutes=239), timedelta(minutes=1), timedelta(hours=6)
    )
    names = [s for _, s in states]
    assert names[0] == "new" and states[0][0] == T0
    assert "rising" in names and names[-1] == "gone"
    assert names.index("rising") < names.index("gone")
    assert any(s in ("peak", "falling") for s in names)
    times = [t for t, _ in states]
    assert times == sorted(times)
    gone_at = states[-1][0]
    assert T0 + timedelta(minutes=180) <= gone_at <= T0 + timedelta(minutes=215)


def test_no_observations_no_history() -> None:
    assert trend_history([], [], T0, T0, T0 + timedelta(hours=1), timedelta(minutes=5)) == []
