"""`redian ingest`, `redian rebuild`, `redian status`: getting data into the store."""

from __future__ import annotations

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
    out_console,
    settings_for,
)
from redian.collect import DEFAULT_MAX_BYTES, FORMATS
from redian.service.ingest import IngestReport, ingest_paths, rebuild
from redian.times import parse_time

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

        report = ingest_paths(store, [str(p) for p in paths], fmt, hint, max_mb * 1_000_000, progress)
    _report(report, as_json)


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
