"""`redian watch add|list|rm` and `redian alerts`: follow stories, hear about them once."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import DbOption, JsonOption, app, emit_json, err_console, open_store, out_console
from redian.service.board import parse_window
from redian.service.views import alert_json, watch_json
from redian.service.watch import AlertCheck, alerts_view, check_alerts, remove_watch, save_watch
from redian.times import parse_time, show_time
from redian.types import CHINA_TZ, Watch

__all__: list[str] = []

watch_app = typer.Typer(
    help="Watchlists: terms to follow, alerts when a matching story is hot.", no_args_is_help=True
)
app.add_typer(watch_app, name="watch")


@watch_app.command("add")
def watch_add(
    name: Annotated[str, typer.Argument(help="Name of the watch.")],
    terms: Annotated[
        list[str],
        typer.Argument(
            help="词 = any of, +词 = must have, !词 = must not have, ~描述 = close in meaning "
            "(needs pip install 'redian[meaning]')."
        ),
    ],
    min_heat: Annotated[float, typer.Option("--min-heat", help="Only events at least this hot.")] = 0.0,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these platforms.")] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="POST each alert here as JSON.")] = None,
    early: Annotated[
        bool, typer.Option("--early", help="Also alert on the early warning (即将爆发), before it is hot.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Create or replace a watch."""
    with open_store(db) as store:
        saved = save_watch(store, Watch(name, tuple(terms), min_heat, tuple(source or ()), webhook, early))
    out_console.print(f"watch {saved.name}: {' '.join(saved.terms)} (min heat {saved.min_heat:g})")


@watch_app.command("list")
def watch_list(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Every watch."""
    with open_store(db) as store:
        watches = store.watches()
    if as_json:
        emit_json(watch_json(w) for w in watches)
        return
    table = Table("名称", "关键词", "最低热度", "即将爆发", "来源", "推送")
    for w in watches:
        early = "提前预警" if w.early else ""
        sources = " ".join(w.sources)
        table.add_row(w.name, " ".join(w.terms), f"{w.min_heat:g}", early, sources, w.webhook or "")
    out_console.print(table)


@watch_app.command("alerts")
def watch_alerts(
    name: Annotated[str | None, typer.Argument(help="Only this watch (default: all).")] = None,
    top: Annotated[int, typer.Option("--top", help="How many, newest first.")] = 50,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The alerts the watches have raised so far, newest first (checking is `redian alerts`)."""
    with open_store(db) as store:
        view = alerts_view(store, name, top)
    if as_json:
        emit_json(alert_json(a) for a in view.alerts)
        return
    table = Table("时间", "关注", "事件", "热度", "命中", "id")
    for a in view.alerts:
        table.add_row(
            show_time(a.at), a.watch, a.title, f"{a.heat:.1f}", "、".join(a.matched), a.event_id[:8]
        )
    out_console.print(table)


@watch_app.command("rm")
def watch_rm(name: str, db: DbOption = None) -> None:
    """Delete a watch and its alerts."""
    with open_store(db) as store:
        if not remove_watch(store, name):
            err_console.print(f"redian: no watch {name!r}")
            raise typer.Exit(1)


@app.command()
def alerts(
    at: Annotated[
        str | None, typer.Option("--at", help="Check the board of this moment (default: now).")
    ] = None,
    window: Annotated[str, typer.Option("--window", help="Board window.")] = "24h",
    push: Annotated[
        bool, typer.Option("--push/--no-push", help="POST new alerts to the watches' webhooks.")
    ] = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Check every watch against the board; print (and push) the alerts not raised before."""
    from redian.collect.fetch import new_client

    try:
        moment = parse_time(at) if at else datetime.now(CHINA_TZ)
        span = parse_window(window)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    with open_store(db) as store:
        if push:
            with new_client() as client:
                result = check_alerts(store, moment, span, client)
        else:
            result = check_alerts(store, moment, span, None)
    print_alerts(result, as_json)
    if result.push_failures:
        raise typer.Exit(1)


def print_alerts(result: AlertCheck, as_json: bool) -> None:
    for failure in result.push_failures:
        err_console.print(f"redian: push failed {failure}", markup=False)
    if as_json:
        emit_json(alert_json(a) for a in result.new)
        return
    for a in result.new:
        kind = "即将爆发 " if a.early else ""
        out_console.print(
            f"【{a.watch}】{kind}{a.title}  热度 {a.heat:.1f}  {show_time(a.at)}  [dim]{a.event_id}[/dim]"
        )
    if not result.new:
        out_console.print("no new alerts")
