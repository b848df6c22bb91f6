"""`redian trends`: the CONTRACT.md shape, both formats, rejected lines, and the library pair."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from redian.cli import app
from redian.service.trends import trends
from redian.types import CHINA_TZ

START = datetime(2022, 1, 12, 20, 0, tzinfo=CHINA_TZ)
FIELDS = {"event", "titles", "first_seen", "rising_at", "peak_at", "peak_rank", "state"}
STEADY = [
    "媒体评王冰冰遭人肉曝光隐私",
    "天津12日下午放假",
    "再塑党的形象的伟大工程",
    "郑州1月12日不再进行全员核酸检测",
]
CLIMBER = "张文宏辟谣被居家隔离"


def _minutes(count: int) -> list[dict[str, object]]:
    """kfstorm-style per-minute lists: steady titles, filler, and one story climbing from #40."""
    out: list[dict[str, object]] = []
    for m in range(count):
        hots = {t: 3_000_000 / (i + 1) ** 0.75 for i, t in enumerate(STEADY)}
        hots.update({f"话题{i}": 600_000 / (i + 1) ** 0.3 for i in range(40)})
        hots[f"#{CLIMBER}#"] = 150_000 * 1.1**m
        ranked = sorted(hots.items(), key=lambda kv: -kv[1])[:50]
        words = [{"word": w, "rank": r, "hot_value": round(h)} for r, (w, h) in enumerate(ranked, start=1)]
        out.append({"timestamp": int((START + timedelta(minutes=m)).timestamp()), "hotwords": words})
    return out


def test_kfstorm_replay_prints_the_contract_shape(tmp_path: Path) -> None:
    path = tmp_path / "day.json.gz"
    path.write_bytes(gzip.compress(json.dumps(_minutes(40), ensure_ascii=False).encode()))
    result = CliRunner().invoke(app, ["trends", str(path), "--format", "kfstorm", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(set(r) == FIELDS for r in rows)
    climber = next(r for r in rows if r["titles"] == [CLIMBER])  # hashtags unwrapped for display
    assert climber["rising_at"] is not None
    assert climber["rising_at"] < climber["peak_at"] and climber["peak_rank"] == 1
    assert datetime.fromisoformat(climber["first_seen"]).utcoffset() == timedelta(hours=8)
    assert climber["state"] in {"new", "rising", "peak"}
    steady = next(r for r in rows if r["titles"] == [STEADY[0]])
    assert steady["rising_at"] is None and steady["peak_rank"] == 1


def test_jsonl_input_and_a_rejected_line_exit_3(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"source": "weibo", "at": snap["timestamp"], "items": [
                {"rank": w["rank"], "title": w["word"], "hot": w["hot_value"]} for w in snap["hotwords"]
            ]},
            ensure_ascii=False,
        )
        for snap in _minutes(20)
    ]  # fmt: skip
    lines.insert(5, '{"source": "weibo", "at": "not a time", "items": []}')
    path = tmp_path / "lists.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["trends", str(path), "--format", "jsonl", "--json"])
    assert result.exit_code == 3
    assert "lists.jsonl:6" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {t for r in rows for t in r["titles"]} >= {CLIMBER, *STEADY}


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[]", encoding="utf-8")
    assert CliRunner().invoke(app, ["trends", str(path), "--format", "rss"]).exit_code == 2
    assert CliRunner().invoke(app, ["trends", str(path), "--sensitivity", "2"]).exit_code == 2


def test_library_call_matches_the_command(tmp_path: Path) -> None:
    path = tmp_path / "day.json"
    path.write_text(json.dumps(_minutes(15), ensure_ascii=False), encoding="utf-8")
    report = trends([path], "kfstorm")
    assert report.snapshots == 15 and not report.problems
    assert [f.at for f in report.flags] == sorted(f.at for f in report.flags)
    result = CliRunner().invoke(app, ["trends", str(path), "--json"])
    assert [json.loads(line)["event"] for line in result.stdout.splitlines()] == [
        e.event_id for e in report.events
    ]
