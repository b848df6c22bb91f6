"""Exports: history in redian's own snapshot format (ingestible again), boards and search results
as tables (CSV with a BOM, which Excel opens as UTF-8)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import datetime

from redian.collect.platforms import platform_name
from redian.service.board import Board
from redian.service.search import SearchResult
from redian.service.views import category_name
from redian.store import Store

__all__ = ["BOARD_COLUMNS", "SEARCH_COLUMNS", "board_csv", "search_csv", "snapshot_lines"]

BOARD_COLUMNS = ("position", "event", "title", "heat", "trend", "sources", "first_seen", "category")
SEARCH_COLUMNS = (
    "event",
    "title",
    "first_seen",
    "last_seen",
    "sources",
    "best_rank",
    "observations",
    "category",
    "matched",
)


def snapshot_lines(
    store: Store, start: datetime, end: datetime, sources: Sequence[str] = ()
) -> Iterator[str]:
    """One JSON line per stored hot list, in the `jsonl` input format: export, then ingest elsewhere."""
    for snap in store.snapshots(start, end, sources):
        items = []
        for item in snap.items:
            row: dict[str, object] = {"rank": item.rank, "title": item.title}
            if item.url:
                row["url"] = item.url
            if item.hot is not None:
                row["hot"] = item.hot
            if item.desc:
                row["desc"] = item.desc
            items.append(row)
        doc = {"source": snap.source, "at": snap.taken_at.isoformat(), "items": items}
        yield json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def board_csv(board: Board) -> str:
    """The board as CSV (UTF-8 with BOM, so that Excel opens Chinese text correctly)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(BOARD_COLUMNS)
    for e in board.entries:
        sources = "、".join(platform_name(s) for s in e.sources)
        writer.writerow(
            [
                e.position,
                e.event,
                e.title,
                f"{e.heat:.2f}",
                e.trend,
                sources,
                e.first_seen.isoformat(),
                category_name(e.category) or "",
            ]
        )
    return out.getvalue()


def search_csv(result: SearchResult) -> str:
    """Stories found by a search, one row each, latest first; ``matched`` joins the headlines
    that held the terms with " / "."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(SEARCH_COLUMNS)
    for h in result.hits:
        writer.writerow(
            [
                h.event,
                h.title,
                h.first_seen.isoformat(),
                h.last_seen.isoformat(),
                "、".join(platform_name(s) for s in h.sources),
                h.best_rank,
                h.observations,
                category_name(h.category) or "",
                " / ".join(h.matched),
            ]
        )
    return out.getvalue()
