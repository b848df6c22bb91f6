"""Fetching live sources through an injected HTTP client (httpx.MockTransport; no network)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from redian.collect.fetch import Fetched, FetchFailure, fetch_all
from redian.service.fetch import fetch_round
from redian.store import Store

WEIBO = {
    "code": 200,
    "name": "weibo",
    "title": "微博",
    "type": "热搜榜",
    "updateTime": "2024-08-01T04:00:00.000Z",
    "data": [
        {
            "id": 1,
            "title": "潘展乐打破世界纪录夺冠",
            "hot": 2_400_000,
            "url": "https://s.weibo.com/weibo?q=1",
        },
        {"id": 2, "title": "王楚钦球拍被踩", "hot": 1_900_000, "url": "https://s.weibo.com/weibo?q=2"},
    ],
}
TOUTIAO = {
    "status": "success",
    "id": "toutiao",
    "updatedTime": 1722484800000,
    "items": [
        {"id": "a", "title": "潘展乐100米自由泳夺金并破世界纪录", "url": "https://www.toutiao.com/a"},
        {"id": "b", "title": "巴黎奥组委调查王楚钦球拍被踩事件", "url": "https://www.toutiao.com/b"},
    ],
}


def handler(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/weibo":
        return httpx.Response(200, json=WEIBO)
    if request.url.path == "/api/s":
        return httpx.Response(200, content=json.dumps(TOUTIAO, ensure_ascii=False).encode())
    if request.url.path == "/broken":
        return httpx.Response(200, content=b'{"code": 200, "data": [')
    return httpx.Response(404)


def client() -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler), base_url="http://hot.test")


def test_fetch_reports_failures_per_url() -> None:
    results = fetch_all(["http://hot.test/weibo", "http://hot.test/missing"], client())
    assert isinstance(results[0], Fetched) and b"weibo" in results[0].data
    assert isinstance(results[1], FetchFailure) and "404" in results[1].reason


def test_fetch_round_ingests_two_platforms(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "r.db")
    urls = [
        "http://hot.test/weibo",
        "http://hot.test/api/s?id=toutiao",
        "http://hot.test/broken",
        "http://hot.test/x",
    ]
    result = fetch_round(store, urls, client())
    assert [f.url for f in result.failures] == ["http://hot.test/x"]
    files = {f.path: f for f in result.report.files}
    assert files["http://hot.test/broken"].error is not None
    assert files["http://hot.test/weibo"].snapshots == 1
    assert sorted(s.id for s in store.sources()) == ["toutiao", "weibo"]
    # the same responses again change nothing: content already stored
    before = store.table_rows()
    again = fetch_round(store, urls[:2], client())
    assert all(f.duplicate for f in again.report.files)
    assert store.table_rows() == before
