"""Heat stage: one cross-platform heat per event, its trend state, and early warning.

Pure functions over observation series: no SQL, no I/O.  The service passes what the store
knows (observations, when each source published, first-seen times) and gets back typed
records.  The same inputs in any order give the same numbers (duplicates from a re-ingest
collapse), and a board at a past instant uses only what was known at that instant.

Scale: about 100 per platform.  An event at #1 on one platform for the whole window scores
100 (plus a velocity bonus while it climbs); the same on three platforms scores 350.  The
formula, its constants and a worked example are in ``docs/heat.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from redian.collect.platforms import platform_name
from redian.heat._score import HeatParams, evaluate, gone_since
from redian.heat._series import EventSeries, SourceClock, build_series, strength
from redian.heat._trend import STATES, grid_for, read_trends, state_codes
from redian.types import HeatPart, Observation, SnapshotMeta, Trend

__all__ = ["EventHeat", "HeatParams", "heat_curve", "score_board", "strength", "trend_history"]

DEFAULT_PARAMS = HeatParams()


@dataclass(frozen=True, slots=True)
class EventHeat:
    """One event on the board at an instant: its heat, the named parts that add up to it, its trend."""

    event_id: str
    heat: float  # ≈100 per platform (see module docstring); the parts sum to it
    parts: tuple[HeatPart, ...]
    sources: tuple[str, ...]  # platforms it appeared on within the window
    first_seen: datetime
    trend: Trend
    trend_since: datetime | None  # None: the state held for the whole look-back


def _fmt_span(seconds: float) -> str:
    if seconds < 5400:
        return f"{seconds / 60:.0f} 分钟"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.0f} 小时"
    return f"{seconds / 86400:.0f} 天"


def _fmt_age(seconds: float) -> str:
    return "刚刚" if seconds < 90 else _fmt_span(seconds) + "前"


def _parts(
    series: Sequence[EventSeries],
    clocks: Mapping[str, SourceClock],
    contributions: Sequence[float],
    totals: tuple[float, float, float, float],
    window: float,
    params: HeatParams,
) -> tuple[HeatPart, ...]:
    """Parts at the board instant, with notes a reader can check against the lists.

    The notes are Chinese (platform names as users know them): they are shown as they are in
    the CLI, the dashboard and the API, to editors who read the lists in Chinese.
    """
    at = 0.0  # series are on the board instant's reference
    cur_notes: list[str] = []
    pers_notes: list[str] = []
    strongest = ""
    best = -1.0
    for s, contribution in zip(series, contributions, strict=True):
        if contribution <= 0:
            continue
        name = platform_name(s.source)
        if contribution > best:
            best, strongest = contribution, name
        idx = int(np.searchsorted(s.times, at, side="right")) - 1
        cur_notes.append(f"{name}第{int(s.ranks[idx])}名（{_fmt_age(at - float(s.times[idx]))}）")
        clock = clocks[s.source].times
        lists = int(np.count_nonzero((clock > at - window) & (clock <= at)))
        on = int(np.count_nonzero((s.times > at - window) & (s.times <= at)))
        pers_notes.append(f"{name}在榜 {on}/{lists} 期")
    current, persistence, velocity, reach = totals
    vel_note = f"近 {_fmt_span(params.velocity_span * window)}内上升" if velocity > 0 else ""
    n = len(cur_notes)
    reach_note = f"{n} 个平台，{strongest}最强" if n > 1 else "单一平台"
    return (
        HeatPart("current", round(current, 3), "；".join(cur_notes)),
        HeatPart("persistence", round(persistence, 3), "；".join(pers_notes)),
        HeatPart("velocity", round(velocity, 3), vel_note),
        HeatPart("reach", round(reach, 3), reach_note),
    )


def score_board(
    observations: Sequence[Observation],
    snapshots: Sequence[SnapshotMeta],
    at: datetime,
    window: timedelta,
    first_seen: Mapping[str, datetime],
    params: HeatParams = DEFAULT_PARAMS,
    top: int | None = None,
) -> list[EventHeat]:
    """Every event with an observation in the inputs, hottest first, as the board stood at ``at``.

    With ``top``, only the ``top`` hottest are returned, and only theirs are explained part by
    part: the same first ``top`` entries, much faster on a board of thousands of events.

    Pass observations and snapshot records with times in ``(at − 2·window, at]``: the heat reads
    ``(at − window, at]`` and the trend states look one more window back.  Anything later than
    ``at`` is ignored.  ``first_seen`` holds each event's global first appearance; events missing
    from it use their earliest passed observation.  Ties are broken by event id, so the order is
    fully deterministic.
    """
    w = window.total_seconds()
    obs = [o for o in observations if o.at <= at]
    metas = [m for m in snapshots if m.at <= at]
    clocks, by_event = build_series(obs, metas, at)
    if not by_event:
        return []
    ids = sorted(by_event)
    events = [by_event[e] for e in ids]
    grid, lookback, first_judged = grid_for(0.0, w, params)
    terms = evaluate(events, clocks, grid, w, params)
    fs = np.empty(len(ids))
    for i, event_id in enumerate(ids):
        earliest = min(float(s.times[0]) for s in events[i])
        seen = first_seen.get(event_id)
        fs[i] = min(earliest, (seen - at).total_seconds()) if seen is not None else earliest
    # parts are rounded when they are summed into the heat, so rank by the unrounded heat with a
    # margin, explain those, and cut after the final sort
    keep: list[int] = list(range(len(ids)))
    if top is not None:
        rough = terms.heat[:, -1]
        keep = sorted(keep, key=lambda i: (-float(rough[i]), ids[i]))[: top + 16]
    kept = set(keep)
    gone_at = [
        gone_since(ev, clocks, 0.0, w, params) if i in kept and terms.gone[i, -1] else None
        for i, ev in enumerate(events)
    ]
    readings = read_trends(grid, terms, fs, gone_at, lookback, first_judged, params)
    offsets = np.concatenate([[0], np.cumsum([len(ev) for ev in events])]).astype(int)
    out: list[EventHeat] = []
    for i in sorted(kept):
        event_id = ids[i]
        series = events[i]
        row = int(offsets[i])
        contributions = [float(v) for v in terms.per_series[row : row + len(series), -1]]
        totals = (
            float(terms.current[i, -1]),
            float(terms.persistence[i, -1]),
            float(terms.velocity[i, -1]),
            float(terms.reach[i, -1]),
        )
        parts = _parts(series, clocks, contributions, totals, w, params)
        reading = readings[i]
        out.append(
            EventHeat(
                event_id=event_id,
                heat=round(sum(p.value for p in parts), 3),
                parts=parts,
                sources=tuple(s.source for s, c in zip(series, contributions, strict=True) if c > 0),
                first_seen=at + timedelta(seconds=float(fs[i])),
                trend=reading.state,
                trend_since=None if reading.since is None else at + timedelta(seconds=reading.since),
            )
        )
    out.sort(key=lambda e: (-e.heat, e.event_id))
    return out if top is None else out[:top]


def _instants(start: datetime, end: datetime, step: timedelta) -> tuple[list[datetime], np.ndarray]:
    """``start``, ``start + step``, … up to ``end``, and the same as seconds before ``end``."""
    if step.total_seconds() <= 0:
        raise ValueError("step must be positive")
    if end < start:
        return [], np.zeros(0)
    instants = [start + i * step for i in range(int((end - start) / step) + 1)]
    return instants, np.array([(t - end).total_seconds() for t in instants], dtype=np.float64)


def heat_curve(
    observations: Sequence[Observation],
    snapshots: Sequence[SnapshotMeta],
    start: datetime,
    end: datetime,
    step: timedelta,
    window: timedelta = timedelta(hours=24),
    params: HeatParams = DEFAULT_PARAMS,
) -> list[tuple[datetime, float]]:
    """One event's heat at ``start``, ``start + step``, … up to ``end`` (inclusive).

    Each point is the heat :func:`score_board` would give at that instant with the same
    ``window``, provided the snapshot records carry ``hot_max`` (else hot values are normalized
    against the other passed observations of the same list, or ignored when there are none).
    Observations of several events are summed: pass one event's.
    """
    instants, grid = _instants(start, end, step)
    if not instants:
        return []
    clocks, by_event = build_series(observations, snapshots, end)
    if not by_event:
        return [(t, 0.0) for t in instants]
    heat = evaluate(
        [by_event[e] for e in sorted(by_event)], clocks, grid, window.total_seconds(), params
    ).heat
    total = heat.sum(axis=0)
    return [(t, round(float(v), 3)) for t, v in zip(instants, total, strict=True)]


def trend_history(
    observations: Sequence[Observation],
    snapshots: Sequence[SnapshotMeta],
    first_seen: datetime,
    start: datetime,
    end: datetime,
    step: timedelta,
    window: timedelta = timedelta(hours=24),
    params: HeatParams = DEFAULT_PARAMS,
) -> list[tuple[datetime, Trend]]:
    """One event's trend states over ``[start, end]``: each state with the instant it began.

    The same rule as the board's, read on a grid of ``step``; a state that lasts less than one
    step may be missed, so pick ``step`` no coarser than the cadence that matters.
    """
    instants, grid = _instants(start, end, step)
    if not instants:
        return []
    clocks, by_event = build_series(observations, snapshots, end)
    if not by_event:
        return []
    w = window.total_seconds()
    terms = evaluate([by_event[e] for e in sorted(by_event)], clocks, grid, w, params)
    lookback = max(1, round(params.trend_lookback * w / step.total_seconds()))
    seen = np.array([(first_seen - end).total_seconds()], dtype=np.float64)
    codes = state_codes(grid, terms, seen, lookback, params)[0]
    changes: list[tuple[datetime, Trend]] = []
    previous = None
    for i, code in enumerate(codes.tolist()):
        if code < 0 or code == previous:
            continue
        previous = code
        changes.append((instants[i], STATES[code]))
    return changes
