"""``redian cluster [FILE|-] [--json]``: which headlines tell the same story (CONTRACT.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import JsonOption, app, emit_json, err_console, out_console
from redian.errors import InputError
from redian.service.cluster import cluster_headlines, parse_cluster_input, result_json


@app.command()
def cluster(
    file: Annotated[
        str,
        typer.Argument(
            help="JSON Lines {id,title,source?,time?,desc?} or TSV source<TAB>title[<TAB>desc]; - = stdin."
        ),
    ] = "-",
    json_out: JsonOption = False,
) -> None:
    """Group headlines into stories: one event id per input line, in input order."""
    name = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            items, problems = parse_cluster_input(sys.stdin)
        else:
            with Path(file).open(encoding="utf-8-sig", errors="replace") as fh:
                items, problems = parse_cluster_input(fh)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    for problem in problems:
        err_console.print(f"{name}:{problem.line}: {problem.message}", markup=False)
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
