"""`redian rising`: what is about to explode — early warnings from the stored live lists."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import (
    DbOption,
    JsonOption,
    app,
    emit_json,
    err_console,
    open_store,
    option_time,
    out_console,
)
from redian.collect.platforms import platform_name
from redian.service.rising import rising
from redian.service.views import category_name, rising_json
from redian.times import show_time
from redian.types import CHINA_TZ

__all__: list[str] = []


@app.command("rising")
def rising_cmd(
    at: Annotated[
        str | None, typer.Option("--at", help="Moment, Beijing time (default: the newest stored list).")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many warnings.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events flagged rising in the last hour on a live list (one sampled every few minutes),
    still below its top 10: the early warning of `redian trends`, on the stored history."""
    with open_store(db) as store:
        moment = option_time(at, "--at") or store.latest_time() or datetime.now(CHINA_TZ)
        found = rising(store, moment, top=top)
    if as_json:
        emit_json(rising_json(r) for r in found)
        return
    if not found:
        err_console.print(f"no early warnings in the hour before {show_time(moment)} (live lists only)")
        return
    table = Table(title=f"即将爆发 · {show_time(moment)} 前一小时", title_justify="left")
    for column in ("预警时间", "事件", "类别", "平台", "预警时排名", "现在", "概率", "id"):
        table.add_column(column)
    for r in found:
        table.add_row(
            show_time(r.flagged_at)[11:],
            r.title,
            category_name(r.category) or "",
            platform_name(r.source),
            f"#{r.flagged_rank}",
            f"#{r.rank}",
            f"{r.probability:.2f}",
            r.event[:8],
        )
    out_console.print(table)
