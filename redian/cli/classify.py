"""``redian classify [FILE|-] [--json]``: the category of each headline (CONTRACT.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import JsonOption, app, emit_json, err_console, out_console
from redian.errors import InputError
from redian.interpret.classify import CATEGORY_NAMES
from redian.service.classify import classify_items, parse_classify_input, result_json


@app.command()
def classify(
    file: Annotated[
        str,
        typer.Argument(
            help="JSON Lines {id,title,source?,time?,desc?} or TSV source<TAB>title[<TAB>desc]; - = stdin."
        ),
    ] = "-",
    json_out: JsonOption = False,
    news: Annotated[
        bool, typer.Option("--news", help="Titles are newspaper/article titles, not hot-list terms.")
    ] = False,
) -> None:
    """Category of each headline: politics world society finance tech entertainment sports …"""
    name = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            items, problems = parse_classify_input(sys.stdin)
        else:
            with Path(file).open(encoding="utf-8-sig", errors="replace") as fh:
                items, problems = parse_classify_input(fh)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    for problem in problems:
        err_console.print(f"{name}:{problem.line}: {problem.message}", markup=False)
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
