"""Heat on a constructed multi-platform case: scale, reach, cadence, order and re-ingest."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from redian.heat import heat_curve, score_board, strength
from redian.types import CHINA_TZ, Observation, SnapshotMeta

AT = datetime(2024, 8, 1, 21, 0, tzinfo=CHINA_TZ)
DAY = timedelta(hours=24)

# Three stories as the platforms listed them on 2024-08-01 (wording per platform).
PARIS = "paris"  # 潘展乐男子100米自由泳夺金: #1 on Weibo, #2 on Baidu, #1 in Toutiao's daily list
TYPHOON = "typhoon"  # 台风格美登陆: Weibo only, around #5
RAIN = "rain"  # 北京暴雨预警: Baidu only, #8


def _lists() -> tuple[list[Observation], list[SnapshotMeta]]:
    """Weibo every 10 minutes, Baidu hourly, Toutiao one daily list (no hot values), over 30 hours."""
    obs: list[Observation] = []
    metas: list[SnapshotMeta] = []
    start = AT - timedelta(hours=30)
    t = start
    while t <= AT:
        metas.append(SnapshotMeta("weibo", t, 50, 5_000_000.0))
        if t >= AT - timedelta(hours=10):
            obs.append(Observation(PARIS, "weibo", t, 1, 5_000_000.0, 50))
        if t >= AT - timedelta(hours=6):
            obs.append(Observation(TYPHOON, "weibo", t, 5, 1_250_000.0, 50))
        if t.minute == 0:
            metas.append(SnapshotMeta("baidu", t, 30, 7_900_000.0))
            if t >= AT - timedelta(hours=10):
                obs.append(Observation(PARIS, "baidu", t, 2, 7_000_000.0, 30))
                obs.append(Observation(RAIN, "baidu", t, 8, 4_000_000.0, 30))
        t += timedelta(minutes=10)
    daily = datetime(2024, 7, 31, 23, 59, 59, tzinfo=CHINA_TZ)
    metas.append(SnapshotMeta("toutiao", daily, 50))
    obs.append(Observation(PARIS, "toutiao", daily, 1, None, 50))
    return obs, metas


def _board(obs: list[Observation], metas: list[SnapshotMeta]) -> dict[str, float]:
    return {e.event_id: e.heat for e in score_board(obs, metas, AT, DAY, {})}


def test_strength_is_rank_alone_without_hot_and_blends_normalized_hot() -> None:
    assert strength(1, None, None) == 1.0
    assert strength(4, None, None) == pytest.approx(0.5)
    # hot normalized by the top of its own list: same share on any scale
    assert strength(4, 250.0, 1000.0) == pytest.approx(0.5 * 0.5 + 0.5 * 0.5)
    assert strength(4, 2.5e6, 1e7) == strength(4, 250.0, 1000.0)


def test_multi_platform_story_beats_single_platform_stories() -> None:
    obs, metas = _lists()
    board = score_board(obs, metas, AT, DAY, {})
    assert board[0].event_id == PARIS
    paris = board[0]
    assert paris.sources == ("baidu", "toutiao", "weibo")
    assert {p.name for p in paris.parts} == {"current", "persistence", "velocity", "reach"}
    assert paris.heat == pytest.approx(sum(p.value for p in paris.parts), abs=0.01)
    reach = next(p for p in paris.parts if p.name == "reach")
    assert reach.value > 0 and "3 个平台" in reach.note
    # three platforms at the top outweigh one platform at the top, but not by more than ~3.5x
    assert 100 < paris.heat < 360
    single = {e.event_id: e for e in board[1:]}
    assert single[TYPHOON].sources == ("weibo",) and single[RAIN].sources == ("baidu",)
    assert max(e.heat for e in board[1:]) < 60  # one platform, not at the top: well below 100


def test_platform_hot_scale_does_not_matter() -> None:
    obs, metas = _lists()
    scaled_obs = [replace(o, hot=o.hot * 1000) if o.source == "baidu" and o.hot else o for o in obs]
    scaled_meta = [
        replace(m, hot_max=m.hot_max * 1000) if m.source == "baidu" and m.hot_max else m for m in metas
    ]
    assert _board(scaled_obs, scaled_meta) == _board(obs, metas)


def test_publication_cadence_does_not_change_heat_of_a_steady_story() -> None:
    """The same steady #5 weighs the same whether its platform publishes every 10 or every 30 minutes."""
    obs, metas = _lists()
    weibo_slow = [o for o in obs if o.source != "weibo" or o.at.minute in (0, 30)]
    metas_slow = [m for m in metas if m.source != "weibo" or m.at.minute in (0, 30)]
    fast = _board(obs, metas)[TYPHOON]
    slow = _board(weibo_slow, metas_slow)[TYPHOON]
    assert slow == pytest.approx(fast, rel=0.05)


def test_absence_lowers_heat() -> None:
    obs, metas = _lists()
    gappy = [o for o in obs if not (o.event_id == TYPHOON and o.at.minute in (10, 30, 50))]
    assert _board(gappy, metas)[TYPHOON] < _board(obs, metas)[TYPHOON]


def test_independent_of_input_order_and_of_re_ingest() -> None:
    obs, metas = _lists()
    reference = score_board(obs, metas, AT, DAY, {})
    shuffled = obs + obs[: len(obs) // 2]  # half of it ingested twice
    random.Random(7).shuffle(shuffled)
    metas2 = metas + metas[::3]
    random.Random(8).shuffle(metas2)
    assert score_board(shuffled, metas2, AT, DAY, {}) == reference


def test_board_at_a_past_instant_ignores_later_lists() -> None:
    obs, metas = _lists()
    past = AT - timedelta(hours=3)
    known = score_board([o for o in obs if o.at <= past], [m for m in metas if m.at <= past], past, DAY, {})
    later = [Observation(RAIN, "weibo", AT, 1, 9e6, 50), *obs]
    assert score_board(later, metas, past, DAY, {}) == known


def test_curve_matches_the_board_at_each_instant() -> None:
    obs, metas = _lists()
    mine = [o for o in obs if o.event_id == PARIS]
    curve = heat_curve(mine, metas, AT - timedelta(hours=4), AT, timedelta(hours=2), window=DAY)
    assert [t for t, _ in curve] == [AT - timedelta(hours=4), AT - timedelta(hours=2), AT]
    for t, value in curve:
        on_board = {e.event_id: e.heat for e in score_board(obs, metas, t, DAY, {})}[PARIS]
        assert value == pytest.approx(on_board, abs=0.01)
    assert heat_curve(mine, metas, AT, AT - timedelta(hours=1), timedelta(hours=1)) == []


def test_top_gives_the_same_first_entries_faster() -> None:
    """score_board(top=N) explains only the N hottest, and they are exactly the first N of the full board."""
    t0 = datetime(2024, 12, 13, 8, 0, tzinfo=CHINA_TZ)
    metas = [
        SnapshotMeta(src, t0 + timedelta(minutes=10 * k), 50, None)
        for src in ("weibo", "baidu")
        for k in range(30)
    ]
    obs = [
        Observation(f"e{i:03d}", src, t0 + timedelta(minutes=10 * k), 1 + (i * 7 + k) % 50, None, 50)
        for i in range(120)
        for src in ("weibo", "baidu")
        for k in range(30)
        if (i + k) % 3
    ]
    at = t0 + timedelta(minutes=290)
    full = score_board(obs, metas, at, timedelta(hours=6), {})
    assert score_board(obs, metas, at, timedelta(hours=6), {}, top=10) == full[:10]
