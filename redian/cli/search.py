"""`redian search`: the stories of the stored history that mention some words."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import DbOption, JsonOption, app, emit_json, open_store, option_time, out_console
from redian.collect.platforms import platform_name
from redian.service.export import search_csv
from redian.service.search import search
from redian.service.views import category_name, search_hit_json
from redian.times import show_time

__all__: list[str] = []


@app.command("search")
def search_cmd(
    terms: Annotated[
        list[str], typer.Argument(help="词 = any of, +词 = must have, !词 = must not have (as in a watch).")
    ],
    since: Annotated[str | None, typer.Option("--since", help="Seen at or after, Beijing time.")] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Seen at or before, Beijing time (a date: that whole day).")
    ] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these platforms.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many stories, latest first.")] = 50,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV for Excel (UTF-8 with BOM) on stdout.")] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stories whose headlines hold the terms, each once, the most recently seen first."""
    with open_store(db) as store:
        result = search(
            store,
            terms,
            option_time(since, "--since"),
            option_time(until, "--until", whole_day=True),
            tuple(source or ()),
            top,
        )
    if as_json:
        emit_json(search_hit_json(h) for h in result.hits)
        return
    if as_csv:
        sys.stdout.write(search_csv(result))
        return
    table = Table(
        title=f"搜索 {' '.join(result.terms)} · {result.total} 个事件", title_justify="left", show_lines=False
    )
    for column in ("最近", "事件", "类别", "来源", "最高排名", "命中标题", "id"):
        table.add_column(column, overflow="fold")
    for h in result.hits:
        table.add_row(
            show_time(h.last_seen),
            h.title,
            category_name(h.category) or "",
            "·".join(platform_name(s) for s in h.sources),
            f"#{h.best_rank}",
            " / ".join(h.matched[:3]) + (f" 等 {len(h.matched)} 条" if len(h.matched) > 3 else ""),
            h.event[:8],
        )
    out_console.print(table)
