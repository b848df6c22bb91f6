"""``redian classify [FILE|-] [--json]``: the category of each headline (CONTRACT.md)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import JsonOption, app, emit_json, out_console
from redian.cli._input import HEADLINES_HELP, read_headlines
from redian.interpret.classify import CATEGORY_NAMES
from redian.service.classify import classify_items, result_json


@app.command()
def classify(
    file: Annotated[
        str,
        typer.Argument(help=HEADLINES_HELP),
    ] = "-",
    json_out: JsonOption = False,
    news: Annotated[
        bool, typer.Option("--news", help="Titles are newspaper/article titles, not hot-list terms.")
    ] = False,
) -> None:
    """Category of each headline: politics world society finance tech entertainment sports …"""
    items, problems = read_headlines(file)
    results = classify_items(items, "news" if news else "hot")
    if json_out:
        emit_json(result_json(r) for r in results)
    else:
        table = Table("id", "category", "score", "title")
        for r in results:
            label = f"{r.category} {CATEGORY_NAMES.get(r.category, '')}"
            table.add_row(str(r.input.id), label, f"{r.score:.2f}", r.input.title)
        out_console.print(table)
    if problems:
        raise typer.Exit(3)
