"""Editors split a wrong merge: the headlines move with their history, and stay apart through
later ingests and rebuilds."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from redian.errors import ConfigError
from redian.service.board import board
from redian.service.ingest import ingest_paths, rebuild
from redian.service.split import split_event
from redian.store import Store
from redian.times import parse_time

AT = parse_time("2024-12-13 23:59:59")
ILL = ("王曼昱因病退出乒超比赛", "王曼昱因病乒超退赛")  # a withdrawal, not the league's opening


@pytest.fixture()
def store(demo_db: Path, tmp_path: Path) -> Store:
    path = tmp_path / "split.db"
    shutil.copy(demo_db, path)
    return Store.open(path)


def _league(store: Store) -> str:
    found = store.headlines_containing(["王曼昱因病退出乒超比赛"], parse_time("2024-01-01"), AT)
    (event_id,) = found
    texts = store.headline_texts([event_id])[event_id]
    assert "乒超联赛长沙开赛" in texts and set(ILL) <= set(texts)  # the engine merged them
    return event_id


def test_split_moves_headlines_with_their_observations(store: Store) -> None:
    league = _league(store)
    before = store.event_view(league)
    assert before is not None
    numbers = [str(i) for i, h in enumerate(before.headlines, start=1) if h[0] == ILL[0]]
    done = split_event(store, league[:8], [numbers[0], ILL[1]])  # by number or by text
    assert done.event == league and set(done.moved) == set(ILL) and done.kept == len(before.headlines) - 2
    new = store.event_view(done.new_event)
    old = store.event_view(league)
    assert new is not None and old is not None
    assert {h[0] for h in new.headlines} == set(ILL)
    assert all(h[3].startswith("人工拆分") for h in new.headlines)
    assert not set(ILL) & {h[0] for h in old.headlines}
    moved_obs = len(new.observations)
    assert moved_obs >= 2 and len(old.observations) == len(before.observations) - moved_obs
    assert new.first_seen == min(o.at for o in new.observations)
    # both stories are on the board now, each once
    events = [e.event for e in board(store, AT, timedelta(days=4), 500).entries]
    assert events.count(league) == 1 and events.count(done.new_event) == 1


def test_a_split_survives_rebuild_and_later_ingests(store: Store, tmp_path: Path) -> None:
    league = _league(store)
    done = split_event(store, league, list(ILL))
    rebuild(store)
    texts = store.headline_texts([league, done.new_event])
    assert set(texts[done.new_event]) == set(ILL) and not set(ILL) & set(texts[league])
    # a later list with both stories' headlines and a new one close to both
    later = tmp_path / "later.jsonl"
    items = [{"title": t} for t in ("乒超联赛长沙开赛", ILL[0], "王曼昱因病退出乒超后首次露面")]
    doc = {"source": "weibo", "at": "2024-12-14T10:00:00+08:00", "items": items}
    later.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    ingest_paths(store, [later])
    assert store.resolve_event(done.new_event) == done.new_event  # never merged back
    assert store.resolve_event(league) == league
    texts = store.headline_texts([league, done.new_event])
    assert ILL[0] in texts[done.new_event] and "乒超联赛长沙开赛" in texts[league]


def test_splits_that_make_no_sense_are_refused(store: Store) -> None:
    league = _league(store)
    with pytest.raises(ConfigError, match="no event"):
        split_event(store, "ffffffffffff", ["1"])
    with pytest.raises(ConfigError, match="has no headline"):
        split_event(store, league, ["与男顾客暧昧的LV柜姐被开除"])
    everything = [str(i) for i in range(1, len(store.headline_texts([league])[league]) + 1)]
    with pytest.raises(ConfigError, match="every headline"):
        split_event(store, league, everything)
    assert set(ILL) <= set(store.headline_texts([league])[league])  # nothing changed
