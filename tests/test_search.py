"""Search over the stored history: each story once, terms as in a watch, time and source limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from redian.errors import ConfigError
from redian.service.search import search
from redian.service.watch import matches
from redian.store import Store
from redian.times import parse_time, parse_until
from redian.types import Watch


@pytest.fixture(scope="module")
def store(demo_db: Path) -> Store:
    return Store.open(demo_db)


def test_each_story_once_with_the_headlines_that_matched(store: Store) -> None:
    result = search(store, ["极越"])
    events = [h.event for h in result.hits]
    assert result.total == len(events) >= 2 and len(set(events)) == len(events)
    biggest = max(result.hits, key=lambda h: len(h.matched))
    # the 极越 collapse: dozens of headlines from two platforms, one story
    assert len(biggest.matched) >= 10 and set(biggest.sources) == {"toutiao", "weibo"}
    assert all("极越" in m for h in result.hits for m in h.matched)
    lasts = [h.last_seen for h in result.hits]
    assert lasts == sorted(lasts, reverse=True)  # most recently seen first


def test_must_have_and_must_not_terms_agree_with_watches(store: Store) -> None:
    both = search(store, ["王楚钦", "+樊振东"])
    assert both.hits
    texts = store.headline_texts([h.event for h in both.hits])
    for h in both.hits:
        assert any("樊振东" in t for t in texts[h.event])
        assert matches(Watch("w", ("王楚钦", "+樊振东")), texts[h.event])
    everyone = {h.event for h in search(store, ["姆巴佩"]).hits}
    without = search(store, ["姆巴佩", "!罗滕"])
    assert {h.event for h in without.hits} < everyone
    assert all(not any("罗滕" in t for t in store.headline_texts([h.event])[h.event]) for h in without.hits)


def test_time_and_source_limits(store: Store) -> None:
    day = search(store, ["极越"], parse_time("2024-12-13 00:00"), parse_until("2024-12-13"))
    assert day.hits and all(h.last_seen >= parse_time("2024-12-13 00:00") for h in day.hits)
    assert len(day.hits) < len(search(store, ["极越"]).hits)  # one story was seen only on the 12th
    only = search(store, ["极越"], sources=("toutiao",))
    assert only.hits and all(h.sources == ("toutiao",) for h in only.hits)
    assert search(store, ["极越"], until=parse_time("2024-12-01")).hits == ()


def test_nothing_found_and_bad_terms(store: Store) -> None:
    assert search(store, ["量子纠缠火锅"]).total == 0
    with pytest.raises(ConfigError):
        search(store, ["!极越"])  # only exclusions
    with pytest.raises(ConfigError):
        search(store, ["~新能源汽车"])  # meaning terms are for watches
