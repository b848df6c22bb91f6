"""Query parameters shared by the API and the pages: the moment, the window, the sources, the category."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import HTTPException, Query, Request

from redian.errors import ConfigError
from redian.service.board import parse_window
from redian.service.search import SearchResult, search
from redian.service.views import category_id
from redian.store import Store
from redian.times import parse_time, parse_until
from redian.types import CHINA_TZ

__all__ = ["BoardQuery", "SearchForm", "board_query", "run_search", "search_form", "store_of"]


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


@dataclass(frozen=True, slots=True)
class BoardQuery:
    at: datetime
    window: timedelta
    top: int
    sources: tuple[str, ...]
    #: True when no moment was asked for and the store's data ends before now
    at_is_latest: bool
    #: taxonomy id of the one category asked for, or None for all
    category: str | None = None


def board_query(
    store: Store,
    at: str | None,
    window: str,
    top: int,
    sources: list[str],
    follow_data: bool,
    category: str | None = None,
) -> BoardQuery:
    """Validate parameters (400 on bad ones).  With ``follow_data``, a missing ``at`` means the
    newest data when there is nothing in the window before now (an archive, a demo store)."""
    try:
        span = parse_window(window)
        wanted = category_id(category) if category else None
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    if not 1 <= top <= 500:
        raise HTTPException(400, "top must be between 1 and 500")
    if at:
        try:
            return BoardQuery(parse_time(at), span, top, tuple(sources), False, wanted)
        except ValueError as exc:
            raise HTTPException(400, f"bad time {at!r}: {exc}") from exc
    now = datetime.now(CHINA_TZ)
    latest = store.latest_time()
    if follow_data and latest is not None and latest < now - span:
        return BoardQuery(latest, span, top, tuple(sources), True, wanted)
    return BoardQuery(now, span, top, tuple(sources), False, wanted)


@dataclass(frozen=True, slots=True)
class SearchForm:
    """The search box and its limits, as the dashboard's search page and its twins read them."""

    q: str
    since: str | None
    until: str | None
    sources: list[str]
    top: int


def search_form(
    q: str = "",
    since: str | None = None,
    until: str | None = None,
    source: Annotated[list[str] | None, Query()] = None,
    top: int = 50,
) -> SearchForm:
    """A FastAPI dependency: one place for the parameters every search route takes."""
    return SearchForm(q, since, until, source or [], top)


def run_search(store: Store, form: SearchForm) -> SearchResult:
    """``form.q`` is the terms as typed in a search box, separated by spaces (400 on bad input)."""
    if not 1 <= form.top <= 500:
        raise HTTPException(400, "top must be between 1 and 500")
    terms = form.q.split()
    if not terms:
        raise HTTPException(400, "q: give at least one word to search for")
    try:
        start = parse_time(form.since) if form.since else None
        end = parse_until(form.until) if form.until else None
        return search(store, terms, start, end, form.sources, form.top)
    except (ValueError, ConfigError) as exc:
        raise HTTPException(400, str(exc)) from exc
