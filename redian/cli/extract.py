"""``redian extract PATH... [--json]``: the article in each page or text dump (CONTRACT.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import JsonOption, app, emit_json, err_console, out_console
from redian.service.extract import article_json, extract_paths


@app.command()
def extract(
    paths: Annotated[
        list[Path], typer.Argument(help="HTML pages (any Chinese encoding) or plain-text dumps.")
    ],
    json_out: JsonOption = False,
) -> None:
    """Extract title, author, publish time, column, body and headline lists from pages."""
    rejected = 0
    for result in extract_paths(paths):
        if result.rejected:
            rejected += 1
            err_console.print(f"{result.path}: {result.error or 'no article'}", markup=False)
        obj = article_json(result)
        if json_out:
            emit_json([obj])
            continue
        table = Table(title=obj["path"], show_header=False, title_justify="left")
        for key in ("kind", "title", "author", "published", "column", "encoding"):
            table.add_row(key, str(obj[key]) if obj[key] is not None else "—")
        body = obj["body"]
        table.add_row("body", body[:300] + ("…" if len(body) > 300 else ""))
        table.add_row("lists", ", ".join(f"{len(lst)} lines" for lst in obj["lists"]) or "—")
        out_console.print(table)
    if rejected:
        raise typer.Exit(3)
