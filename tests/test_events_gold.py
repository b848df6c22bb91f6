"""Quality floors on the labelled days: the dev gold (../shared) and our ordinary day (bench/data).

The shipped model was fitted on these days, so these are in-sample floors that catch regressions;
the honest (cross-validated, leave-one-day-out) figures come from ``python -m bench.events_eval``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.events_eval import bigram_single_link  # noqa: E402
from bench.events_metrics import scores  # noqa: E402
from bench.events_seed import check_seed  # noqa: E402
from bench.train_events import cluster_titles, gold_rows  # noqa: E402
from redian.events.model import default_model  # noqa: E402


@pytest.fixture(scope="module")
def gold(shared: Path) -> tuple[list[str], list[str]]:
    rows = gold_rows(shared / "data" / "events" / "gold-2024-08-01.tsv")
    return [r.title for r in rows], [r.story for r in rows]


def test_engine_beats_the_bigram_baseline_on_the_dev_day(gold: tuple[list[str], list[str]]) -> None:
    titles, stories = gold
    ours = scores(stories, cluster_titles(titles, default_model()))
    baseline = scores(stories, bigram_single_link(titles))
    assert ours.bcubed_f1 >= 0.76
    assert ours.pair_f1 >= 0.62
    # an Olympic day: one athlete's several events are several stories, and the model, fitted on
    # an ordinary day too, glues some of them (an ordinary day must stay near-perfectly precise)
    assert ours.bcubed_p >= 0.82
    assert ours.bcubed_f1 > baseline.bcubed_f1 and ours.pair_f1 > baseline.pair_f1


def test_ordinary_day_is_precise_and_beats_the_bigram_baseline() -> None:
    rows = gold_rows(ROOT / "bench" / "data" / "events_labels_2023-05-17.tsv")
    titles, stories = [r.title for r in rows], [r.story for r in rows]
    ours = scores(stories, cluster_titles(titles, default_model()))
    baseline = scores(stories, bigram_single_link(titles))
    assert ours.bcubed_p >= 0.98  # a board must not glue different stories together
    assert ours.bcubed_f1 >= 0.85 and ours.pair_f1 >= 0.65
    assert ours.bcubed_f1 > baseline.bcubed_f1 and ours.pair_f1 > baseline.pair_f1


def test_seed_page_with_the_real_file(shared: Path) -> None:
    verdicts = check_seed(shared / "seed" / "000_d7004dcb5a26c41a.txt")
    assert not [v for v in verdicts if v.startswith("FAIL")], verdicts


def test_a_generic_word_crowding_the_olympic_day_is_no_story(gold: tuple[list[str], list[str]]) -> None:
    """``选手`` fills the dev day's board across dozens of happenings: two headlines sharing only
    it get no burst and stay apart, while a story's own rare word (``塞纳河``) and a person's
    name keep theirs (a place or an organisation, ``巴黎``, ``奥运``, must be rare to)."""
    from datetime import datetime

    from redian.events.features import bursty, profile
    from redian.events.story import StoryEngine
    from redian.text.normalize import clean_title, match_key
    from redian.types import CHINA_TZ, HeadlineIn

    assert not any(map(bursty, ["选手", "晋级", "奥运", "巴黎", "中国"]))
    assert all(map(bursty, ["塞纳河", "王楚钦", "笑果", "戛纳", "半决赛"]))
    engine = StoryEngine()
    at = datetime(2024, 8, 1, tzinfo=CHINA_TZ)
    ids = {}
    for title in gold[0]:
        key = match_key(title)
        ids[title] = engine.assign(HeadlineIn(key, clean_title(title), "gold", at)).event_id
    swim, friends = "加拿大选手游完塞纳河后吐了", "中国志愿者与朝鲜乒乓球选手成好友"
    assert engine._burst(profile(match_key(swim)), profile(match_key(friends))) == 0.0
    assert engine.resolve(ids[swim]) != engine.resolve(ids[friends])
    assert engine.resolve(ids[swim]) == engine.resolve(ids["有选手游完塞纳河吐了"])
