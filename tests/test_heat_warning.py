"""Early warning: flags come before the top, use no future list, and follow the sensitivity."""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from redian.heat.warning import FEATURE_NAMES, RisingDetector, RisingFlag, WarningParams, default_model
from redian.types import CHINA_TZ, Observation

START = datetime(2022, 1, 12, 20, 0, tzinfo=CHINA_TZ)
BACKGROUND = [
    "媒体评王冰冰遭人肉曝光隐私",
    "天津12日下午放假",
    "再塑党的形象的伟大工程",
    "郑州1月12日不再进行全员核酸检测",
    "江歌妈妈为起诉刘鑫花费120万",
    "深圳累计报告8例新冠肺炎确诊病例",
    "勇士vs灰熊",
    "中消协评肯德基盲盒",
    "青海门源5.2级地震",
    "时代少年团商标被抢注",
    "婚纱店回应女子怒剪32件婚纱",
    "王牌部队顾一野再向胡杨敬礼破防了",
]
CLIMBER = "张文宏辟谣被居家隔离"


def _stream(minutes: int = 60) -> list[tuple[datetime, list[Observation]]]:
    """A 50-line list a minute: slowly sinking background titles and one story shooting up from #45."""
    lists = []
    for m in range(minutes):
        at = START + timedelta(minutes=m)
        hots: dict[str, float] = {}
        for i in range(49):
            name = BACKGROUND[i] if i < len(BACKGROUND) else f"话题{i}"
            hots[name] = 3_000_000 / (i + 1) ** 0.75 * (1 - 0.002 * m)
        hots[CLIMBER] = 150_000 * 1.09 ** max(0, m - 5) if m >= 5 else 0.0
        ranked = sorted((h, t) for t, h in hots.items() if h > 0)[::-1][:50]
        lists.append(
            (at, [Observation(t, "weibo", at, r, h, len(ranked)) for r, (h, t) in enumerate(ranked, start=1)])
        )
    return lists


def _flags(
    lists: Sequence[tuple[datetime, list[Observation]]], sensitivity: float = 0.45
) -> list[RisingFlag]:
    det = RisingDetector(WarningParams(sensitivity=sensitivity))
    return [f for at, obs in lists for f in det.update("weibo", at, obs)]


def _entry(lists: Sequence[tuple[datetime, list[Observation]]], title: str) -> datetime:
    return next(at for at, obs in lists for o in obs if o.event_id == title and o.rank <= 10)


def test_flags_the_climber_before_it_reaches_the_top() -> None:
    lists = _stream()
    flags = _flags(lists)
    mine = [f for f in flags if f.event_id == CLIMBER]
    assert len(mine) == 1  # at most once per event
    assert mine[0].rank > 10
    assert mine[0].at < _entry(lists, CLIMBER)
    # once it has a history, the steadily sinking background is not mistaken for a climber (on the
    # very first list everything is a newcomer, and a newcomer at #11 often does reach the top)
    assert not [f for f in flags if f.event_id in BACKGROUND and f.at > START]


def test_never_flags_inside_the_top_or_after_it() -> None:
    lists = _stream()
    ranks = {(at, o.event_id): o.rank for at, obs in lists for o in obs}
    for flag in _flags(lists, sensitivity=0.95):
        assert ranks[(flag.at, flag.event_id)] > 10
        entered = [at for (at, e), r in ranks.items() if e == flag.event_id and r <= 10]
        assert not entered or flag.at < min(entered)


def test_truncating_the_future_does_not_change_earlier_flags() -> None:
    lists = _stream()
    full = _flags(lists)
    for cut in (8, 15, 25, 40):
        assert _flags(lists[:cut]) == [f for f in full if f.at <= lists[cut - 1][0]]


def test_higher_sensitivity_flags_more_and_no_later() -> None:
    lists = _stream()
    low = {f.event_id: f.at for f in _flags(lists, 0.2)}
    high = {f.event_id: f.at for f in _flags(lists, 0.8)}
    assert set(low) <= set(high)
    assert all(high[e] <= at for e, at in low.items())


def test_lists_out_of_order_are_ignored() -> None:
    lists = _stream(20)
    det = RisingDetector()
    for at, obs in lists:
        det.update("weibo", at, obs)
    assert det.update("weibo", lists[3][0], lists[3][1]) == []


def test_params_are_checked() -> None:
    with pytest.raises(ValueError):
        WarningParams(sensitivity=1.5)
    with pytest.raises(ValueError):
        WarningParams(top=0)


def test_shipped_model_reads_the_detector_features() -> None:
    model = default_model()
    x = np.zeros((3, len(FEATURE_NAMES)))
    x[1, 0] = 3.0  # far below the top
    p = model.probability(x)
    assert p.shape == (3,) and np.all((p > 0) & (p < 1))
    assert p[1] < p[0]


def test_no_future_on_a_real_day(shared: Path) -> None:
    """The first four hours of a real per-minute day: flags before a cut do not depend on what follows."""
    path = shared / "data" / "streams" / "weibo_minutely" / "2022-01-13.json.gz"
    doc = json.loads(gzip.decompress(path.read_bytes()))[:240]
    lists = []
    for snap in doc:
        if not snap.get("hotwords"):
            continue
        at = datetime.fromtimestamp(snap["timestamp"], CHINA_TZ)
        words = snap["hotwords"]
        lists.append(
            (
                at,
                [
                    Observation(w["word"], "weibo", at, w["rank"], w.get("hot_value"), len(words))
                    for w in words
                ],
            )
        )
    full = _flags(lists)
    assert full, "a real day has early warnings"
    cut = lists[150][0]
    assert _flags([x for x in lists if x[0] <= cut]) == [f for f in full if f.at <= cut]
