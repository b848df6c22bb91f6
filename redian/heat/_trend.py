"""Trend states read off an event's heat curve: new, rising, peak, falling, gone.

The state at an instant uses only the curve up to that instant, so the state a board showed at
21:00 never changes when later lists arrive.  ``since`` is the first grid instant of the
current run of the same state (None when the run covers the whole look-back: it began earlier).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from redian.heat._score import FloatArray, HeatParams, Terms
from redian.types import Trend

__all__ = ["TrendReading", "read_trend"]


@dataclass(frozen=True, slots=True)
class TrendReading:
    state: Trend
    since: float | None  # seconds on the grid's reference


def _state_at(
    i: int, grid: FloatArray, terms: Terms, first_seen: float, lookback: int, params: HeatParams
) -> Trend | None:
    """State at grid point ``i``; None before the event existed."""
    g = float(grid[i])
    if first_seen > g:
        return None
    if bool(terms.gone[i]):
        return "gone"
    if g - first_seen < params.new_for.total_seconds():
        return "new"
    h = terms.heat
    before = float(h[max(0, i - lookback)])
    now = float(h[i])
    margin = max(params.rise_min, params.rise_ratio * before)
    if now - before > margin:
        return "rising"
    top = float(h[: i + 1].max())
    if now < params.fall_ratio * top or now - before < -margin:
        return "falling"
    return "peak"


def read_trend(
    grid: FloatArray,
    terms: Terms,
    first_seen: float,
    gone_at: float | None,
    lookback: int,
    first_judged: int,
    params: HeatParams,
) -> TrendReading:
    """State at the last grid point and when it began.

    ``grid`` is increasing and ends at the board instant; points before ``first_judged`` only
    serve as history (the look-back and the running maximum) and are never themselves judged.
    """
    last = len(grid) - 1
    state = _state_at(last, grid, terms, first_seen, lookback, params)
    if state is None:  # no appearance yet at the board instant: nothing on the board to judge
        return TrendReading("gone", None)
    if state == "new":
        return TrendReading("new", first_seen)
    if state == "gone":
        return TrendReading("gone", gone_at)
    i = last
    while i - 1 >= first_judged and _state_at(i - 1, grid, terms, first_seen, lookback, params) == state:
        i -= 1
    if i - 1 < first_judged:
        return TrendReading(state, None)
    return TrendReading(state, float(grid[i]))


def grid_for(at: float, window: float, params: HeatParams) -> tuple[FloatArray, int, int]:
    """Instants (increasing, ending at ``at``) on which the board reads trends.

    Returns (grid, look-back in steps, index of the first point judged): one window of judged
    points preceded by one look-back of history.
    """
    step = max(60.0, params.trend_step * window)
    lookback = max(1, round(params.trend_lookback * window / step))
    judged = max(1, round(window / step))
    count = judged + lookback
    grid = at - step * np.arange(count, -1, -1, dtype=np.float64)
    return grid, lookback, lookback
