"""The JSON API, the dashboard pages and their JSON twins, and the feeds, over the sample store."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from redian.config import Settings
from redian.interpret import CATEGORIES
from redian.web import create_app

AT = "2024-12-13 23:59:59"


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=demo_db))) as c:
        yield c


def test_api_hot_has_contract_fields_best_first(client: TestClient) -> None:
    body = client.get("/api/hot", params={"at": AT, "top": 25}).json()
    events = body["events"]
    assert len(events) == 25
    assert [e["position"] for e in events] == list(range(1, 26))
    heats = [e["heat"] for e in events]
    assert heats == sorted(heats, reverse=True) and heats[0] > 0
    for field in ("position", "event", "title", "heat", "sources", "first_seen", "trend"):
        assert field in events[0]
    assert {e["trend"] for e in events} <= {"new", "rising", "peak", "falling", "gone"}
    assert len({e["event"] for e in events}) == 25  # never the same story twice


def test_api_hot_filters_by_source(client: TestClient) -> None:
    events = client.get("/api/hot", params={"at": AT, "source": "toutiao"}).json()["events"]
    assert events and all(e["sources"] == ["toutiao"] for e in events)


def test_api_hot_category_tab_is_the_full_board_filtered(client: TestClient) -> None:
    full = client.get("/api/hot", params={"at": AT, "top": 500}).json()["events"]
    assert all(e["category"] in CATEGORIES for e in full)
    sports = [e for e in full if e["category"] == "sports"]
    assert len(sports) >= 5
    for name in ("sports", "体育"):
        tab = client.get("/api/hot", params={"at": AT, "top": 500, "category": name}).json()["events"]
        # the board holds more than 500 events: the tab may go on past the full board's end
        assert [e["event"] for e in tab[: len(sports)]] == [e["event"] for e in sports]
        assert [e["position"] for e in tab] == list(range(1, len(tab) + 1))
        assert {e["category_name"] for e in tab} == {"体育"}
    top3 = client.get("/api/hot", params={"at": AT, "top": 3, "category": "sports"}).json()["events"]
    assert [e["event"] for e in top3] == [e["event"] for e in sports[:3]]


def test_search_api_page_and_twin_agree(client: TestClient) -> None:
    api = client.get("/api/search", params={"q": "王楚钦 +樊振东"}).json()
    assert api["terms"] == ["王楚钦", "+樊振东"] and api["events"]
    assert api["total"] >= len(api["events"])
    twin = client.get("/search.json", params={"q": "王楚钦 +樊振东"}).json()
    assert twin == api
    page = client.get("/search", params={"q": "王楚钦 +樊振东"})
    assert page.status_code == 200 and all(e["title"] in page.text for e in api["events"])
    assert client.get("/search").status_code == 200  # the empty form explains the syntax
    table = client.get("/search.csv", params={"q": "王楚钦 +樊振东"})
    assert table.headers["content-type"].startswith("text/csv") and table.text.startswith("\ufeffevent,title")
    rows = table.text.strip().splitlines()[1:]
    assert [r.split(",")[0] for r in rows] == [e["event"] for e in api["events"]]
    assert "导出 CSV" in page.text
    assert client.get("/api/search", params={"q": " "}).status_code == 400
    assert client.get("/api/search", params={"q": "极越", "since": "soon"}).status_code == 400


def test_api_rejects_bad_parameters(client: TestClient) -> None:
    assert client.get("/api/hot", params={"category": "星座"}).status_code == 400
    assert client.get("/api/hot", params={"window": "soon"}).status_code == 400
    assert client.get("/api/hot", params={"at": "yesterday-ish"}).status_code == 400
    assert client.get("/api/events/nope").status_code == 404


def test_event_api_and_page_agree(client: TestClient) -> None:
    first = client.get("/api/hot", params={"at": AT, "top": 1}).json()["events"][0]
    detail = client.get(f"/api/events/{first['event']}").json()
    assert detail["event"] == first["event"] and detail["headlines"]
    assert client.get(f"/events/{first['event']}.json").json() == detail
    page = client.get(f"/events/{first['event']}")
    assert page.status_code == 200 and detail["headlines"][0]["text"] in page.text
    assert "热度曲线" in page.text


def test_an_event_page_names_the_event_as_the_board_does(client: TestClient) -> None:
    # the events of the last lists: the board's day is the last day of their lives
    events = client.get("/api/hot", params={"at": AT, "top": 15}).json()["events"]
    for e in events:
        detail = client.get(f"/api/events/{e['event']}").json()
        if detail["last_seen"].startswith("2024-12-13T23:59"):
            assert detail["title"] == e["title"], e["event"]


def test_board_page_defaults_to_the_newest_data(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'lang="zh-CN"' in page.text
    assert "2024-12-13 23:59" in page.text and "数据截至此刻" in page.text
    twin = client.get("/hot.json").json()
    assert twin["events"] and twin["events"][0]["title"] in page.text


def test_rss_and_atom_feeds(client: TestClient) -> None:
    rss = ET.fromstring(client.get("/feed.xml").content)
    items = rss.findall("./channel/item")
    assert len(items) == 30
    assert all((i.findtext("link") or "").startswith("http://testserver/events/") for i in items)
    atom = ET.fromstring(client.get("/feed.atom").content)
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) == 30


def test_a_category_feed_holds_only_that_category(client: TestClient) -> None:
    rss = ET.fromstring(client.get("/feed.xml", params={"category": "体育", "top": 10}).content)
    assert rss.findtext("./channel/title") == "redian 热点榜 · 体育"
    items = rss.findall("./channel/item")
    assert len(items) == 10 and all(i.findtext("category") == "体育" for i in items)
    atom = ET.fromstring(client.get("/feed.atom", params={"category": "sports", "top": 10}).content)
    entries = atom.findall("{http://www.w3.org/2005/Atom}entry")
    assert [e.findtext("{http://www.w3.org/2005/Atom}title") for e in entries] == [
        i.findtext("title") for i in items
    ]
    assert client.get("/feed.xml", params={"category": "星座"}).status_code == 400


def test_openapi_documents_every_api_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/hot", "/api/events/{ident}", "/api/sources", "/api/status"} <= set(paths)


def test_api_docs_pages_load_nothing_from_the_internet(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert "https://" not in page.text, path
        scripts = re.findall(r'src="([^"]+\.js)"', page.text)
        assert scripts, path
        for script in scripts:
            served = client.get(script)
            assert served.status_code == 200 and len(served.content) > 100_000, script


def test_sources_have_chinese_names(client: TestClient) -> None:
    sources = {s["source"]: s for s in client.get("/api/sources").json()}
    assert sources["weibo"]["name"] == "微博" and sources["toutiao"]["name"] == "头条"
    assert sources["weibo"]["snapshots"] == 4 and sources["weibo"]["kind"] == "platform"
    assert sources["page:page_rejiedu_ai_plus.txt"]["kind"] == "page"
