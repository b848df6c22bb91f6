"""Editors merge stories the engine kept apart: the headlines move with their history, the old
ids stay aliases, and the story stays whole through later ingests and rebuilds."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redian.errors import ConfigError
from redian.service.board import board
from redian.service.ingest import ingest_paths, rebuild
from redian.service.merge import merge_stories
from redian.store import Store
from redian.times import parse_time

AT = parse_time("2024-12-13 23:59:59")
#: the central economic work conference and the Politburo meeting that set it up: two events for
#: the engine (no word but 经济工作 in common), one story for an editor's board
TERMS = ("经济工作会议", "部署2025年经济工作")


@pytest.fixture()
def store(demo_db: Path, tmp_path: Path) -> Store:
    path = tmp_path / "merge.db"
    shutil.copy(demo_db, path)
    return Store.open(path)


def _events(store: Store) -> tuple[str, str]:
    since = parse_time("2024-01-01")
    first = store.headlines_containing([TERMS[0]], since, AT)
    second = store.headlines_containing([TERMS[1]], since, AT)
    (a,) = [e for e in first if TERMS[0] in store.headline_texts([e])[e]]
    (b,) = [e for e in second if TERMS[1] in store.headline_texts([e])[e]]
    assert a != b  # the engine kept them apart
    return a, b


def test_merge_joins_stories_with_their_history(store: Store) -> None:
    a, b = _events(store)
    views = [store.event_view(a), store.event_view(b)]
    assert views[0] is not None and views[1] is not None
    texts_before = {h[0] for v in views if v for h in v.headlines}
    observations = sum(len(v.observations) for v in views if v)
    done = merge_stories(store, a[:8], [b, b[:6]])  # a prefix, and the same event twice
    assert done.event == a and done.merged == (b,) and done.headlines == len(texts_before)
    merged = store.event_view(a)
    assert merged is not None
    assert {h[0] for h in merged.headlines} == texts_before
    assert len(merged.observations) == observations
    assert all(h[3].startswith("人工合并") for h in merged.headlines)
    assert store.resolve_event(b) == a  # the old id is an alias: its links keep working
    events = [e.event for e in board(store, AT, timedelta(days=4), 500).entries]
    assert events.count(a) == 1 and b not in events


def test_a_merge_survives_rebuild_and_later_ingests(store: Store, tmp_path: Path) -> None:
    a, b = _events(store)
    found = store.headlines_containing(["黑神话悟空未获TGA年度游戏"], parse_time("2024-01-01"), AT)
    (game,) = found
    merge_stories(store, game, [b])  # a chain, as an editor may make one: b into game, game into a
    merge_stories(store, a, [game])
    rebuild(store)
    assert store.resolve_event(b) == a and store.resolve_event(game) == a
    assert set(TERMS) <= set(store.headline_texts([a])[a])
    later = tmp_path / "later.jsonl"
    items = [{"title": t} for t in (*TERMS, "中央经济工作会议在北京举行")]
    doc = {"source": "weibo", "at": "2024-12-14T10:00:00+08:00", "items": items}
    later.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    ingest_paths(store, [later])
    assert store.resolve_event(b) == a
    assert set(TERMS) <= set(store.headline_texts([a])[a])


def test_merges_that_make_no_sense_are_refused(store: Store) -> None:
    a, b = _events(store)
    with pytest.raises(ConfigError, match="no event"):
        merge_stories(store, "ffffffffffff", [b])
    with pytest.raises(ConfigError, match="no event"):
        merge_stories(store, a, ["ffffffffffff"])
    with pytest.raises(ConfigError, match="already part of"):
        merge_stories(store, a, [a[:8]])
    with pytest.raises(ConfigError, match="at least one"):
        merge_stories(store, a, [])
    assert store.resolve_event(b) == b  # nothing changed


def test_merge_from_the_command_line(store: Store) -> None:
    from redian.cli import app

    a, b = _events(store)
    result = CliRunner().invoke(app, ["--db", str(store.path), "merge", a, b, "--json"])
    assert result.exit_code == 0, result.output
    size = len(store.event_headlines(a))
    assert json.loads(result.stdout) == {"event": a, "merged": [b], "headlines": size}
    again = CliRunner().invoke(app, ["--db", str(store.path), "merge", a, b])
    assert isinstance(again.exception, ConfigError) and "already part of" in str(again.exception)


def test_corrections_over_the_api_need_the_token(store: Store) -> None:
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from redian.config import Settings
    from redian.web import create_app

    a, b = _events(store)
    settings = Settings(db_path=store.path)
    with TestClient(create_app(settings)) as web:  # no token configured: reading only
        assert web.post(f"/api/events/{a}/merge", json={"events": [b]}).status_code == 403
    with TestClient(create_app(replace(settings, edit_token="s3cret"))) as web:
        url = f"/api/events/{a[:8]}/merge"
        assert web.post(url, json={"events": [b]}).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert web.post(url, json={"events": [b]}, headers=wrong).status_code == 401
        auth = {"Authorization": "Bearer s3cret"}
        # a form, as a page elsewhere could post one, is not read as a request
        assert web.post(url, data={"events": b}, headers=auth).status_code == 422
        assert web.get(f"/api/events/{b}").json()["event"] == b
        merged = web.post(url, json={"events": [b]}, headers=auth)
        assert merged.status_code == 200 and merged.json()["merged"] == [b]
        assert web.get(f"/api/events/{b}").json()["event"] == a  # the old id answers as an alias
        bad = web.post(url, json={"events": [b]}, headers=auth)
        assert bad.status_code == 400 and "already part of" in bad.json()["detail"]
        # and split it again: the headline of the other story goes back to an event of its own
        split = web.post(f"/api/events/{a}/split", json={"headlines": [TERMS[1]]}, headers=auth)
        assert split.status_code == 200, split.text
        body = split.json()
        assert body["event"] == a and body["moved"] == [TERMS[1]] and body["new_event"] != a
        assert web.get(f"/api/events/{body['new_event']}").status_code == 200
