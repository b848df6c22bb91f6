"""Exports round-trip: history exported as jsonl and ingested elsewhere gives the same boards."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from redian.interpret import CATEGORY_NAMES
from redian.service.board import board
from redian.service.export import BOARD_COLUMNS, board_csv, snapshot_lines
from redian.service.ingest import ingest_paths, rebuild
from redian.store import Store
from redian.times import parse_time

AT = parse_time("2024-12-13 23:59:59")
WINDOW = parse_time("2024-12-14") - parse_time("2024-12-13")


def test_snapshot_export_round_trips(demo_db: Path, tmp_path: Path) -> None:
    # the demo store was filled in two calls, the page after the lists of later hours; one
    # ingest of the export replays everything in time order, which is what `rebuild` does
    shutil.copy(demo_db, tmp_path / "source.db")
    source = Store.open(tmp_path / "source.db")
    rebuild(source)
    lines = list(snapshot_lines(source, parse_time("2024-01-01"), AT))
    assert len(lines) == 9  # 8 daily lists + the page's list
    dump = tmp_path / "history.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    copy = Store.open(tmp_path / "copy.db")
    report = ingest_paths(copy, [str(dump)])
    assert report.rejected == 0 and report.snapshots == 9
    assert report.items == sum(source.counts()[k] for k in ("items",))
    before = [(e.title, round(e.heat, 6), e.sources) for e in board(source, AT, WINDOW, 30).entries]
    after = [(e.title, round(e.heat, 6), e.sources) for e in board(copy, AT, WINDOW, 30).entries]
    assert after == before


def test_board_csv_opens_in_excel(demo_db: Path) -> None:
    text = board_csv(board(Store.open(demo_db), AT, WINDOW, 10))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert tuple(rows[0]) == BOARD_COLUMNS and len(rows) == 11
    assert rows[1][0] == "1" and float(rows[1][3]) >= float(rows[2][3])
    assert all(row[-1] in CATEGORY_NAMES.values() for row in rows[1:])
