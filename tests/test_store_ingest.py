"""Ingestion into the store: history kept, repeats merged, re-ingest and rebuild change nothing,
bad input rejected without touching what is stored."""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from redian.service.ingest import ingest_paths, rebuild
from redian.store import Store
from redian.text import match_key
from redian.types import CHINA_TZ

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
SEED_TIME = datetime(2024, 12, 13, 10, 0, tzinfo=CHINA_TZ)


def events_by_title(store: Store) -> dict[str, set[str]]:
    """match key → the event ids its headline ended in."""
    rows = store.table_rows()["headlines"]
    out: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        out[row[1]].add(row[3])  # key, event_id
    return out


@pytest.fixture()
def seeded(db_path: Path, samples: Path) -> Store:
    store = Store.open(db_path)
    report = ingest_paths(store, [str(samples / "seed_rejiedu.txt")], time_hint=SEED_TIME)
    assert report.rejected == 0 and report.pages == 1
    return store


def test_seed_list_becomes_a_snapshot_of_the_page(seeded: Store) -> None:
    counts = seeded.counts()
    assert counts["pages"] == 1 and counts["articles"] == 1
    assert counts["items"] == 65  # every list line is kept, repeats included: they are history
    obs = seeded.observations(datetime(2024, 12, 13, tzinfo=CHINA_TZ), SEED_TIME)
    assert {o.source for o in obs} == {"page:seed_rejiedu.txt"}


def test_seed_repeats_merge_and_lookalikes_stay_apart(seeded: Store) -> None:
    event_of = {key: next(iter(ids)) for key, ids in events_by_title(seeded).items()}

    def ev(title: str) -> str:
        return event_of[match_key(title)]

    assert ev("45岁医生被撞身亡肇事者开车看手机") == ev("医生被撞身亡肇事者开车看手机")
    assert ev("与男顾客暧昧的LV柜姐离职后开始卖货") == ev("与顾客暖昧LV柜姐离职后开始卖货")
    assert ev("爷爷看中LV皮鞋柜姐配合孙女砍价") != ev("与男顾客暧昧的LV柜姐离职后开始卖货")
    assert ev("罗滕:姆巴佩已成为普通球员") != ev("姆巴佩被曝抑郁已找专家治疗")
    # the four 五金加工厂 repeats are one headline, seen four times in one snapshot
    rows = seeded.table_rows()["items"]
    assert sum(1 for r in rows if r[3] == "五金加工厂负责人被控造枪案二审") == 4


def test_reingest_changes_nothing(seeded: Store, samples: Path) -> None:
    before = seeded.table_rows()
    report = ingest_paths(seeded, [str(samples / "seed_rejiedu.txt")], time_hint=SEED_TIME)
    assert report.files[0].duplicate and report.items == 0
    assert seeded.table_rows() == before


def test_same_content_under_another_name_is_not_stored_twice(
    seeded: Store, samples: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes((samples / "seed_rejiedu.txt").read_bytes())
    before = seeded.table_rows()
    assert ingest_paths(seeded, [str(copy)]).files[0].duplicate
    assert seeded.table_rows() == before


def test_sample_days_are_history_and_rebuild_is_identical(db_path: Path) -> None:
    store = Store.open(db_path)
    report = ingest_paths(store, [str(SAMPLE / "huqi_toutiao_weibo_2024-12-10_13.tsv.gz")], "huqi")
    assert report.snapshots == 8  # 4 days x 2 platforms
    assert report.items == 5138
    before = store.table_rows()
    rebuild(store)
    assert store.table_rows() == before


def test_bad_inputs_are_rejected_and_nothing_stored_changes(seeded: Store, tmp_path: Path) -> None:
    before = seeded.table_rows()
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 20)
    truncated = tmp_path / "cut.json"
    truncated.write_text(
        '[{"timestamp": 1641945601, "hotwords": [{"word": "天津12日下午放假", "rank"', "utf-8"
    )
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    report = ingest_paths(seeded, [str(binary), str(truncated), str(empty)])
    assert [f.error is not None for f in report.files] == [True, True, True]
    assert "cut.json:1" in (report.files[1].error or "")
    assert report.rejected == 3
    assert seeded.table_rows() == before


def test_good_files_still_ingested_beside_bad_ones(db_path: Path, tmp_path: Path) -> None:
    store = Store.open(db_path)
    good = tmp_path / "weibo.json.gz"
    snaps = [
        {
            "timestamp": 1641945601 + 60 * i,
            "hotwords": [{"word": "天津12日下午放假", "rank": 1, "hot_value": 1406896 + i}],
        }
        for i in range(3)
    ]
    good.write_bytes(gzip.compress(json.dumps(snaps, ensure_ascii=False).encode()))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    report = ingest_paths(store, [str(bad), str(good)])
    assert report.files[0].error and not report.files[1].error
    assert report.snapshots == 3 and store.counts()["headlines"] == 1


def test_older_lists_than_stored_are_reported_late(db_path: Path, tmp_path: Path) -> None:
    store = Store.open(db_path)

    def day(name: str, at: str, titles: list[str]) -> str:
        path = tmp_path / name
        doc = {"source": "zhihu", "at": at, "items": [{"title": t} for t in titles]}
        path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
        return str(path)

    newer = day("13.jsonl", "2024-12-13 10:00", ["中央经济工作会议在北京举行"])
    older = day("12.jsonl", "2024-12-12 10:00", ["2025国考最热岗1.6万人挑一"])
    assert not ingest_paths(store, [newer]).late
    report = ingest_paths(store, [older], reorder=False)
    assert report.late and not report.reordered


def test_ingestion_order_does_not_change_the_store(tmp_path: Path) -> None:
    """Same inputs in any order and grouping, same rows: late lists re-place everything in time order."""
    sample = str(SAMPLE / "huqi_toutiao_weibo_2024-12-10_13.tsv.gz")
    days = []
    for n, day in enumerate(("2024-12-10", "2024-12-11", "2024-12-12", "2024-12-13")):
        path = tmp_path / f"{day}.tsv"
        rows = [
            r for r in gzip.decompress(Path(sample).read_bytes()).decode("utf-8").splitlines() if day in r
        ]
        path.write_text("platform\tdate\ttitle\n" + "\n".join(rows) + "\n", "utf-8")
        days.append(str(path))
        assert n == len(days) - 1
    one = Store.open(tmp_path / "one.db")
    ingest_paths(one, days)
    shuffled = Store.open(tmp_path / "shuffled.db")
    reports = [ingest_paths(shuffled, [p]) for p in (days[2], days[0], days[3], days[1])]
    assert [r.reordered for r in reports] == [False, True, False, True]
    in_order = Store.open(tmp_path / "in_order.db")
    for p in days:
        assert not ingest_paths(in_order, [p]).late
    expected = one.table_rows()
    for store in (shuffled, in_order):
        rows = store.table_rows()
        # what heat reads: the same events, the same observations of them
        assert rows["events"] == expected["events"]
        assert rows["observations"] == expected["observations"]
        # every headline in the same event (the join scores shown in `redian event` may differ in
        # the third decimal: the engine breaks ties between equally close members by memory order)
        assert [(r[1], r[3]) for r in rows["headlines"]] == [(r[1], r[3]) for r in expected["headlines"]]


def test_html_link_lists_are_not_hot_lists(db_path: Path, samples: Path) -> None:
    page = next((samples / "pages" / "cwced").glob("*.html"))
    store = Store.open(db_path)
    report = ingest_paths(store, [str(page)], time_hint=SEED_TIME)
    assert report.pages == 1 and report.snapshots == 0
    assert store.counts()["articles"] == 1
