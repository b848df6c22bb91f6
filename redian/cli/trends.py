"""`redian trends`: replay hot-list snapshots and report each event's rise (CONTRACT.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from redian.cli._app import JsonOption, app, emit_json, err_console, out_console
from redian.heat.warning import WarningParams
from redian.service.trends import EventTrend, trends
from redian.times import show_time
from redian.types import CHINA_TZ

__all__: list[str] = []

_FORMAT_HELP = "kfstorm (the per-minute Weibo archive) or jsonl (redian's own snapshots)."
_SENSITIVITY_HELP = "Early warning in (0, 1): higher flags more and earlier, with more false alarms."


def _iso(moment: Any) -> str | None:
    return None if moment is None else moment.astimezone(CHINA_TZ).isoformat()


def _event_json(e: EventTrend) -> dict[str, Any]:
    return {
        "event": e.event_id,
        "titles": list(e.titles),
        "first_seen": _iso(e.first_seen),
        "rising_at": _iso(e.rising_at),
        "peak_at": _iso(e.peak_at),
        "peak_rank": e.peak_rank,
        "state": e.state,
    }


@app.command(name="trends")
def trends_command(
    paths: Annotated[list[Path], typer.Argument(help="Snapshot files (.gz is read transparently).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=_FORMAT_HELP)] = "kfstorm",
    sensitivity: Annotated[float, typer.Option(help=_SENSITIVITY_HELP)] = WarningParams().sensitivity,
    as_json: JsonOption = False,
) -> None:
    """Replay snapshots in time order; one line per event: first seen, early warning, peak, state."""
    if fmt not in ("kfstorm", "jsonl"):
        raise typer.BadParameter("use kfstorm or jsonl", param_hint="--format")
    try:
        params = WarningParams(sensitivity=sensitivity)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--sensitivity") from None
    report = trends(paths, fmt, params)
    for problem in report.problems:
        err_console.print(f"redian: skipped {problem}", markup=False)
    if as_json:
        emit_json(_event_json(e) for e in report.events)
    else:
        title = f"{report.snapshots} lists replayed · {len(report.events)} events"
        table = Table(title=title, title_justify="left")
        for name in ("first seen", "rising at", "peak", "state", "event"):
            table.add_column(name, overflow="fold", ratio=1 if name == "event" else None)
        for e in sorted(report.events, key=lambda e: (e.rising_at is None, e.rising_at or e.first_seen)):
            table.add_row(
                show_time(e.first_seen),
                show_time(e.rising_at) if e.rising_at else "",
                f"#{e.peak_rank} {show_time(e.peak_at)}",
                e.state,
                " / ".join(e.titles),
            )
        out_console.print(table)
    if report.problems:
        raise typer.Exit(3)
