"""The 热解读 of a stored event: the seed article is found as related to the 中央经济工作会议
story of the boards, and the event's interpretation carries its facts, entities and timeline."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from redian.config import Settings
from redian.service.board import board, event_detail
from redian.service.explain import related_articles
from redian.store import Store
from redian.times import parse_time
from redian.types import Article, HeadlineIn
from redian.web import create_app

AT = parse_time("2024-12-13 23:59:59")


@pytest.fixture(scope="module")
def meeting(demo_db: Path) -> str:
    """The event of the 中央经济工作会议 on the sample board."""
    store = Store.open(demo_db)
    entries = board(store, AT, timedelta(hours=24), 100).entries
    found = [e.event for e in entries if "经济工作" in e.title]
    assert found, "the sample board has the economic work conference"
    return found[0]


def test_event_explanation_uses_the_related_article(demo_db: Path, meeting: str) -> None:
    detail = event_detail(Store.open(demo_db), meeting)
    assert detail is not None and detail.explanation is not None
    x = detail.explanation
    assert [r.where.endswith("page_rejiedu_ai_plus.txt") for r in x.related] == [True]
    it = x.interpretation
    assert it.category == "finance" or it.category == "politics"
    texts = {f.text for f in it.facts}
    assert {"421家", "4500家", "40EFLOPS"} <= texts
    assert "国务院" in it.entities["org"]
    assert any(s.source.endswith("page_rejiedu_ai_plus.txt") for s in it.summary)
    kinds = {e.kind for e in x.timeline}
    assert {"headline", "state", "fact"} <= kinds
    assert [e.at for e in x.timeline] == sorted(e.at for e in x.timeline)


def test_event_page_and_json_show_the_interpretation(demo_db: Path, meeting: str) -> None:
    with TestClient(create_app(Settings(db_path=demo_db))) as client:
        page = client.get(f"/events/{meeting}")
        assert page.status_code == 200 and "热解读" in page.text and "时间线" in page.text
        body = client.get(f"/api/events/{meeting}").json()
    assert body["interpretation"]["category"] and body["related"] and body["timeline"]


def test_related_articles_need_the_same_words() -> None:
    heads = [HeadlineIn("x", "中央经济工作会议在北京举行", "weibo", AT)]

    def article(title: str | None, body: str) -> Article:
        return Article("text", title, None, None, None, body)

    candidates = [
        (1, article(None, "12月11日至12日,中央经济工作会议在北京举行。会议确定了九项重点任务。")),
        (2, article("兰州大雪“乱成一锅粥”", "兰州迎来大雪。")),
    ]
    found = related_articles(heads, candidates)
    assert [r.page_id for r, _ in found] == [1]
    assert found[0][0].title.startswith("12月11日至12日")
