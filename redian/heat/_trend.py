"""Trend states read off an event's heat curve: new, rising, peak, falling, gone.

The state at an instant uses only the curve up to that instant, so the state a board showed at
21:00 never changes when later lists arrive.  ``since`` is the first grid instant of the
current run of the same state (None when the run covers the whole look-back: it began earlier).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from redian.heat._score import FloatArray, HeatParams, Terms
from redian.types import Trend

__all__ = ["STATES", "TrendReading", "grid_for", "read_trends", "state_codes"]


IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class TrendReading:
    state: Trend
    since: float | None  # seconds on the grid's reference


STATES: tuple[Trend, ...] = ("new", "rising", "peak", "falling", "gone")
_NONE = -1  # before the event existed


def state_codes(
    grid: FloatArray, terms: Terms, first_seen: FloatArray, lookback: int, params: HeatParams
) -> IntArray:
    """State code (index in ``STATES``; -1 before the event existed) of each event at each instant."""
    h = terms.heat - terms.velocity  # the level, not its bonus for climbing: a finished climb is no fall
    before = np.concatenate([np.repeat(h[:, :1], min(lookback, h.shape[1]), axis=1), h], axis=1)[
        :, : h.shape[1]
    ]
    margin = np.maximum(params.rise_min, params.rise_ratio * before)
    top = np.maximum.accumulate(h, axis=1)
    fs = first_seen[:, None]
    state = np.full(h.shape, 2, dtype=np.int64)  # peak
    state = np.where((h < params.fall_ratio * top) | (h - before < -margin), 3, state)
    state = np.where(h - before > margin, 1, state)
    state = np.where(grid[None, :] - fs < params.new_for.total_seconds(), 0, state)
    state = np.where(terms.gone, 4, state)
    return np.asarray(np.where(fs > grid[None, :], _NONE, state), dtype=np.int64)


def read_trends(
    grid: FloatArray,
    terms: Terms,
    first_seen: FloatArray,
    gone_at: Sequence[float | None],
    lookback: int,
    first_judged: int,
    params: HeatParams,
) -> list[TrendReading]:
    """Each event's state at the last grid point and when it began.

    ``grid`` is increasing and ends at the board instant; points before ``first_judged`` only
    serve as history (the look-back and the running maximum) and are never themselves judged.
    """
    states = state_codes(grid, terms, first_seen, lookback, params)
    out: list[TrendReading] = []
    last = len(grid) - 1
    for e in range(states.shape[0]):
        code = int(states[e, last])
        if code == _NONE:  # no appearance yet at the board instant
            out.append(TrendReading("gone", None))
            continue
        state = STATES[code]
        if state == "new":
            out.append(TrendReading("new", float(first_seen[e])))
            continue
        if state == "gone":
            out.append(TrendReading("gone", gone_at[e]))
            continue
        other = np.nonzero(states[e, first_judged:] != code)[0]
        if other.size == 0:
            out.append(TrendReading(state, None))
        else:
            out.append(TrendReading(state, float(grid[first_judged + int(other[-1]) + 1])))
    return out


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
