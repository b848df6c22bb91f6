"""Watching live sources: fetch every URL, ingest what came back, report what did not."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from redian.collect.fetch import Fetched, FetchFailure, fetch_all
from redian.events import EventEngine
from redian.service.ingest import IngestReport, ingest_blobs
from redian.store import Store

__all__ = ["FetchRound", "fetch_round"]


@dataclass(frozen=True, slots=True)
class FetchRound:
    report: IngestReport
    failures: tuple[FetchFailure, ...]


def fetch_round(
    store: Store,
    urls: Sequence[str],
    client: httpx.Client,
    fmt: str = "auto",
    engine: EventEngine | None = None,
) -> FetchRound:
    results = fetch_all(urls, client)
    got = [(r.url, r.data, r.at) for r in results if isinstance(r, Fetched)]
    failures = tuple(r for r in results if isinstance(r, FetchFailure))
    return FetchRound(ingest_blobs(store, got, fmt, engine), failures)
