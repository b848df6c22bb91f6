"""`redian ingest`, `redian rebuild`, `redian status`: getting data into the store."""

from __future__ import annotations

import time as time_module
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from redian.cli._app import (
    DbOption,
    JsonOption,
    app,
    emit_json,
    err_console,
    open_store,
    option_window,
    out_console,
    settings_for,
)
from redian.collect import DEFAULT_MAX_BYTES, FORMATS
from redian.service.ingest import IngestReport, ingest_paths, rebuild
from redian.times import parse_time
from redian.types import CHINA_TZ

__all__: list[str] = []

_FORMAT_HELP = "Input format: auto (default, sniffed from the content) or one of " + ", ".join(FORMATS) + "."


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


def _report(report: IngestReport, as_json: bool) -> None:
    for f in report.files:
        if f.error:
            err_console.print(f"redian: rejected {f.error}", markup=False)
        for problem in f.problems:
            err_console.print(f"redian: skipped line {problem}", markup=False)
    summary = {
        "files": len(report.files),
        "duplicates": sum(1 for f in report.files if f.duplicate),
        "snapshots": report.snapshots,
        "items": report.items,
        "pages": report.pages,
        "new_events": report.new_events,
        "rejected": report.rejected,
    }
    if report.reordered:
        err_console.print(
            "redian: some lists were older than stored data: everything was re-placed in time order"
        )
    elif report.late:
        err_console.print(
            "redian: some lists are older than data already stored; they were merged after it. "
            "`redian rebuild` places everything in time order."
        )
    if as_json:
        emit_json([summary])
    else:
        out_console.print(
            "ingested {files} files ({duplicates} already stored): {snapshots} snapshots, {items} items, "
            "{pages} pages, {new_events} new events; {rejected} rejected".format(**summary)
        )
    if report.rejected:
        raise typer.Exit(3)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files to ingest (.gz is read transparently).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=_FORMAT_HELP)] = "auto",
    time: Annotated[
        str | None,
        typer.Option(
            "--time", help="Date for pages that carry none (Beijing time), e.g. '2024-12-13 10:00'."
        ),
    ] = None,
    max_mb: Annotated[
        int, typer.Option("--max-mb", help="Refuse inputs larger than this.")
    ] = DEFAULT_MAX_BYTES // 1_000_000,
    reorder: Annotated[
        bool,
        typer.Option(
            "--reorder/--no-reorder",
            help="When lists older than stored data arrive, re-place everything in time order (default).",
        ),
    ] = True,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Store hot-list snapshots and pages with their history; repeated inputs change nothing."""
    if fmt != "auto" and fmt not in FORMATS:
        raise typer.BadParameter(
            f"unknown format {fmt!r}; known: auto, {', '.join(FORMATS)}", param_hint="--format"
        )
    try:
        hint = parse_time(time) if time else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--time") from exc
    with open_store(db) as store, _progress() as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(
                    {"read": "reading", "place": "placing"}.get(stage, stage), total=total
                )
            bar.update(tasks[stage], completed=done, total=total)

        report = ingest_paths(
            store, [str(p) for p in paths], fmt, hint, max_mb * 1_000_000, progress, reorder=reorder
        )
    _report(report, as_json)


@app.command()
def fetch(
    urls: Annotated[list[str] | None, typer.Argument(help="URLs of hot-list APIs, feeds or pages.")] = None,
    from_file: Annotated[
        Path | None, typer.Option("--from", help="A file of URLs, one per line (# starts a comment).")
    ] = None,
    every: Annotated[
        str | None, typer.Option("--every", help="Fetch again after this long (10m, 1h) until stopped.")
    ] = None,
    times: Annotated[
        int, typer.Option("--times", min=1, help="With --every: stop after this many rounds.")
    ] = 10**9,
    fmt: Annotated[str, typer.Option("--format", "-f", help=_FORMAT_HELP)] = "auto",
    with_alerts: Annotated[
        bool, typer.Option("--alerts", help="After each round, check the watches and push new alerts.")
    ] = False,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Fetch DailyHotApi / NewsNow / RSSHub endpoints or pages and ingest them, once or on a schedule."""
    from redian.collect.fetch import new_client
    from redian.service.fetch import fetch_round

    targets = list(urls or [])
    if from_file is not None:
        try:
            lines = from_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise typer.BadParameter(f"cannot read {from_file}: {exc}", param_hint="--from") from exc
        targets += [ln.split("#", 1)[0].strip() for ln in lines if ln.split("#", 1)[0].strip()]
    if not targets:
        raise typer.BadParameter("give URLs or --from FILE", param_hint="URLS")
    pause = option_window(every, "--every").total_seconds() if every else None
    rejected = 0
    with open_store(db) as store, new_client() as client:
        for round_no in range(1, (times if pause else 1) + 1):
            result = fetch_round(store, targets, client, fmt)
            for failure in result.failures:
                err_console.print(f"redian: fetch failed {failure}", markup=False)
            rejected += len(result.failures)
            try:
                _report(result.report, as_json)
            except typer.Exit:
                rejected += 1
            if with_alerts:
                from redian.cli.watch import print_alerts
                from redian.service.watch import check_alerts

                print_alerts(check_alerts(store, datetime.now(CHINA_TZ), client=client), as_json)
            if pause is None or round_no == times:
                break
            time_module.sleep(pause)
    if rejected:
        raise typer.Exit(3)


@app.command("rebuild")
def rebuild_cmd(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Derive every table again from the raw inputs kept in the store (after an engine upgrade)."""
    with open_store(db) as store, _progress() as bar:
        task = bar.add_task("rebuilding", total=None)
        report = rebuild(store, lambda stage, done, total: bar.update(task, completed=done, total=total))
    _report(report, as_json)


@app.command()
def status(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Where the store is and how much it holds."""
    settings = settings_for(db)
    with open_store(db) as store:
        counts = store.counts()
        latest = store.latest_time()
    info = {"db": str(settings.db_path), **counts, "latest": latest.isoformat() if latest else None}
    if as_json:
        emit_json([info])
    else:
        for key, value in info.items():
            out_console.print(f"{key:>11}  {value}")
