"""The hot board and single events: what is hot at a moment, and everything about one story."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from redian.config import Settings
from redian.heat import heat_curve, score_board, trend_history
from redian.interpret import story_categories
from redian.service.explain import Explanation, explain_event
from redian.store import Store
from redian.types import BoardEntry, EventView, HeatPart, Trend

__all__ = ["Board", "EventDetail", "board", "event_detail", "parse_window"]

_CATEGORY_PAGE = 100


@dataclass(frozen=True, slots=True)
class Board:
    at: datetime
    window: timedelta
    entries: tuple[BoardEntry, ...]
    #: the newest snapshot in the store, to help when the window at ``at`` is empty
    latest: datetime | None
    #: the one category the board was asked for (None: all)
    category: str | None = None


@dataclass(frozen=True, slots=True)
class EventDetail:
    view: EventView
    curve: tuple[tuple[datetime, float], ...]
    heat: float
    parts: tuple[HeatPart, ...]
    #: trend state changes over the event's life: (when it began, state)
    states: tuple[tuple[datetime, Trend], ...] = ()
    #: the 热解读: interpretation, related articles, timeline (None when not asked for)
    explanation: Explanation | None = None


def parse_window(text: str) -> timedelta:
    """``24h``, ``90m``, ``3d``, ``1w`` → timedelta (a bare number means hours)."""
    raw = text.strip().lower()
    units = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
    unit = raw[-1] if raw and raw[-1] in units else "h"
    number = raw[:-1] if raw and raw[-1] in units else raw
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"bad window {text!r}: use a number with m, h, d or w (e.g. 24h)") from None
    if value <= 0:
        raise ValueError(f"bad window {text!r}: must be positive")
    return timedelta(**{units[unit]: value})


def board(
    store: Store,
    at: datetime,
    window: timedelta,
    top: int = 30,
    sources: Sequence[str] = (),
    category: str | None = None,
) -> Board:
    """The board as it stood at ``at``: only what was known then counts.

    Every entry carries the category of its story's headlines; with ``category`` the board
    holds only that category's events (an editor's 体育 or 财经 tab), ranked among themselves.
    """
    start = at - 2 * window
    observations = store.observations(start, at, sources)
    metas = store.snapshot_metas(start, at, sources)
    first_seen = store.first_seen({o.event_id for o in observations})
    if category is None:
        scored = score_board(observations, metas, at, window, first_seen, top=top)
        kinds = _categories(store, [s.event_id for s in scored], at)
    else:
        # the category is known only after scoring: rank everything, then classify the hottest
        # first, a page at a time, until the tab is full
        ranked = score_board(observations, metas, at, window, first_seen)
        scored, kinds = [], {}
        for first in range(0, len(ranked), _CATEGORY_PAGE):
            page = ranked[first : first + _CATEGORY_PAGE]
            page_kinds = _categories(store, [s.event_id for s in page], at)
            for s in page:
                kind = page_kinds.get(s.event_id)
                if kind == category and len(scored) < top:
                    scored.append(s)
                    kinds[s.event_id] = kind
            if len(scored) >= top:
                break
    titles = store.event_titles([s.event_id for s in scored], at - window, at)
    entries = tuple(
        BoardEntry(
            position=i,
            event=s.event_id,
            title=titles.get(s.event_id, ""),
            heat=s.heat,
            sources=s.sources,
            first_seen=s.first_seen,
            trend=s.trend,
            parts=s.parts,
            category=kinds.get(s.event_id),
        )
        for i, s in enumerate(scored, start=1)
    )
    return Board(at, window, entries, store.latest_time(), category)


def _categories(store: Store, event_ids: list[str], at: datetime) -> dict[str, str | None]:
    """Each event's category from all its headlines known at ``at``, as search and the event
    page read it (the window's headlines alone would let a story change category by the hour)."""
    texts = store.headline_texts(event_ids, at)
    found = story_categories([texts.get(e, []) for e in event_ids])
    return {e: kind for e, (kind, _) in zip(event_ids, found, strict=True)}


def event_detail(
    store: Store,
    ident: str,
    window: timedelta = timedelta(hours=24),
    explain: bool = True,
    settings: Settings | None = None,
) -> EventDetail | None:
    """One event (by id, old merged id or unique prefix) with its heat curve over its life and,
    with ``explain``, its 热解读 (``settings`` may name an LLM backend for the summary)."""
    event_id = store.resolve_event(ident)
    if event_id is None:
        return None
    view = store.event_view(event_id)
    if view is None:
        return None
    start = view.first_seen - window / 4
    # past the newest data the store knows nothing: drawing the curve there would show a fall
    # that never happened
    latest = store.latest_time() or view.last_seen
    end = max(view.last_seen, min(view.last_seen + window, latest))
    metas = store.snapshot_metas(start, end, view.sources)
    span = end - start
    step = max(timedelta(minutes=1), span / 48)
    curve = heat_curve(list(view.observations), metas, start, end, step, window)
    # states change faster than the curve needs points: read them on a finer grid
    fine = max(timedelta(minutes=1), span / 480)
    states = trend_history(list(view.observations), metas, view.first_seen, start, end, fine, window)
    at = view.last_seen
    ctx = store.observations(at - 2 * window, at, view.sources)
    scored = score_board(
        ctx, store.snapshot_metas(at - 2 * window, at, view.sources), at, window, {view.id: view.first_seen}
    )
    mine = next((s for s in scored if s.event_id == view.id), None)
    return EventDetail(
        view=view,
        curve=tuple(curve),
        heat=mine.heat if mine else 0.0,
        parts=mine.parts if mine else (),
        states=tuple(states),
        explanation=explain_event(store, view, states, settings) if explain else None,
    )
