"""The Typer application and what every command shares: options, JSON output, exit codes.

Commands live one module per use case in this package and stay thin: parse options, call one
function of :mod:`redian.service`, print.  Exit codes follow CONTRACT.md: 0 all good,
1 failure, 2 usage error, 3 some input rejected.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from redian.config import Settings
from redian.service.board import parse_window
from redian.service.views import category_id
from redian.store import Store
from redian.times import parse_time, parse_until

__all__ = [
    "CategoryOption",
    "DbOption",
    "JsonOption",
    "State",
    "app",
    "emit_json",
    "err_console",
    "open_store",
    "option_time",
    "option_window",
    "out_console",
    "settings_for",
    "state",
]

app = typer.Typer(
    name="redian",
    help="redian 热点: collect Chinese hot lists and news pages, merge the same story, rank and explain it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# Off a terminal (pipes, CI, `make demo` logs) rich would assume 80 columns and crush the tables.
out_console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
err_console = Console(stderr=True, highlight=False)


@dataclass
class State:
    """Options given before the command name (``redian --db X hot``)."""

    db: Path | None = None


state = State()

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", help="Store file (SQLite). Default: $REDIAN_DB, else ~/.local/share/redian/redian.db"
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="JSON Lines on stdout, one object per line.")]


def _category(value: str | None) -> str | None:
    """``--category`` as people type it (``sports``, ``体育``) → its taxonomy id."""
    if not value:
        return None
    try:
        return category_id(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


CategoryOption = Annotated[
    str | None,
    typer.Option(
        "--category", help="Only one category: sports or 体育, finance or 财经…", callback=_category
    ),
]


def option_time(value: str | None, option: str, whole_day: bool = False) -> datetime | None:
    """A moment given on the command line (Beijing time), None when not given; with
    ``whole_day`` a bare date means the end of that day (``--until 2024-12-13``)."""
    if not value:
        return None
    try:
        return parse_until(value) if whole_day else parse_time(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from exc


def option_window(value: str, option: str) -> timedelta:
    """A span given on the command line (``24h``, ``90m``, ``3d``)."""
    try:
        return parse_window(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from exc


@app.callback()
def _root(db: DbOption = None) -> None:
    """redian 热点 — Chinese trending news, merged, ranked and explained."""
    state.db = db


def settings_for(db: Path | None) -> Settings:
    """Settings with the command's own ``--db`` winning over the global one."""
    return Settings.load(db if db is not None else state.db)


def open_store(db: Path | None) -> Store:
    return Store.open(settings_for(db).db_path)


def emit_json(objects: Iterable[dict[str, Any]]) -> None:
    """Write JSON Lines (UTF-8, unescaped Chinese) and flush, so pipes see results as they come."""
    out = sys.stdout
    for obj in objects:
        out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    out.flush()
