"""Each input format is read into snapshots with the right source, time, ranks and values.

Titles come from the MIT-licensed archives justjavac/weibo-trending-hot-search and
huqi-pr/trending-in-one (see tests/data/README.md); the surrounding JSON follows each format.
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest

from redian.collect import FORMATS, Problem, detect_format, read_records
from redian.errors import InputError
from redian.types import CHINA_TZ, Page, Snapshot

WEIBO_20220112 = [
    "十个坚持是党百年经验的深刻总结",
    "吴京在安全出口站4小时陪谢楠跨年",
    "天津返大连感染学生称遭到网暴",
]
TOUTIAO_20240801 = ["樊振东vs张本智和", "孙颖莎4-0过关锁定女单4强", "郑钦文战胜世界第一闯入决赛"]


def write(tmp_path: Path, name: str, content: str | bytes, gz: bool = False) -> Path:
    data = content.encode("utf-8") if isinstance(content, str) else content
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def snapshots(path: Path, fmt: str = "auto") -> tuple[str, list[Snapshot], list[Problem]]:
    name, _, records = read_records(path, fmt)
    recs = list(records)
    return name, [r for r in recs if isinstance(r, Snapshot)], [r for r in recs if isinstance(r, Problem)]


def test_kfstorm_per_minute_weibo(tmp_path: Path) -> None:
    doc = [
        {
            "timestamp": 1641945601,
            "hotwords": [
                {"word": w, "rank": i + 1, "hot_value": 2_000_000 - i * 1000}
                for i, w in enumerate(WEIBO_20220112)
            ],
        },
        {
            "timestamp": 1641945661,
            "hotwords": [{"word": WEIBO_20220112[2], "rank": 1, "hot_value": 3_000_000, "tags": ["新"]}],
        },
    ]
    path = write(tmp_path, "2022-01-12.json.gz", json.dumps(doc, ensure_ascii=False), gz=True)
    fmt, snaps, problems = snapshots(path)
    assert fmt == "kfstorm" and not problems
    assert [s.source for s in snaps] == ["weibo", "weibo"]
    assert snaps[0].taken_at == datetime(2022, 1, 12, 8, 0, 1, tzinfo=CHINA_TZ)
    assert [(i.rank, i.title, i.hot) for i in snaps[0].items][1] == (2, WEIBO_20220112[1], 1_999_000.0)
    assert snaps[1].items[0].title == "天津返大连感染学生称遭到网暴"


def test_justjavac_daily_tsv_one_snapshot_per_day(tmp_path: Path) -> None:
    rows = ["date\ttitle"] + [f"2022-01-12\t{t}" for t in WEIBO_20220112] + ["2022-01-13\t河南抗疫求助"]
    fmt, snaps, problems = snapshots(write(tmp_path, "weibo.tsv", "\n".join(rows)))
    assert fmt == "justjavac" and not problems
    assert len(snaps) == 2
    day = snaps[0]
    assert day.source == "weibo"
    assert day.taken_at == datetime(2022, 1, 12, 23, 59, 59, tzinfo=CHINA_TZ)  # known at the day's end
    assert [i.rank for i in day.items] == [1, 2, 3]


def test_huqi_platforms_are_canonical(tmp_path: Path) -> None:
    rows = ["platform\tdate\ttitle"] + [f"toutiao-search\t2024-08-01\t{t}" for t in TOUTIAO_20240801]
    rows.append("weibo-search\t2024-08-01\t王楚钦球拍被踩")
    fmt, snaps, _ = snapshots(write(tmp_path, "trending.tsv", "\n".join(rows)))
    assert fmt == "huqi"
    assert sorted(s.source for s in snaps) == ["toutiao", "weibo"]


def test_baidu_daily_keeps_hot_score_and_desc(tmp_path: Path) -> None:
    rows = [
        "date\tindex\thotScore\tword\tdesc",
        "2024-08-01\t0\t4915490\t郑钦文战胜世界第一闯入决赛\t郑钦文2比0击败斯瓦泰克，闯入巴黎奥运会女单决赛。",
        "2024-08-01\t1\t4840654\t孙颖莎4-0过关锁定女单4强\t",
    ]
    fmt, snaps, _ = snapshots(write(tmp_path, "baidu.tsv", "\n".join(rows)))
    assert fmt == "baidu"
    first = snaps[0].items[0]
    assert (first.rank, first.hot) == (1, 4915490.0)
    assert first.desc is not None and first.desc.startswith("郑钦文2比0")
    assert snaps[0].items[1].desc is None


def test_dailyhot_response(tmp_path: Path) -> None:
    doc = {
        "code": 200,
        "name": "weibo",
        "title": "微博",
        "type": "热搜榜",
        "updateTime": "2024-08-01T12:00:00.000Z",
        "data": [
            {
                "id": i,
                "title": t,
                "hot": 100000 - i,
                "url": f"https://s.weibo.com/weibo?q={i}",
                "timestamp": None,
            }
            for i, t in enumerate(TOUTIAO_20240801)
        ],
    }
    fmt, snaps, _ = snapshots(write(tmp_path, "weibo.json", json.dumps(doc, ensure_ascii=False)))
    assert fmt == "dailyhot"
    snap = snaps[0]
    assert snap.source == "weibo" and snap.taken_at == datetime(2024, 8, 1, 20, 0, tzinfo=CHINA_TZ)
    assert snap.items[0].url == "https://s.weibo.com/weibo?q=0"


def test_newsnow_response(tmp_path: Path) -> None:
    doc = {
        "status": "success",
        "id": "toutiao",
        "updatedTime": 1722484800000,
        "items": [
            {"id": str(i), "title": t, "url": f"https://www.toutiao.com/t/{i}", "extra": {"hover": "详情"}}
            for i, t in enumerate(TOUTIAO_20240801)
        ],
    }
    fmt, snaps, _ = snapshots(write(tmp_path, "toutiao.json", json.dumps(doc, ensure_ascii=False)))
    assert fmt == "newsnow"
    assert snaps[0].source == "toutiao" and snaps[0].items[2].title == TOUTIAO_20240801[2]
    assert snaps[0].items[0].desc == "详情"


def test_rss_feed(tmp_path: Path) -> None:
    entries = "".join(
        f"<item><title>{t}</title><link>https://example.org/{i}</link>"
        f"<pubDate>Thu, 01 Aug 2024 0{i}:00:00 GMT</pubDate></item>"
        for i, t in enumerate(TOUTIAO_20240801)
    )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>今日头条热榜</title>'
        f"<link>https://rsshub.example.org/toutiao/hot</link>{entries}</channel></rss>"
    )
    fmt, snaps, _ = snapshots(write(tmp_path, "feed.xml", feed))
    assert fmt == "rss"
    assert snaps[0].source == "rss:rsshub.example.org"
    assert [i.rank for i in snaps[0].items] == [1, 2, 3]


def test_own_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    good = {"source": "zhihu", "at": "2024-08-01 10:00", "items": [{"title": t} for t in TOUTIAO_20240801]}
    text = (
        json.dumps(good, ensure_ascii=False) + "\n{broken\n" + json.dumps({**good, "at": "not a time"}) + "\n"
    )
    fmt, snaps, problems = snapshots(write(tmp_path, "snaps.jsonl", text))
    assert fmt == "jsonl"
    assert len(snaps) == 1 and snaps[0].taken_at == datetime(2024, 8, 1, 10, 0, tzinfo=CHINA_TZ)
    assert [p.line for p in problems] == [2, 3]
    assert "snaps.jsonl:2" in str(problems[0])


def test_text_dump_is_a_page(samples: Path) -> None:
    name, _, records = read_records(samples / "seed_rejiedu.txt")
    pages = list(records)
    assert name == "text" and len(pages) == 1 and isinstance(pages[0], Page)
    assert pages[0].raw.decode("utf-8").startswith("慕翠")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b'[{"timestamp": 1641945601, "hotwords": [{"word": "x"', "invalid JSON"),
        (gzip.compress(b"")[:10], "gzip"),
    ],
)
def test_bad_files_get_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = write(tmp_path, "bad.json", content)
    with pytest.raises(InputError) as info:
        _, _, records = read_records(path)
        list(records)
    assert str(path) in str(info.value) and message in str(info.value)


def test_invalid_json_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "cut.json", '[\n{"timestamp": 1, "hotwords": [\n{"word": "a", "rank": 1},\n')
    with pytest.raises(InputError) as info:
        list(read_records(path, "kfstorm")[2])
    assert info.value.line is not None and f"{path}:" in str(info.value)


def test_oversized_input_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "big.jsonl", b"x" * 2048)
    with pytest.raises(InputError, match="limit"):
        read_records(path, max_bytes=1024)


def test_every_format_is_detectable_by_its_own_sniffer() -> None:
    assert detect_format("a.html", b"<!DOCTYPE html><html><head>").name == "html"
    assert set(FORMATS) >= {
        "jsonl",
        "kfstorm",
        "justjavac",
        "huqi",
        "baidu",
        "dailyhot",
        "newsnow",
        "rss",
        "baidu-hourly",
        "weibo5min",
        "text",
        "html",
    }
