"""`redian cluster`: JSON Lines and TSV in, one event per line out, batch == streaming."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner

from redian.cli import app
from redian.events import StoryEngine
from redian.service.cluster import DEFAULT_TIME, cluster_headlines, parse_cluster_input
from redian.text.normalize import clean_title, match_key
from redian.types import HeadlineIn

LINES = [
    {"id": "a", "title": "深圳彩民80元中双色球2.25亿巨奖", "source": "toutiao"},
    {"id": "b", "title": "五金加工厂负责人被控造枪案二审", "source": "weibo"},
    {"id": "c", "title": "中2.25亿巨奖的男子尚未兑奖", "source": "weibo"},
    {"id": "d", "title": "#五金加工厂负责人被控造枪案二审#", "source": "weibo"},
    {
        "id": "e",
        "title": "爷爷看中LV皮鞋柜姐配合孙女砍价",
        "source": "baidu",
        "desc": "一位爷爷在LV专柜看中皮鞋。",
    },
]


def _run(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_lines_in_events_out_in_order() -> None:
    code, out, _ = _run(
        ["cluster", "-", "--json"], "\n".join(json.dumps(o, ensure_ascii=False) for o in LINES)
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", "d", "e"]
    event = {r["id"]: r["event"] for r in rows}
    assert event["a"] == event["c"] and event["b"] == event["d"]
    assert len({event["a"], event["b"], event["e"]}) == 3


def test_tsv_ids_are_line_numbers_and_bad_lines_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "in.tsv"
    path.write_text(
        "weibo\t深圳彩民80元中双色球2.25亿巨奖\n"
        "broken line without a tab\n"
        "toutiao\t中2.25亿巨奖的男子尚未兑奖\t男子中奖后尚未现身兑奖\n",
        encoding="utf-8",
    )
    code, out, err = _run(["cluster", str(path), "--json"])
    assert code == 3
    assert f"{path}:2:" in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [1, 3]
    assert rows[0]["event"] == rows[1]["event"]


def test_bad_json_line_is_reported_and_skipped() -> None:
    stdin = json.dumps(LINES[0], ensure_ascii=False) + "\n{not json\n" + json.dumps({"id": 9}) + "\n"
    code, out, err = _run(["cluster", "--json"], stdin)
    assert code == 3
    assert "<stdin>:2:" in err and "<stdin>:3:" in err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a"]


def test_batch_equals_streaming_into_a_fresh_engine() -> None:
    items, problems = parse_cluster_input(json.dumps(o, ensure_ascii=False) for o in LINES)
    assert not problems
    batch = [r.event for r in cluster_headlines(items)]
    engine = StoryEngine()
    streamed = [
        engine.assign(
            HeadlineIn(match_key(i.title), clean_title(i.title), i.source, DEFAULT_TIME, i.desc)
        ).event_id
        for i in items
    ]
    assert batch == [engine.resolve(e) for e in streamed]


def test_times_order_the_stream_but_not_the_output() -> None:
    lines = [
        {"id": 1, "title": "中2.25亿巨奖的男子尚未兑奖", "time": "2024-12-15T12:00:00+08:00"},
        {"id": 2, "title": "深圳彩民80元中双色球2.25亿巨奖", "time": "2024-12-15T09:00:00+08:00"},
    ]
    items, _ = parse_cluster_input(json.dumps(o, ensure_ascii=False) for o in lines)
    results = cluster_headlines(items)
    assert [r.input.id for r in results] == [1, 2]
    assert results[1].assignment.new  # the earlier headline founded the event
    assert results[0].event == results[1].event
    assert results[1].input.time == datetime.fromisoformat("2024-12-15T09:00:00+08:00")


def test_tsv_header_skipped_and_label_columns_not_read_as_descriptions() -> None:
    lines = [
        "source\ttitle\tstory",
        "toutiao\t孙颖莎4-0过关锁定女单4强\t2024-08-01-s002",
        "weibo\t潘展乐赛后婉拒在国旗上签名\t2024-08-01-s002",
        "baidu\t孙颖莎4-0晋级女单四强\t孙颖莎以4比0战胜郑怡静晋级女单四强。",
    ]
    items, problems = parse_cluster_input(lines)
    assert not problems
    assert [i.id for i in items] == [2, 3, 4]  # ids stay line numbers
    assert items[0].desc is None and items[1].desc is None
    assert items[2].desc == "孙颖莎以4比0战胜郑怡静晋级女单四强。"
    results = cluster_headlines(items)
    assert results[0].event != results[1].event


def test_the_engine_given_is_the_engine_used() -> None:
    """A fresh engine knows no headline, so ``len(engine) == 0``: it once read as false and was
    replaced by a default engine (``engine or default_engine()``), in cluster, ingest and trends."""

    class Counting(StoryEngine):
        calls = 0

        def assign(self, headline: HeadlineIn):  # type: ignore[no-untyped-def]
            Counting.calls += 1
            return super().assign(headline)

    engine = Counting()
    assert len(engine) == 0
    items, _ = parse_cluster_input(json.dumps(line, ensure_ascii=False) for line in LINES)
    cluster_headlines(items, engine)
    assert Counting.calls == len(LINES)
