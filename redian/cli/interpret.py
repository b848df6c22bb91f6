"""``redian interpret PAGE... [--json]``: the 热解读 of each page's article (CONTRACT.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import JsonOption, app, emit_json, err_console, out_console, settings_for
from redian.interpret import parse_published
from redian.interpret.classify import CATEGORY_NAMES
from redian.service.interpret import interpret_paths, result_json


@app.command()
def interpret(
    pages: Annotated[list[Path], typer.Argument(help="HTML pages (any Chinese encoding) or text dumps.")],
    json_out: JsonOption = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Publish time to assume for pages that give none (ISO 8601). Default: now."
        ),
    ] = None,
) -> None:
    """Category, people/places/organisations, figures and dates, keywords, summary and tone."""
    reference = parse_published(at) if at else None
    if at and reference is None:
        raise typer.BadParameter(f"not an ISO 8601 time: {at}", param_hint="--at")
    rejected = 0
    for result in interpret_paths(pages, settings=settings_for(None), reference_time=reference):
        if result.interpretation is None:
            rejected += 1
            err_console.print(f"{result.path}: {result.error}", markup=False)
        obj = result_json(result)
        if json_out:
            emit_json([obj])
            continue
        table = Table(title=obj["path"], show_header=False, title_justify="left")
        category = obj["category"]
        table.add_row("category", f"{category} {CATEGORY_NAMES.get(category or '', '')}")
        for kind in ("person", "place", "org"):
            table.add_row(kind, "、".join(obj["entities"][kind]) or "—")
        table.add_row("keywords", " ".join(obj["keywords"]) or "—")
        table.add_row("tone", obj["tone"])
        for fact in obj["facts"]:
            value = fact["value"] if fact["value"] is not None else f"{fact['start'] or ''}..{fact['end']}"
            table.add_row(f"fact: {fact['kind']}", f"{fact['text']} = {value} {fact['unit'] or ''}")
        for line in obj["summary"]:
            table.add_row("summary", f"{line['text']}  [{line['source']}]")
        out_console.print(table)
    if rejected:
        raise typer.Exit(3)
