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

from redian.heat._score import HeatParams, Terms, evaluate, gone_since
from redian.heat._series import EventSeries, SourceClock, build_series, strength
from redian.heat._trend import grid_for, read_trend
from redian.types import HeatPart, Observation, SnapshotMeta, Trend

__all__ = ["EventHeat", "HeatParams", "heat_curve", "score_board", "strength"]

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


def _fmt_age(seconds: float) -> str:
    if seconds < 90:
        return "now"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min ago"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.0f} h ago"
    return f"{seconds / 86400:.0f} d ago"


def _parts(
    series: Sequence[EventSeries],
    clocks: Mapping[str, SourceClock],
    terms: Terms,
    window: float,
    params: HeatParams,
) -> tuple[HeatPart, ...]:
    """Parts at the last instant of ``terms``, with notes a reader can check against the lists."""
    at = 0.0  # series are on the board instant's reference
    cur_notes: list[str] = []
    pers_notes: list[str] = []
    vel_notes: list[str] = []
    strongest = ""
    best = -1.0
    for s in series:
        contribution = float(terms.per_source[s.source][-1])
        if contribution <= 0:
            continue
        if contribution > best:
            best, strongest = contribution, s.source
        idx = int(np.searchsorted(s.times, at, side="right")) - 1
        cur_notes.append(f"{s.source} #{int(s.ranks[idx])} {_fmt_age(at - float(s.times[idx]))}")
        clock = clocks[s.source].times
        lists = int(np.count_nonzero((clock > at - window) & (clock <= at)))
        on = int(np.count_nonzero((s.times > at - window) & (s.times <= at)))
        pers_notes.append(f"{s.source} on {on}/{lists} lists")
    if float(terms.velocity[-1]) > 0:
        span = params.velocity_span * window
        vel_notes.append(f"climbing over the last {_fmt_age(span).removesuffix(' ago')}")
    n = len(cur_notes)
    reach_note = f"{n} platforms; {strongest} strongest" if n > 1 else "one platform"
    return (
        HeatPart("current", round(float(terms.current[-1]), 3), "; ".join(cur_notes)),
        HeatPart("persistence", round(float(terms.persistence[-1]), 3), "; ".join(pers_notes)),
        HeatPart("velocity", round(float(terms.velocity[-1]), 3), "; ".join(vel_notes)),
        HeatPart("reach", round(float(terms.reach[-1]), 3), reach_note),
    )


def score_board(
    observations: Sequence[Observation],
    snapshots: Sequence[SnapshotMeta],
    at: datetime,
    window: timedelta,
    first_seen: Mapping[str, datetime],
    params: HeatParams = DEFAULT_PARAMS,
) -> list[EventHeat]:
    """Every event with an observation in the inputs, hottest first, as the board stood at ``at``.

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
    grid, lookback, first_judged = grid_for(0.0, w, params)
    out: list[EventHeat] = []
    for event_id in sorted(by_event):
        series = by_event[event_id]
        earliest = min(float(s.times[0]) for s in series)
        seen = first_seen.get(event_id)
        fs = (seen - at).total_seconds() if seen is not None else earliest
        fs = min(fs, earliest)
        terms = evaluate(series, clocks, grid, w, params)
        reading = read_trend(
            grid, terms, fs, gone_since(series, clocks, 0.0, w, params), lookback, first_judged, params
        )
        parts = _parts(series, clocks, terms, w, params)
        heat = round(sum(p.value for p in parts), 3)
        sources = tuple(s.source for s in series if float(terms.per_source[s.source][-1]) > 0)
        out.append(
            EventHeat(
                event_id=event_id,
                heat=heat,
                parts=parts,
                sources=sources,
                first_seen=at + timedelta(seconds=fs),
                trend=reading.state,
                trend_since=None if reading.since is None else at + timedelta(seconds=reading.since),
            )
        )
    out.sort(key=lambda e: (-e.heat, e.event_id))
    return out


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
    if step.total_seconds() <= 0:
        raise ValueError("step must be positive")
    if end < start:
        return []
    count = int((end - start) / step) + 1
    instants = [start + i * step for i in range(count)]
    clocks, by_event = build_series(observations, snapshots, end)
    grid = np.array([(t - end).total_seconds() for t in instants], dtype=np.float64)
    total = np.zeros(count)
    for event_id in sorted(by_event):
        total += evaluate(by_event[event_id], clocks, grid, window.total_seconds(), params).heat
    return [(t, round(float(v), 3)) for t, v in zip(instants, total, strict=True)]
