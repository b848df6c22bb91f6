"""JSON API: ``/api/hot``, ``/api/events/{id}``, ``/api/sources``, ``/api/alerts``, ``/api/status``,
and editors' corrections, ``POST /api/events/{id}/split`` and ``/merge`` (with a token).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from pydantic import BaseModel, Field

from redian.errors import ConfigError
from redian.service.board import board, event_detail
from redian.service.merge import merge_stories
from redian.service.rising import rising
from redian.service.split import split_event
from redian.service.views import (
    alerts_view_json,
    board_json,
    detail_json,
    merge_json,
    rising_json,
    search_json,
    split_json,
)
from redian.service.watch import alerts_view
from redian.store import Store
from redian.web._params import SearchForm, board_query, run_search, store_of

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])

AtQuery = Annotated[
    str | None, Query(description="Moment, Beijing time, e.g. 2024-12-13 21:00 (default: now)")
]
WindowQuery = Annotated[str, Query(description="How far back counts: 90m, 24h, 3d")]
TopQuery = Annotated[int, Query(description="How many events (1–500)")]
SourceQuery = Annotated[list[str] | None, Query(description="Only these platforms (repeatable)")]
CategoryQuery = Annotated[
    str | None, Query(description="Only one category, by id or Chinese name: sports or 体育")
]


@router.get("/hot")
def api_hot(
    request: Request,
    at: AtQuery = None,
    window: WindowQuery = "24h",
    top: TopQuery = 30,
    source: SourceQuery = None,
    category: CategoryQuery = None,
) -> dict[str, Any]:
    """The board at a moment (CONTRACT.md `hot` fields per event, plus heat parts and category)."""
    store = store_of(request)
    q = board_query(store, at, window, top, source or [], follow_data=False, category=category)
    return board_json(board(store, q.at, q.window, q.top, q.sources, q.category))


@router.get("/events/{ident}")
def api_event(request: Request, ident: str) -> dict[str, Any]:
    """One event: headlines with why they joined, observations, heat curve and parts."""
    found = event_detail(store_of(request), ident)
    if found is None:
        raise HTTPException(404, f"no event {ident!r}")
    return detail_json(found)


@router.get("/sources")
def api_sources(request: Request) -> list[dict[str, Any]]:
    """Every source in the store with its Chinese name and how many lists it has."""
    return [
        {"source": s.id, "name": s.name, "kind": s.kind, "snapshots": s.snapshots}
        for s in store_of(request).sources()
    ]


@router.get("/alerts")
def api_alerts(
    request: Request,
    watch: Annotated[str | None, Query(description="Only this watch's alerts")] = None,
    top: Annotated[int, Query(description="How many alerts, newest first (1–1000)")] = 100,
) -> dict[str, Any]:
    """Every watch (terms, thresholds, alert count) and the latest alerts, newest first."""
    if not 1 <= top <= 1000:
        raise HTTPException(400, "top must be between 1 and 1000")
    try:
        return alerts_view_json(alerts_view(store_of(request), watch, top))
    except ConfigError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/rising")
def api_rising(request: Request, at: AtQuery = None, top: TopQuery = 20) -> dict[str, Any]:
    """Early warnings: events flagged rising in the hour before ``at`` on a live list, still
    below its top 10 (default moment: the newest stored list)."""
    store = store_of(request)
    q = board_query(store, at, "1h", top, [], follow_data=True)
    return {"at": q.at.isoformat(), "events": [rising_json(r) for r in rising(store, q.at, top=q.top)]}


@router.get("/search")
def api_search(
    request: Request,
    q: Annotated[str, Query(description="Terms, space-separated: 词 any of, +词 must have, !词 must not")],
    since: Annotated[str | None, Query(description="Seen at or after, Beijing time")] = None,
    until: Annotated[str | None, Query(description="Seen at or before, Beijing time")] = None,
    source: SourceQuery = None,
    top: TopQuery = 50,
) -> dict[str, Any]:
    """Stories of the stored history whose headlines hold the terms, the most recently seen first."""
    return search_json(run_search(store_of(request), SearchForm(q, since, until, source or [], top)))


@router.get("/status")
def api_status(request: Request) -> dict[str, Any]:
    store = store_of(request)
    latest = store.latest_time()
    return {**store.counts(), "latest": latest.isoformat() if latest else None}


class SplitRequest(BaseModel):
    headlines: list[str] = Field(description="Headlines to take out: number in the event's list, or text")


class MergeRequest(BaseModel):
    events: list[str] = Field(description="Events merged into this one (ids or unique prefixes)")


AuthHeader = Annotated[str | None, Header(description="Bearer REDIAN_EDIT_TOKEN")]


def _editor(request: Request, authorization: AuthHeader = None) -> Store:
    """The store, for a correction: they change it for everyone, so only with the configured
    token.  (JSON bodies only, so a page elsewhere cannot post a form here: FastAPI reads no
    form as JSON.)"""
    token: str | None = request.app.state.edit_token
    if not token:
        raise HTTPException(403, "corrections over HTTP are off: start the server with REDIAN_EDIT_TOKEN set")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(401, "wrong or missing token (Authorization: Bearer …)")
    return store_of(request)


Editor = Annotated[Store, Depends(_editor)]
T = TypeVar("T")


def _correction(run: Callable[[], T]) -> T:
    """A request that makes no sense (no such event or headline) is the client's error: 400."""
    try:
        return run()
    except ConfigError as exc:
        raise HTTPException(400, str(exc)) from exc


@router.post("/events/{ident}/split")
def api_split(ident: str, body: SplitRequest, store: Editor) -> dict[str, Any]:
    """Move headlines out of an event into a new one (as ``redian split``); both sides pinned."""
    return split_json(_correction(lambda: split_event(store, ident, body.headlines)))


@router.post("/events/{ident}/merge")
def api_merge(ident: str, body: MergeRequest, store: Editor) -> dict[str, Any]:
    """Merge events into this one (as ``redian merge``); their ids become aliases."""
    return merge_json(_correction(lambda: merge_stories(store, ident, body.events)))
