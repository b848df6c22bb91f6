"""The command line end to end, in subprocesses, as outside scripts use it (CONTRACT.md)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
AT = "2024-12-13 23:59:59"


def redian(*args: str, db: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if db is not None:
        env["REDIAN_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "redian", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        input=stdin,
        timeout=300,
        cwd=ROOT,
    )


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "cli.db"
    done = redian("ingest", str(SAMPLE / "huqi_toutiao_weibo_2024-12-10_13.tsv.gz"), "--json", db=db)
    assert done.returncode == 0, done.stderr
    page = redian("ingest", str(SAMPLE / "page_rejiedu_ai_plus.txt"), "--time", "2024-12-13 10:00", db=db)
    assert page.returncode == 0, page.stderr
    assert "1 pages" in page.stdout
    summary = lines(done.stdout)[0]
    assert summary["snapshots"] == 8 and summary["items"] == 5138 and summary["rejected"] == 0
    return db


def test_hot_json_is_the_contract(store: Path) -> None:
    done = redian("hot", "--at", AT, "--top", "25", "--json", db=store)
    assert done.returncode == 0, done.stderr
    board = lines(done.stdout)
    assert len(board) == 25
    for field in ("position", "event", "title", "heat", "sources", "first_seen", "trend"):
        assert all(field in row for row in board)
    assert [row["position"] for row in board] == list(range(1, 26))
    assert len({row["title"] for row in board}) == 25


def test_hot_human_output_is_a_chinese_table(store: Path) -> None:
    done = redian("--db", str(store), "hot", "--at", AT, "--top", "5")
    assert done.returncode == 0 and "热点" in done.stdout and "趋势" in done.stdout


def test_hot_source_filter_and_past_moment(store: Path) -> None:
    done = redian("hot", "--at", "2024-12-11 23:59:59", "--source", "toutiao", "--json", db=store)
    board = lines(done.stdout)
    assert board and all(row["sources"] == ["toutiao"] for row in board)


def test_hot_category_tab(store: Path) -> None:
    done = redian("hot", "--at", AT, "--category", "体育", "--top", "5", "--json", db=store)
    assert done.returncode == 0, done.stderr
    board = lines(done.stdout)
    assert len(board) == 5 and {row["category"] for row in board} == {"sports"}
    bad = redian("hot", "--at", AT, "--category", "星座", db=store)
    assert bad.returncode == 2 and "体育 sports" in bad.stderr


def test_search_lists_each_story_once(store: Path) -> None:
    done = redian("search", "极越", "--until", "2024-12-13", "--json", db=store)
    assert done.returncode == 0, done.stderr
    hits = lines(done.stdout)
    assert hits and len({h["event"] for h in hits}) == len(hits)
    assert all(any("极越" in m for m in h["matched"]) for h in hits)
    human = redian("search", "极越", db=store)
    assert human.returncode == 0 and "搜索 极越" in human.stdout
    table = redian("search", "极越", "--until", "2024-12-13", "--csv", db=store)
    assert table.stdout.startswith("\ufeffevent,title")
    assert len(table.stdout.strip().splitlines()) == len(hits) + 1
    bad = redian("search", "~新能源", db=store)
    assert bad.returncode == 2 and "watches only" in bad.stderr


def test_event_shows_headlines_and_observations(store: Path) -> None:
    first = lines(redian("hot", "--at", AT, "--top", "1", "--json", db=store).stdout)[0]
    done = redian("event", first["event"][:8], "--json", db=store)
    assert done.returncode == 0, done.stderr
    detail = lines(done.stdout)[0]
    assert detail["event"] == first["event"]
    assert detail["headlines"] and detail["observations"] and detail["curve"]
    assert all(h["reason"] for h in detail["headlines"])
    human = redian("event", first["event"], db=store)
    assert "热度曲线" in human.stdout and first["title"] in human.stdout


def test_unknown_event_fails_cleanly(store: Path) -> None:
    done = redian("event", "ffffffffffff", db=store)
    assert done.returncode == 1 and "no event" in done.stderr


def test_reingest_is_a_no_op(store: Path) -> None:
    done = redian("ingest", str(SAMPLE / "huqi_toutiao_weibo_2024-12-10_13.tsv.gz"), "--json", db=store)
    summary = lines(done.stdout)[0]
    assert done.returncode == 0 and summary["duplicates"] == 1 and summary["items"] == 0


def test_bad_input_exit_code_3_and_good_files_still_ingested(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    good = tmp_path / "zhihu.jsonl"
    good.write_text(
        json.dumps(
            {
                "source": "zhihu",
                "at": "2024-12-13 10:00",
                "items": [{"title": "浙江45岁胸外科主任因车祸逝世"}],
            },
            ensure_ascii=False,
        )
        + "\n{oops\n",
        encoding="utf-8",
    )
    done = redian("ingest", str(binary), str(good), db=db)
    assert done.returncode == 3
    assert str(binary) in done.stderr and f"{good}:2" in done.stderr
    assert "1 snapshots" in done.stdout
    board = lines(redian("hot", "--at", "2024-12-13 11:00", "--json", db=db).stdout)
    assert [row["title"] for row in board] == ["浙江45岁胸外科主任因车祸逝世"]


def test_usage_errors_exit_2(store: Path) -> None:
    assert redian("hot", "--window", "soon", db=store).returncode == 2
    assert redian("ingest", "x", "--format", "nope", db=store).returncode == 2


def test_extract_seed_dump(store: Path) -> None:
    done = redian("extract", str(SAMPLE / "page_rejiedu_ai_plus.txt"), "--json")
    assert done.returncode == 0, done.stderr
    page = lines(done.stdout)[0]
    assert page["kind"] == "text" and page["column"] == "热解读"
    assert page["body"].startswith("12月11日至12日") and "- " not in page["body"]
    assert sum(len(x) for x in page["lists"]) >= 60


def test_status_and_rebuild(store: Path) -> None:
    before = lines(redian("status", "--json", db=store).stdout)[0]
    assert before["snapshots"] == 9 and before["pages"] == 1
    done = redian("rebuild", "--json", db=store)
    assert done.returncode == 0, done.stderr
    after = lines(redian("status", "--json", db=store).stdout)[0]
    assert {k: after[k] for k in ("snapshots", "items", "headlines", "pages")} == {
        k: before[k] for k in ("snapshots", "items", "headlines", "pages")
    }


def test_demo_loads_the_sample_and_its_suggestions_run(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    done = redian("--db", str(db), "demo")
    assert done.returncode == 0, done.stderr
    assert "热点" in done.stdout and "next" in done.stdout and "serve" in done.stdout
    suggested = [
        shlex.split(line.strip())[1:]
        for line in done.stdout.splitlines()
        if line.strip().startswith(".venv/bin/redian") and " serve" not in line and "../shared" not in line
    ]
    assert len(suggested) >= 5
    for args in suggested:
        ran = redian(*args)
        assert ran.returncode == 0 and ran.stdout.strip(), (args, ran.stderr)
