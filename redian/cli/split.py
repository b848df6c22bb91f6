"""`redian split`: take headlines out of a story they do not belong to."""

from __future__ import annotations

from typing import Annotated

import typer

from redian.cli._app import DbOption, JsonOption, app, emit_json, open_store, out_console
from redian.service.split import split_event
from redian.service.views import split_json

__all__: list[str] = []


@app.command("split")
def split_cmd(
    event: Annotated[str, typer.Argument(help="Event id (or a unique prefix).")],
    headlines: Annotated[
        list[str], typer.Argument(help="Headlines to take out: number in `redian event ID`, or text.")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Move headlines out of an event into a new one; later ingests and rebuilds keep them apart."""
    with open_store(db) as store:
        done = split_event(store, event, headlines)
    if as_json:
        emit_json([split_json(done)])
        return
    out_console.print(
        f"拆出 {len(done.moved)} 条标题 → 新事件 {done.new_event}（原事件 {done.event} 留 {done.kept} 条）"
    )
    for text in done.moved:
        out_console.print(f"  · {text}")
