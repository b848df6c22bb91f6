"""`redian export`: take history and boards out, for other tools or another redian."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated

import typer

from redian.cli._app import CategoryOption, DbOption, app, open_store, option_time, option_window
from redian.service.board import board
from redian.service.export import board_csv, snapshot_lines
from redian.service.views import entry_json
from redian.types import CHINA_TZ

__all__: list[str] = []

export_app = typer.Typer(
    help="Export stored history (JSON Lines) or a board (CSV, JSON Lines).", no_args_is_help=True
)
app.add_typer(export_app, name="export")


@export_app.command("snapshots")
def export_snapshots(
    since: Annotated[str, typer.Option("--since", help="From this moment (exclusive), Beijing time.")],
    until: Annotated[str | None, typer.Option("--until", help="Up to this moment (default: now).")] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these platforms.")] = None,
    db: DbOption = None,
) -> None:
    """Every stored hot list in the window as `jsonl` snapshots (redian ingest reads them back)."""
    start = option_time(since, "--since") or datetime.now(CHINA_TZ)
    end = option_time(until, "--until") or datetime.now(CHINA_TZ)
    with open_store(db) as store:
        for line in snapshot_lines(store, start, end, tuple(source or ())):
            sys.stdout.write(line + "\n")


@export_app.command("board")
def export_board(
    at: Annotated[str | None, typer.Option("--at", help="Moment of the board (default: now).")] = None,
    window: Annotated[str, typer.Option("--window")] = "24h",
    top: Annotated[int, typer.Option("--top", min=1)] = 50,
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl")] = "csv",
    category: CategoryOption = None,
    db: DbOption = None,
) -> None:
    """The board at a moment as CSV (opens in Excel) or JSON Lines."""
    if fmt not in ("csv", "jsonl"):
        raise typer.BadParameter("csv or jsonl", param_hint="--format")
    moment = option_time(at, "--at") or datetime.now(CHINA_TZ)
    span = option_window(window, "--window")
    with open_store(db) as store:
        result = board(store, moment, span, top, category=category)
    if fmt == "csv":
        sys.stdout.write(board_csv(result))
    else:
        import json

        for e in result.entries:
            sys.stdout.write(json.dumps(entry_json(e), ensure_ascii=False) + "\n")
