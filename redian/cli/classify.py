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
    news: Annotated[bool, typer.Option("--news", help="All titles are newspaper/article titles.")] = False,
    hot: Annotated[bool, typer.Option("--hot", help="All titles are hot-search terms.")] = False,
) -> None:
    """Category of each headline: politics world society finance tech entertainment sports …

    By default each headline is read by its form: short terms as hot-search terms, long ones as
    newspaper titles.
    """
    if news and hot:
        raise typer.BadParameter("--news and --hot exclude each other")
    items, problems = read_headlines(file)
    results = classify_items(items, "news" if news else "hot" if hot else "auto")
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
