"""Trend states: each of new, rising, peak, falling and gone, with the time it began."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from redian.heat import EventHeat, score_board
from redian.types import CHINA_TZ, Observation, SnapshotMeta

AT = datetime(2022, 1, 12, 21, 0, tzinfo=CHINA_TZ)
DAY = timedelta(hours=24)
STEP = timedelta(minutes=5)

# rank of each story (None = not on the list) as a function of minutes before AT
STORIES: dict[str, Callable[[float], int | None]] = {
    # 医生敲诈餐馆: appeared 20 minutes ago
    "new": lambda m: 30 if m <= 20 else None,
    # 天津累计报告新冠阳性137例: around #40 for hours, climbing to #3 over the last hour
    "rising": lambda m: 40 if m > 60 else max(3, round(3 + 37 * m / 60)) if m <= 300 else None,
    # 王冰冰遭人肉曝光隐私: #1 steadily for six hours
    "peak": lambda m: 1 if m <= 360 else None,
    # 毕业即月入过万的本科生不到一成: #1 for hours, down to #35 for the last two
    "falling": lambda m: 35 if m <= 120 else 1 if m <= 600 else None,
    # 天津12日下午放假: on the list this morning, off it for the last three hours
    "gone": lambda m: 8 if 180 < m <= 600 else None,
}


def _board(at: datetime = AT) -> dict[str, EventHeat]:
    """The board at ``at``, given every list of the scenario (which ends at AT)."""
    obs: list[Observation] = []
    metas: list[SnapshotMeta] = []
    t = AT - 2 * DAY + STEP
    while t <= AT:
        minutes = (AT - t).total_seconds() / 60
        metas.append(SnapshotMeta("weibo", t, 50, 3_000_000.0))
        for name, rank_at in STORIES.items():
            rank = rank_at(minutes)
            if rank is not None:
                obs.append(Observation(name, "weibo", t, rank, 3_000_000.0 / rank**0.75, 50))
        t += STEP
    return {e.event_id: e for e in score_board(obs, metas, at, DAY, {})}


def test_each_state() -> None:
    board = _board()
    assert {name: board[name].trend for name in STORIES} == {name: name for name in STORIES}


def test_when_each_state_began() -> None:
    board = _board()
    assert board["new"].trend_since == AT - timedelta(minutes=20)  # its first appearance
    # gone: last listed 185 minutes before AT; the first list 30 minutes later proved the absence
    assert board["gone"].trend_since == AT - timedelta(minutes=185) + timedelta(minutes=30)
    rising = board["rising"].trend_since
    assert rising is not None and AT - timedelta(minutes=60) <= rising <= AT
    falling = board["falling"].trend_since
    assert falling is not None and AT - timedelta(minutes=150) <= falling <= AT - timedelta(minutes=60)


def test_states_only_use_the_past() -> None:
    """Three hours earlier the falling story was still at its peak and the gone one still listed."""
    earlier = _board(AT - timedelta(hours=3))
    assert earlier["falling"].trend == "peak"
    assert earlier["gone"].trend != "gone"
    assert "new" not in earlier  # it did not exist yet
