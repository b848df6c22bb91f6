"""`redian merge`: join stories the engine kept apart."""

from __future__ import annotations

from typing import Annotated

import typer

from redian.cli._app import DbOption, JsonOption, app, emit_json, open_store, out_console
from redian.service.merge import merge_stories
from redian.service.views import merge_json

__all__: list[str] = []


@app.command("merge")
def merge_cmd(
    event: Annotated[str, typer.Argument(help="The event that stays (id or a unique prefix).")],
    others: Annotated[list[str], typer.Argument(help="Events merged into it; their ids become aliases.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Merge events into one story; later ingests and rebuilds keep it whole."""
    with open_store(db) as store:
        done = merge_stories(store, event, others)
    if as_json:
        emit_json([merge_json(done)])
        return
    out_console.print(f"合并 {len(done.merged)} 个事件 → {done.event}（共 {done.headlines} 条标题）")
    for old in done.merged:
        out_console.print(f"  · {old} 现为 {done.event} 的别名")
