"""The Chinese dashboard: 热榜 (the board at any moment) and 事件 (one story), plus feeds.

Pages are Jinja templates over the same service calls as the API; each has a ``.json`` twin.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from redian.collect.platforms import platform_name
from redian.errors import ConfigError
from redian.feeds import alerts_atom, alerts_rss, atom_feed, rss_feed
from redian.interpret import CATEGORIES, CATEGORY_NAMES
from redian.service.board import Board, board, event_detail
from redian.service.export import search_csv
from redian.service.rising import rising
from redian.service.views import (
    ENTITY_NAMES,
    FACT_KIND_NAMES,
    PART_NAMES,
    TONE_NAMES,
    TREND_ARROWS,
    TREND_NAMES,
    alerts_view_json,
    board_json,
    detail_json,
    facts_to_show,
    passage_name,
    search_json,
)
from redian.service.watch import AlertsView, alerts_view
from redian.times import show_time
from redian.types import CHINA_TZ
from redian.web._params import BoardQuery, SearchForm, board_query, run_search, search_form, store_of

__all__ = ["router", "static_files"]

HERE = Path(__file__).resolve().parent
router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["when"] = lambda d: show_time(d) if isinstance(d, datetime) else ""
templates.env.filters["platform"] = platform_name
templates.env.filters["part"] = lambda name: PART_NAMES.get(name, name)
templates.env.filters["fact_kind"] = lambda kind: FACT_KIND_NAMES.get(kind, kind)
templates.env.filters["passage"] = passage_name
templates.env.filters["num"] = lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"

TRENDS = {state: (name, TREND_ARROWS[state]) for state, name in TREND_NAMES.items()}
WINDOWS = [("1h", "1 小时"), ("6h", "6 小时"), ("24h", "24 小时"), ("3d", "3 天"), ("7d", "7 天")]


def static_files() -> StaticFiles:
    return StaticFiles(directory=str(HERE / "static"))


def curve_points(curve: tuple[tuple[datetime, float], ...], width: int = 640, height: int = 120) -> str:
    """SVG polyline points for a heat curve, scaled to its own maximum."""
    if not curve:
        return ""
    top = max(h for _, h in curve) or 1.0
    n = max(1, len(curve) - 1)
    return " ".join(
        f"{i * width / n:.1f},{height - h / top * (height - 8) - 4:.1f}" for i, (_, h) in enumerate(curve)
    )


AtQuery = Annotated[str | None, Query()]
SourceQuery = Annotated[list[str] | None, Query()]
CategoryQuery = Annotated[str | None, Query()]


@dataclass(frozen=True, slots=True)
class _BoardForm:
    query: BoardQuery
    window: str  # as given (``24h``), for the form and the links


def _board_form(
    request: Request,
    at: AtQuery = None,
    window: str = "24h",
    top: int = 50,
    source: SourceQuery = None,
    category: CategoryQuery = None,
) -> _BoardForm:
    """The parameters the board page and its JSON twin take (one FastAPI dependency)."""
    store = store_of(request)
    return _BoardForm(board_query(store, at, window, top, source or [], True, category), window)


BoardParams = Annotated[_BoardForm, Depends(_board_form)]


@router.get("/", response_class=HTMLResponse)
def board_page(request: Request, form: BoardParams) -> Response:
    store, q, window = store_of(request), form.query, form.window
    result = board(store, q.at, q.window, q.top, q.sources, q.category)
    top_heat = max((e.heat for e in result.entries), default=1.0) or 1.0
    context: dict[str, Any] = {
        "result": result,
        "rising": rising(store, q.at, top=8),
        "query": q,
        "window": window,
        "windows": WINDOWS,
        "trends": TRENDS,
        "top_heat": top_heat,
        "sources": store.sources(),
        "categories": [(c, CATEGORY_NAMES[c]) for c in CATEGORIES],
        "category_names": CATEGORY_NAMES,
        "at_value": q.at.astimezone(CHINA_TZ).strftime("%Y-%m-%dT%H:%M:%S"),
        "steps": _steps(request, q.at),
    }
    return templates.TemplateResponse(request, "board.html", context)


def _steps(request: Request, at: datetime) -> list[tuple[str, str]]:
    """Links to the board a day or an hour earlier or later, other parameters kept: history is
    browsed the way editors think of it ("this time yesterday")."""
    out = []
    for label, delta in (("前一天", -24), ("前一小时", -1), ("后一小时", 1), ("后一天", 24)):
        moment = (at + timedelta(hours=delta)).astimezone(CHINA_TZ).strftime("%Y-%m-%dT%H:%M:%S")
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "at"]
        out.append((label, "/?" + urlencode([("at", moment), *params])))
    return out


@router.get("/hot.json")
def board_twin(request: Request, form: BoardParams) -> JSONResponse:
    q = form.query
    return JSONResponse(board_json(board(store_of(request), q.at, q.window, q.top, q.sources, q.category)))


@router.get("/events/{ident}.json")
def event_twin(request: Request, ident: str) -> JSONResponse:
    found = event_detail(store_of(request), ident)
    if found is None:
        raise HTTPException(404, f"no event {ident!r}")
    return JSONResponse(detail_json(found))


@router.get("/events/{ident}", response_class=HTMLResponse)
def event_page(request: Request, ident: str) -> Response:
    found = event_detail(store_of(request), ident)
    if found is None:
        return templates.TemplateResponse(request, "missing.html", {"ident": ident}, status_code=404)
    by_source: dict[str, list[int]] = {}
    for o in found.view.observations:
        by_source.setdefault(o.source, []).append(o.rank)
    summary = [
        {"source": s, "count": len(r), "best": min(r)}
        for s, r in sorted(by_source.items(), key=lambda kv: kv[0])
    ]
    context = {
        "d": found,
        "v": found.view,
        "points": curve_points(found.curve),
        "curve_start": found.curve[0][0] if found.curve else None,
        "curve_end": found.curve[-1][0] if found.curve else None,
        "by_source": summary,
        "trend_names": TREND_NAMES,
        "x": found.explanation,
        "facts": facts_to_show(found.explanation.interpretation.facts, 12) if found.explanation else [],
        "category_names": CATEGORY_NAMES,
        "entity_names": ENTITY_NAMES,
        "tone_names": TONE_NAMES,
        # editors' corrections (split, merge) only on a server started with an edit token; the
        # page never holds the token: the editor types it, and the API checks it
        "editing": bool(request.app.state.edit_token),
    }
    return templates.TemplateResponse(request, "event.html", context)


def _feed_board(request: Request, window: str, top: int, category: str | None) -> Board:
    store = store_of(request)
    q = board_query(store, None, window, top, [], follow_data=True, category=category)
    return board(store, q.at, q.window, q.top, category=q.category)


def _watch_alerts(request: Request, watch: str | None, top: int) -> AlertsView:
    try:
        return alerts_view(store_of(request), watch, top)
    except ConfigError as exc:
        raise HTTPException(404, str(exc)) from exc


@dataclass(frozen=True, slots=True)
class _FeedForm:
    window: str
    top: int
    watch: str | None
    category: str | None


def _feed_form(
    window: str = "24h", top: int = 30, watch: str | None = None, category: CategoryQuery = None
) -> _FeedForm:
    """The parameters both feed formats take (one FastAPI dependency)."""
    return _FeedForm(window, top, watch, category)


FeedParams = Annotated[_FeedForm, Depends(_feed_form)]


def _feed(request: Request, form: _FeedForm, kind: str) -> Response:
    """The board's feed (one category's with ``category``), or with ``watch`` that watch's
    alerts; ``kind`` is ``rss`` or ``atom``."""
    base = str(request.base_url)
    if form.watch:
        view = _watch_alerts(request, form.watch, form.top)
        built = view.alerts[0].at if view.alerts else datetime.now(CHINA_TZ)
        write = alerts_rss if kind == "rss" else alerts_atom
        body = write(form.watch, view.alerts, base, built)
    else:
        found = _feed_board(request, form.window, form.top, form.category)
        body = (rss_feed if kind == "rss" else atom_feed)(found, base)
    return Response(body, media_type=f"application/{kind}+xml; charset=utf-8")


@router.get("/feed.xml")
def rss(request: Request, form: FeedParams) -> Response:
    """The board (one category's with ``category``), or with ``watch`` that watch's alerts."""
    return _feed(request, form, "rss")


@router.get("/feed.atom")
def atom(request: Request, form: FeedParams) -> Response:
    return _feed(request, form, "atom")


SearchParams = Annotated[SearchForm, Depends(search_form)]


@router.get("/search.json")
def search_twin(request: Request, form: SearchParams) -> JSONResponse:
    return JSONResponse(search_json(run_search(store_of(request), form)))


@router.get("/search.csv")
def search_table(request: Request, form: SearchParams) -> Response:
    """The search as a CSV file for Excel (UTF-8 with BOM), up to 500 stories."""
    return Response(
        search_csv(run_search(store_of(request), replace(form, top=max(form.top, 500)))).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''redian-search.csv"},
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, form: SearchParams) -> Response:
    """搜索: the stories of the whole history whose headlines hold the words, latest first."""
    context: dict[str, Any] = {
        "q": form.q,
        "since": form.since or "",
        "until": form.until or "",
        "result": run_search(store_of(request), form) if form.q.strip() else None,
        "category_names": CATEGORY_NAMES,
        "sources": store_of(request).sources(),
        "chosen": form.sources,
    }
    return templates.TemplateResponse(request, "search.html", context)


@router.get("/alerts.json")
def alerts_twin(request: Request, watch: str | None = None, top: int = 100) -> JSONResponse:
    return JSONResponse(alerts_view_json(_watch_alerts(request, watch, top)))


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, watch: str | None = None, top: int = 100) -> Response:
    """预警: every watch with its terms and alert count, then the latest alerts (newest first)."""
    context = {"view": _watch_alerts(request, watch, top), "watch": watch}
    return templates.TemplateResponse(request, "alerts.html", context)
