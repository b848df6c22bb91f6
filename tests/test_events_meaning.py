"""Merging by meaning (step 4 of the story engine, ``PairModel.join_meaning``): events whose
headlines mean the same in other words merge, generic meanings and events naming other people,
amounts or match results do not, ids stay stable, and the word table reads Chinese only."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from ordinary_day import T0, assign, gold_stories, stream_day

from redian.events.model import default_model
from redian.events.story import MEANING_MIN_CHARS, StoryEngine
from redian.service.cluster import ClusterInput, cluster_headlines
from redian.service.ingest import ingest_paths
from redian.store import Store
from redian.text.normalize import clean_title, match_key
from redian.text.vectors import word_vectors
from redian.types import Assignment


@pytest.fixture(scope="module")
def day() -> tuple[StoryEngine, dict[str, Assignment]]:
    return stream_day(default_model())


def by_meaning(placed: dict[str, Assignment]) -> dict[str, Assignment]:
    return {t: a for t, a in placed.items() if "meaning" in dict(a.signals)}


def test_shipped_model_has_the_rule_and_the_table() -> None:
    assert 0.0 < default_model().join_meaning < 1.0
    table = word_vectors()
    assert table is not None
    assert len(table.index) > 20_000
    assert table.background.shape == (table.background.shape[0], table.dims)
    assert len(table.background) >= 400
    norms = np.linalg.norm(table.background, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-2)


def test_same_story_in_other_words_merges(day: tuple[StoryEngine, dict[str, Assignment]]) -> None:
    engine, placed = day
    # the strike on a Ukrainian arsenal, told by Ukrainian media and by a Chinese expert: they
    # share no rare word or name (弹药库 / 军火库), only what the words mean
    kyiv = placed["乌媒称乌贫铀弹军火库遭俄打击"]
    moscow = placed["俄打爆乌弹药库？专家：或是燃料库"]
    assert engine.resolve(kyiv.event_id) == engine.resolve(moscow.event_id)
    assert dict(kyiv.signals)["meaning"] >= default_model().join_meaning
    assert "词义向量平均余弦" in kyiv.reason
    # without the rule the word model keeps them apart
    off, placed_off = stream_day(replace(default_model(), join_meaning=0.0))
    kyiv_off = placed_off["乌媒称乌贫铀弹军火库遭俄打击"]
    moscow_off = placed_off["俄打爆乌弹药库？专家：或是燃料库"]
    assert off.resolve(kyiv_off.event_id) != off.resolve(moscow_off.event_id)
    assert not by_meaning(placed_off)


def test_every_merge_by_meaning_on_the_day_is_right(day: tuple[StoryEngine, dict[str, Assignment]]) -> None:
    engine, placed = day
    stories = gold_stories()
    merged = by_meaning(placed)
    assert len(merged) >= 5
    for title, choice in merged.items():
        event = engine.resolve(choice.event_id)
        mates = {t for t, a in placed.items() if engine.resolve(a.event_id) == event}
        assert {stories[t] for t in mates} == {stories[title]}, title


def test_events_merge_and_the_older_id_survives(day: tuple[StoryEngine, dict[str, Assignment]]) -> None:
    engine, placed = day
    # joined the 俄军匕首 event by its words, which then met the Kyiv headline's event by meaning
    grown = placed["俄称用匕首导弹摧毁乌军美制爱国者"]
    assert grown.merged
    first = placed["俄军匕首如何实现攻破爱国者金身的"]
    assert grown.event_id == engine.resolve(first.event_id)
    for old in grown.merged:
        assert engine.resolve(old) == grown.event_id


def test_generic_meanings_and_other_people_or_amounts_do_not_merge(
    day: tuple[StoryEngine, dict[str, Assignment]],
) -> None:
    engine, _ = day
    for a, b in [
        ("要被这个民宿老板笑死了", "上门喂猫别人家的猫死了"),  # 笑死 / 死了: a generic meaning
        ("马丽主演电影票房破180亿", "赵丽颖主演票房突破30亿"),  # other actress, other amount
        ("上海飞大阪机票仅8元", "上海飞青岛票价只要14元"),  # other amount of 元
        # other results, other matches (cosine 0.60 and 0.94: only the results tell them apart)
        ("伊拉克2比1日本亚洲杯小组赛", "日本3比1越南亚洲杯首战"),
        ("中国女排3比0日本女排", "中国女排1比3美国女排"),
    ]:
        first, second = assign(engine, a), assign(engine, b)
        assert engine.resolve(first.event_id) != engine.resolve(second.event_id), (a, b)
    # while the same crash in other words still merges, in the same crowded window
    crash = assign(engine, "俄坠毁运输机上74人全部遇难")
    kremlin = assign(engine, "克宫回应一运输机坠毁")
    assert engine.resolve(crash.event_id) == engine.resolve(kremlin.event_id)
    assert "meaning" in dict(kremlin.signals)


def test_short_keys_have_no_meaning() -> None:
    engine = StoryEngine()
    for title in ("豆瓣崩了", "友情婚", "姜妍好甜"):
        assert len(title) < MEANING_MIN_CHARS
        choice = assign(engine, title)
        assert "meaning" not in dict(choice.signals)


def test_the_table_reads_chinese_and_counts_latin_as_unknown() -> None:
    table = word_vectors()
    assert table is not None
    # e5 crowds short Latin words together (IU, RNG, EDG): they never make a meaning
    assert table.vector({"RNG": 10.0, "对战": 2.0}) is None
    assert table.vector({"boynextdoor": 1.0}) is None
    # an unknown Chinese word is read through its characters, as a unit vector
    assert "喵喵喵喵" not in table.index
    unknown = table.vector({"喵喵喵喵": 1.0})
    assert unknown is not None
    assert abs(float(np.linalg.norm(unknown)) - 1.0) < 1e-5
    # weights matter and the answer is the same every time (the word cache is invisible)
    a = table.vector({"车厘子": 3.0, "樱桃": 1.0})
    b = table.vector({"车厘子": 3.0, "樱桃": 1.0})
    c = table.vector({"车厘子": 1.0, "樱桃": 3.0})
    assert a is not None and b is not None and c is not None
    assert np.array_equal(a, b)
    assert not np.array_equal(a, c)
    assert float(a @ c) > 0.5  # (one meaning, weighed differently)


def test_forgetting_the_window_empties_the_meaning_index() -> None:
    """Memory stays bounded by the live window: forgotten headlines leave their event's sum, and
    an event with no live member leaves the index (rows stay packed)."""
    engine, placed = stream_day(default_model())
    index = engine._meaning
    assert index is not None
    live = {engine.resolve(a.event_id) for a in placed.values()}
    assert 0 < len(index.event_of) <= len(live)
    assert set(index.event_of) <= live
    assert all(index.row_of[e] == row for row, e in enumerate(index.event_of))
    engine.forget_before(T0 + timedelta(seconds=1))
    assert len(engine) == 0
    assert index.event_of == [] and index.row_of == {}
    assert not index.counts.any()


def test_ingesting_the_day_as_lists_gives_the_stories_cluster_gives(tmp_path: Path) -> None:
    """Deliverable 3 with step 4 at work: the store's streaming placement (lists ingested one
    after another, engine state carried between them) and the batch ``redian cluster`` of the
    same headlines in the same order agree on every story."""
    titles = list(dict.fromkeys(gold_stories()))
    lists = tmp_path / "day.jsonl"
    with lists.open("w", encoding="utf-8") as fh:
        for n, start in enumerate(range(0, len(titles), 50)):
            at = (T0 + timedelta(minutes=10 * n)).isoformat()
            items = [{"rank": r + 1, "title": t} for r, t in enumerate(titles[start : start + 50])]
            fh.write(json.dumps({"source": "toutiao", "at": at, "items": items}, ensure_ascii=False) + "\n")
    store = Store.open(tmp_path / "day.db")
    ingest_paths(store, [lists])
    stored = {h.key: h.event_id for h in store.recent_headlines(T0 - timedelta(days=1))}
    inputs = [
        ClusterInput(id=i, title=t, source="toutiao", time=T0 + timedelta(minutes=10 * (i // 50)))
        for i, t in enumerate(titles)
    ]
    results = cluster_headlines(inputs)
    batch = {match_key(r.input.title) or clean_title(r.input.title): r.event for r in results}
    assert set(stored) == set(batch)
    pairs = {(stored[k], batch[k]) for k in stored}
    assert len(pairs) == len({s for s, _ in pairs}) == len({b for _, b in pairs})  # one-to-one
    # and step 4 did merge on both paths
    assert any("meaning" in dict(r.assignment.signals) for r in results)
    assert any("词义" in str(row) for row in store.table_rows()["headlines"])
