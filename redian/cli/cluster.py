"""``redian cluster [FILE|-] [--json]``: which headlines tell the same story (CONTRACT.md)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import JsonOption, app, emit_json, out_console
from redian.cli._input import HEADLINES_HELP, read_headlines
from redian.service.cluster import cluster_headlines, result_json


@app.command()
def cluster(
    file: Annotated[
        str,
        typer.Argument(help=HEADLINES_HELP),
    ] = "-",
    json_out: JsonOption = False,
) -> None:
    """Group headlines into stories: one event id per input line, in input order."""
    items, problems = read_headlines(file)
    results = cluster_headlines(items)
    if json_out:
        emit_json(result_json(r) for r in results)
    else:
        table = Table("id", "event", "title", "why")
        for r in results:
            table.add_row(str(r.input.id), r.event, r.input.title, r.assignment.reason)
        out_console.print(table)
    if problems:
        raise typer.Exit(3)
