"""The heat formula, evaluated for one event at many instants at once (see docs/heat.md).

For each source ``s`` the event appeared on, with ``p`` the strength of an appearance
(:func:`redian.heat._series.strength`, 0–1), ``h`` the half-life and ``W`` the window::

    current_s     = p(last appearance in the window) · 2^(−age/h)
    persistence_s = Σ 2^(−(a−t)/h)·p(t) / Σ 2^(−(a−t)/h)   over the source's lists t in (a−W, a]
    H_s           = 100 · (α · current_s + (1−α) · persistence_s)
    velocity_s    = 100 · β · max(0, p(latest list) − p(list one span earlier)) · 2^(−age of list/h)
    heat          = Σ H_s + Σ velocity_s + ρ · (Σ H_s − max H_s)

The persistence denominator runs over every list the source published, so absence counts: an
event on 3 of Weibo's 60 lists in the last hour scores 5 %, not 100 %.  Dividing by the source's
own publication weight makes a per-minute source and a once-a-day archive weigh the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt

from redian.heat._series import EventSeries, SourceClock

__all__ = ["HeatParams", "Terms", "evaluate", "gone_since"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class HeatParams:
    """Tunable constants of the heat formula and trend states, with the documented defaults.

    Durations given as fractions are fractions of the board window, so a 24 h board and a
    7-day board behave alike; ``gone_after`` and ``new_for`` are absolute because they are about
    how fast a list changes, not about the board.
    """

    current_weight: float = 0.5  # α: where it stands now vs how steadily it stood
    velocity_weight: float = 0.3  # β: bonus for climbing, per source
    reach_bonus: float = 0.25  # ρ: extra for every platform beyond the strongest one
    half_life: float = 1 / 6  # of the window: 4 h on a 24 h board
    velocity_span: float = 1 / 24  # of the window: 1 h on a 24 h board
    gone_after: timedelta = timedelta(minutes=30)  # absent this long (on every list since): gone
    new_for: timedelta = timedelta(hours=1)  # first seen this recently: new
    trend_step: float = 1 / 48  # of the window: grid on which trend states are read
    trend_lookback: float = 1 / 24  # of the window: compare heat now with heat this long ago
    rise_min: float = 3.0  # heat points a rise must gain over the lookback (and 10 %)
    rise_ratio: float = 0.10
    fall_ratio: float = 0.80  # below this share of its window maximum: falling


@dataclass(frozen=True, slots=True)
class Terms:
    """The heat and its named parts at each requested instant (arrays of the same length)."""

    heat: FloatArray
    current: FloatArray
    persistence: FloatArray
    velocity: FloatArray
    reach: FloatArray
    per_source: dict[str, FloatArray]  # H_s
    present: FloatArray  # 1.0 where the event appeared in (a − W, a] on some source
    gone: npt.NDArray[np.bool_]


def _index_le(times: FloatArray, at: FloatArray) -> npt.NDArray[np.int64]:
    """Index of the last element ≤ each instant (−1 when none)."""
    return np.searchsorted(times, at, side="right").astype(np.int64) - 1


def _window_sum(times: FloatArray, weighted_cum: FloatArray, lo: FloatArray, hi: FloatArray) -> FloatArray:
    """Σ of weights over ``times`` in (lo, hi] from a prefix sum with a leading zero."""
    i_hi = np.searchsorted(times, hi, side="right")
    i_lo = np.searchsorted(times, lo, side="right")
    return np.asarray(weighted_cum[i_hi] - weighted_cum[i_lo], dtype=np.float64)


def evaluate(
    series: Sequence[EventSeries],
    clocks: dict[str, SourceClock],
    at: FloatArray,
    window: float,
    params: HeatParams,
) -> Terms:
    """Heat of one event at each instant of ``at`` (seconds on the same reference as the series)."""
    n = len(at)
    half_life = max(1.0, params.half_life * window)
    span = params.velocity_span * window
    gone_after = params.gone_after.total_seconds()
    lo = at - window
    # weights 2^((t − ref)/h) are divided out per instant, so any fixed reference works; the
    # largest instant keeps the exponents ≤ 0 and the prefix sums well conditioned.
    ref = float(at.max()) if n else 0.0
    current = np.zeros(n)
    persistence = np.zeros(n)
    velocity = np.zeros(n)
    present = np.zeros(n)
    gone = np.ones(n, dtype=bool)
    per_source: dict[str, FloatArray] = {}
    for s in series:
        clock = clocks[s.source].times
        cw = np.concatenate(([0.0], np.cumsum(np.exp2((clock - ref) / half_life))))
        ew = np.concatenate(([0.0], np.cumsum(np.exp2((s.times - ref) / half_life) * s.strength)))
        denom = _window_sum(clock, cw, lo, at)
        numer = _window_sum(s.times, ew, lo, at)
        pers = np.divide(numer, denom, out=np.zeros(n), where=denom > 0)

        i_last = _index_le(s.times, at)
        seen = i_last >= 0
        t_last = np.where(seen, s.times[np.maximum(i_last, 0)], -np.inf)
        in_window = seen & (t_last > lo)
        p_last = np.where(in_window, s.strength[np.maximum(i_last, 0)], 0.0)
        cur = p_last * np.exp2(np.minimum(0.0, t_last - at) / half_life)
        cur = np.where(in_window, cur, 0.0)

        # latest list of this source and the list one span before it: was the event climbing?
        i_clock = _index_le(clock, at)
        has_clock = i_clock >= 0
        t_now = np.where(has_clock, clock[np.maximum(i_clock, 0)], -np.inf)
        p_now = np.where(in_window & (t_last == t_now), p_last, 0.0)
        i_prev_clock = _index_le(clock, t_now - span)
        t_prev = np.where(i_prev_clock >= 0, clock[np.maximum(i_prev_clock, 0)], -np.inf)
        i_prev = _index_le(s.times, t_prev)
        p_prev = np.where(
            (i_prev >= 0) & (s.times[np.maximum(i_prev, 0)] == t_prev), s.strength[np.maximum(i_prev, 0)], 0.0
        )
        # no earlier list to compare with: unknown, not a climb; an old rise fades like `current`
        fade = np.exp2(np.minimum(0.0, t_now - at) / half_life)
        vel = 100.0 * params.velocity_weight * np.maximum(0.0, p_now - p_prev) * fade
        vel = np.where(in_window & (i_prev_clock >= 0), vel, 0.0)

        h_s = 100.0 * (params.current_weight * cur + (1 - params.current_weight) * pers)
        per_source[s.source] = h_s
        current += 100.0 * params.current_weight * cur
        persistence += 100.0 * (1 - params.current_weight) * pers
        velocity += vel
        present = np.maximum(present, in_window.astype(np.float64))
        # gone on this source: a list published ≥ gone_after after the last appearance lacks it
        gone_here = ~in_window | (
            np.where(in_window, t_now - np.where(in_window, t_last, 0.0), 0.0) >= gone_after
        )
        gone &= gone_here | ~seen
    if per_source:
        stacked = np.vstack(list(per_source.values()))
        reach = params.reach_bonus * (stacked.sum(axis=0) - stacked.max(axis=0))
    else:
        reach = np.zeros(n)
    heat = current + persistence + velocity + reach
    return Terms(heat, current, persistence, velocity, reach, per_source, present, gone)


def gone_since(
    series: Sequence[EventSeries],
    clocks: dict[str, SourceClock],
    at: float,
    window: float,
    params: HeatParams,
) -> float | None:
    """When absence became known: the latest, over sources, of the first list that proved it."""
    gone_after = params.gone_after.total_seconds()
    moments: list[float] = []
    for s in series:
        idx = int(np.searchsorted(s.times, at, side="right")) - 1
        if idx < 0:
            continue
        last = float(s.times[idx])
        clock = clocks[s.source].times
        j = int(np.searchsorted(clock, last + gone_after, side="left"))
        proof = float(clock[j]) if j < len(clock) and clock[j] <= at else last + window
        moments.append(min(proof, last + window))
    return max(moments) if moments else None
