"""`redian hot` and `redian event`: the board at any moment, and one story in full."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

import typer
from rich.table import Table

from redian.cli._app import (
    CategoryOption,
    DbOption,
    JsonOption,
    app,
    emit_json,
    err_console,
    open_store,
    option_time,
    option_window,
    out_console,
)
from redian.collect.platforms import platform_name
from redian.interpret import CATEGORY_NAMES
from redian.service.board import Board, board, event_detail
from redian.service.explain import Explanation
from redian.service.views import (
    ENTITY_NAMES,
    PART_NAMES,
    TONE_NAMES,
    TREND_ARROWS,
    TREND_NAMES,
    category_name,
    detail_json,
    entry_json,
    facts_to_show,
    passage_name,
)
from redian.times import show_time
from redian.types import CHINA_TZ

__all__: list[str] = []

_SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """A terminal heat curve: one block character per point, scaled to the curve's maximum."""
    top = max(values, default=0.0)
    if top <= 0:
        return _SPARK[0] * len(values)
    return "".join(_SPARK[min(len(_SPARK) - 1, int(v / top * (len(_SPARK) - 1) + 0.5))] for v in values)


def _span(window: timedelta) -> str:
    hours = window.total_seconds() / 3600
    return f"{hours / 24:g} 天" if hours >= 24 and hours % 24 == 0 else f"{hours:g} 小时"


def _print_board(result: Board) -> None:
    if not result.entries:
        hint = f"; the newest data in the store is from {show_time(result.latest)}" if result.latest else ""
        err_console.print(f"no events in the {result.window} before {show_time(result.at)}{hint} (try --at)")
        return
    table = Table(title=f"热点 · {show_time(result.at)} · 窗口 {_span(result.window)}", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("热度", justify="right")
    table.add_column("趋势", no_wrap=True)
    table.add_column("类别", no_wrap=True)
    table.add_column("事件 event", ratio=1, overflow="fold")
    table.add_column("来源", overflow="fold")
    table.add_column("首次出现", no_wrap=True)
    table.add_column("id", style="dim", no_wrap=True)
    for e in result.entries:
        table.add_row(
            str(e.position),
            f"{e.heat:.1f}",
            f"{TREND_ARROWS[e.trend]} {TREND_NAMES[e.trend]}",
            category_name(e.category) or "",
            e.title,
            "·".join(platform_name(s) for s in e.sources),
            e.first_seen.astimezone(CHINA_TZ).strftime("%m-%d %H:%M"),
            e.event[:8],
        )
    out_console.print(table)


@app.command()
def hot(
    at: Annotated[
        str | None, typer.Option("--at", help="Moment of the board, Beijing time (default: now).")
    ] = None,
    window: Annotated[str, typer.Option("--window", help="How far back counts: 90m, 24h, 3d…")] = "24h",
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only these platforms (repeatable): weibo, baidu…")
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many events.")] = 30,
    category: CategoryOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The hot board: one line per story, merged across platforms, ranked by heat."""
    moment = option_time(at, "--at") or datetime.now(CHINA_TZ)
    span = option_window(window, "--window")
    with open_store(db) as store:
        result = board(store, moment, span, top, tuple(source or ()), category)
    if as_json:
        emit_json(entry_json(e) for e in result.entries)
    else:
        _print_board(result)


@app.command("event")
def event_cmd(
    ident: Annotated[str, typer.Argument(help="Event id (or a unique prefix, or an old merged id).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One event: its headlines and why each joined, where and when it was seen, its heat curve."""
    with open_store(db) as store:
        found = event_detail(store, ident)
    if found is None:
        err_console.print(f"redian: no event {ident!r}")
        raise typer.Exit(1)
    if as_json:
        emit_json([detail_json(found)])
        return
    v = found.view
    out_console.print(f"[bold]{v.title}[/bold]  [dim]{v.id}[/dim]")
    out_console.print(
        f"首次 {show_time(v.first_seen)} · 最近 {show_time(v.last_seen)} · "
        f"来源 {' '.join(platform_name(s) for s in v.sources)} · 热度 {found.heat:.1f}"
    )
    if v.aliases:
        out_console.print(f"合并自 {' '.join(v.aliases)}")
    if found.parts:
        out_console.print(
            "热度构成 " + " · ".join(f"{PART_NAMES.get(p.name, p.name)} {p.value:.3g}" for p in found.parts)
        )
        for p in found.parts:
            if p.note:
                out_console.print(f"  [dim]{PART_NAMES.get(p.name, p.name)}：{p.note}[/dim]")
    out_console.print(f"热度曲线 {sparkline([h for _, h in found.curve])}")
    if found.states:
        out_console.print(
            "趋势变化 " + " → ".join(f"{show_time(t)} {TREND_NAMES[state]}" for t, state in found.states)
        )
    if found.explanation:
        _print_explanation(found.explanation)
    heads = Table(
        title="标题 headlines",
        title_justify="left",
        caption=f"分错了？redian split {v.id[:8]} 编号…",
        caption_justify="left",
    )
    heads.add_column("#", justify="right")
    heads.add_column("标题")
    heads.add_column("来源")
    heads.add_column("为何合并 why", style="dim")
    for n, (text, src, _score, reason) in enumerate(v.headlines, start=1):
        heads.add_row(str(n), text, platform_name(src), reason)
    out_console.print(heads)
    obs = Table(title=f"出现 observations ({len(v.observations)})", title_justify="left")
    for col in ("时间", "来源", "排名", "平台热度"):
        obs.add_column(col)
    rows = v.observations if len(v.observations) <= 40 else v.observations[:20] + v.observations[-20:]
    for o in rows:
        obs.add_row(
            show_time(o.at), platform_name(o.source), str(o.rank), "" if o.hot is None else f"{o.hot:.0f}"
        )
    out_console.print(obs)


def _print_explanation(x: Explanation) -> None:
    """The 热解读 block of `redian event`: what it is, who and where, its figures, its story."""
    it = x.interpretation
    if it.category:
        out_console.print(
            f"[bold]热解读[/bold]  分类 {CATEGORY_NAMES.get(it.category, it.category)} "
            f"({it.category_score:.2f}) · 情绪 {TONE_NAMES.get(it.tone, it.tone)}"
        )
    ents = " · ".join(
        f"{ENTITY_NAMES[k]} {'、'.join(v[:6])}" for k, v in it.entities.items() if v and k in ENTITY_NAMES
    )
    if ents:
        out_console.print(ents)
    if it.keywords:
        out_console.print("关键词 " + " ".join(it.keywords[:10]))
    for fact in facts_to_show(it.facts, 8):
        out_console.print(f"  · {fact.text}  [dim]{fact.sentence.strip()[:60]}[/dim]")
    for sentence in it.summary:
        out_console.print(f"摘要 {sentence.text.strip()}  [dim]— {passage_name(sentence.source)}[/dim]")
    for r in x.related:
        out_console.print(f"相关文章 {r.title}  [dim]{r.where}[/dim]")
    if x.timeline:
        out_console.print("时间线")
        for entry in x.timeline[-12:]:
            text = (
                f"趋势 {TREND_NAMES.get(entry.text, entry.text)}"
                if entry.kind == "state"
                else entry.text[:70]
            )
            out_console.print(f"  {entry.at[:16].replace('T', ' ')}  {text}")
