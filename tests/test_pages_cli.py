"""``redian extract``: the CONTRACT.md JSON shape, human output, and bad inputs (exit 3, never a crash)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redian.cli import app
from redian.pages import extract
from redian.service.extract import extract_paths
from redian.types import Page

FIELDS = {"path", "kind", "title", "author", "published", "column", "body", "lists"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def test_seed_json_contract(runner: CliRunner, samples: Path) -> None:
    result = runner.invoke(app, ["extract", str(samples / "seed_rejiedu.txt"), "--json"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert set(obj) >= FIELDS
    assert obj["kind"] == "text"
    assert obj["author"] == "慕翠" and obj["column"] == "热解读"
    assert obj["body"].startswith("12月11日至12日")
    assert len(obj["lists"]) == 1 and len(obj["lists"][0]) == 65


def test_html_json_and_human_output(runner: CliRunner, samples: Path) -> None:
    page = samples / "pages" / "cwced" / "0d931936.html"
    result = runner.invoke(app, ["extract", str(page), "--json"])
    assert result.exit_code == 0
    obj = json.loads(result.stdout)
    assert obj["kind"] == "html" and obj["published"] == "2005-03-21T11:21" and obj["author"] == "尹娟"
    human = runner.invoke(app, ["extract", str(page)])
    assert human.exit_code == 0
    assert "尹娟" in human.stdout and "2005-03-21T11:21" in human.stdout


def test_bad_inputs_exit_3_with_empty_bodies(runner: CliRunner, tmp_path: Path, samples: Path) -> None:
    binary = tmp_path / "photo.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    nav_only = tmp_path / "nav.html"
    nav_only.write_text(
        "<html><body><ul><li><a href='/'>首页</a></li><li><a href='/n'>新闻</a></li></ul></body></html>"
    )
    missing = tmp_path / "missing.html"
    good = samples / "seed_rejiedu.txt"
    result = runner.invoke(
        app, ["extract", str(binary), str(empty), str(nav_only), str(missing), str(good), "--json"]
    )
    assert result.exit_code == 3
    objs = [json.loads(line) for line in result.stdout.strip().split("\n")]
    assert [o["path"] for o in objs] == [str(binary), str(empty), str(nav_only), str(missing), str(good)]
    for obj in objs[:4]:
        assert obj["body"] == "" and obj["problem"]
    assert objs[4]["body"] and objs[4]["problem"] is None
    for path in (binary, empty, nav_only, missing):
        assert str(path) in result.stderr


def test_fifty_megabytes_of_nested_tags_do_not_hang() -> None:
    raw = b"<html><body>" + b"<div><span>" * 2_300_000 + "正文。".encode() + b"</span></div>" * 2_300_000
    assert len(raw) > 50_000_000
    start = time.perf_counter()
    article = extract(Page(raw=raw, path="deep.html"))
    assert time.perf_counter() - start < 10
    assert article.body == "" and article.problem


def test_huge_flat_page_is_cut_not_hung() -> None:
    raw = b"<html><body>" + "<p>新闻</p>".encode() * 400_000
    start = time.perf_counter()
    article = extract(Page(raw=raw, path="flat.html"))
    assert time.perf_counter() - start < 10
    assert article.problem


def test_service_reports_unreadable_paths(tmp_path: Path) -> None:
    results = list(extract_paths([tmp_path / "nope.txt"]))
    assert results[0].article is None and results[0].rejected and "cannot read" in (results[0].error or "")
