"""`redian demo`: load the bundled sample and show its board, then what to try next."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from redian.cli._app import DbOption, app, open_store, out_console, settings_for
from redian.cli.board import _print_board
from redian.service.board import board
from redian.service.demo import load_sample, read_manifest
from redian.times import show_time

__all__: list[str] = []


@app.command()
def demo(
    sample: Annotated[Path, typer.Argument(help="Sample directory with a manifest.json.")] = Path(
        "data/sample"
    ),
    top: Annotated[int, typer.Option("--top", min=1)] = 25,
    db: DbOption = None,
) -> None:
    """Load the bundled sample into the store and print its hot board."""
    started = time.monotonic()
    manifest = read_manifest(sample)
    db_path = settings_for(db).db_path
    with open_store(db) as store:
        reports = load_sample(store, manifest)
        result = board(store, manifest.board_at, manifest.window, top)
    items = sum(r.items for r in reports)
    snaps = sum(r.snapshots for r in reports)
    out_console.print(
        f"loaded {snaps} snapshots, {items} items from {sample} into {db_path} "
        f"in {time.monotonic() - started:.1f}s\n"
    )
    _print_board(result)
    at = show_time(manifest.board_at, seconds=True)
    first = result.entries[0].event if result.entries else "ID"
    out_console.print(
        "\n[bold]next[/bold]\n"
        f"  .venv/bin/redian --db {db_path} hot --at '{at}' --top 10 --json\n"
        f"  .venv/bin/redian --db {db_path} event {first}\n"
        f"  .venv/bin/redian --db {db_path} hot --at '2024-12-12 23:59:59' --source toutiao --category 财经\n"
        f"  .venv/bin/redian --db {db_path} search 极越 +百度\n"
        "  .venv/bin/redian extract data/sample/page_rejiedu_ai_plus.txt --json\n"
        f"  .venv/bin/redian --db {db_path} ingest ../shared/data/streams/weibo_minutely/2022-01-12.json.gz\n"
        "\n[bold]dashboard[/bold] 仪表盘\n"
        f"  .venv/bin/redian --db {db_path} serve      then open http://127.0.0.1:8000/",
        soft_wrap=True,  # commands to copy: never broken across lines
    )
