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
    """Heat and its parts for E events at G instants (arrays E × G), and H_s per series (S × G)."""

    heat: FloatArray
    current: FloatArray
    persistence: FloatArray
    velocity: FloatArray
    reach: FloatArray
    per_series: FloatArray  # H_s, rows in the order of the flattened series
    gone: npt.NDArray[np.bool_]


#: series are laid end to end on one axis, each shifted by its index times this many seconds, so
#: one searchsorted answers every (series, instant) query; inputs span far less than this
_LANE = 1e8


def evaluate(
    events: Sequence[Sequence[EventSeries]],
    clocks: dict[str, SourceClock],
    at: FloatArray,
    window: float,
    params: HeatParams,
) -> Terms:
    """Heat of every event at each instant of ``at`` (seconds on the same reference as the series).

    Vectorized over events and instants: a board of a thousand events is a few dozen numpy calls.
    """
    flat = [s for ev in events for s in ev]
    n_events, n_series, g = len(events), len(flat), len(at)
    half_life = max(1.0, params.half_life * window)
    span = params.velocity_span * window
    gone_after = params.gone_after.total_seconds()
    lo = at - window
    # weights 2^((t − ref)/h) cancel in every ratio, so any fixed reference works; the largest
    # instant keeps the exponents ≤ 0 and the prefix sums well conditioned
    ref = float(at.max()) if g else 0.0
    if n_series == 0 or g == 0:
        zero = np.zeros((n_events, g))
        return Terms(
            zero, zero, zero, zero, zero, np.zeros((n_series, g)), np.ones((n_events, g), dtype=bool)
        )

    # -- per source: publication weight in the window, latest list, list one span before it --
    names = sorted({s.source for s in flat})
    denom_src = np.zeros((len(names), g))
    t_now_src = np.full((len(names), g), -np.inf)
    t_prev_src = np.full((len(names), g), -np.inf)
    for i, name in enumerate(names):
        clock = clocks[name].times
        cw = np.concatenate(([0.0], np.cumsum(np.exp2((clock - ref) / half_life))))
        hi_idx = np.searchsorted(clock, at, side="right")
        denom_src[i] = cw[hi_idx] - cw[np.searchsorted(clock, lo, side="right")]
        has = hi_idx > 0
        t_now_src[i] = np.where(has, clock[np.maximum(hi_idx - 1, 0)], -np.inf)
        prev_idx = np.searchsorted(clock, t_now_src[i] - span, side="right") - 1
        t_prev_src[i] = np.where(has & (prev_idx >= 0), clock[np.maximum(prev_idx, 0)], -np.inf)
    src = np.array([names.index(s.source) for s in flat])
    denom, t_now, t_prev = denom_src[src], t_now_src[src], t_prev_src[src]

    # -- all series end to end ---------------------------------------------------------------
    lengths = np.array([len(s.times) for s in flat])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    times = np.concatenate([s.times for s in flat])
    strength = np.concatenate([s.strength for s in flat])
    lane = np.repeat(np.arange(n_series) * _LANE, lengths)
    keyed = times + lane
    offset = (np.arange(n_series) * _LANE)[:, None]
    first = starts[:, None]

    def last_le(instants: FloatArray) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
        """Per (series, instant): index of its last appearance ≤ the instant, and whether there is one."""
        idx = (
            np.searchsorted(keyed, np.where(np.isfinite(instants), instants, -_LANE / 2) + offset, "right")
            - 1
        )
        return np.maximum(idx, 0), idx >= first

    cum = np.concatenate(([0.0], np.cumsum(np.exp2((times - ref) / half_life) * strength)))
    numer = (
        cum[np.searchsorted(keyed, at + offset, "right")] - cum[np.searchsorted(keyed, lo + offset, "right")]
    )
    pers = np.divide(numer, denom, out=np.zeros((n_series, g)), where=denom > 0)

    i_last, seen = last_le(np.broadcast_to(at, (n_series, g)))
    t_last = np.where(seen, times[i_last], -np.inf)
    in_window = seen & (t_last > lo)
    p_last = np.where(in_window, strength[i_last], 0.0)
    age = np.where(in_window, at - t_last, 0.0)
    cur = p_last * np.exp2(-np.maximum(0.0, age) / half_life)

    # climbing since the list one span before the latest (nothing known without such a list)
    p_now = np.where(in_window & (t_last == t_now), p_last, 0.0)
    i_prev, had = last_le(t_prev)
    p_prev = np.where(had & (times[i_prev] == t_prev), strength[i_prev], 0.0)
    fade = np.exp2(np.minimum(0.0, np.where(np.isfinite(t_now), t_now - at, 0.0)) / half_life)
    vel = 100.0 * params.velocity_weight * np.maximum(0.0, p_now - p_prev) * fade
    vel = np.where(in_window & np.isfinite(t_prev), vel, 0.0)

    h_s = 100.0 * (params.current_weight * cur + (1 - params.current_weight) * pers)
    # gone on a source: a list published ≥ gone_after after its last appearance lacks it
    since_last = np.where(in_window, t_now - np.where(in_window, t_last, 0.0), 0.0)
    gone_s = (~in_window | (since_last >= gone_after)) | ~seen

    # -- per event ---------------------------------------------------------------------------
    bounds = np.cumsum([0] + [len(ev) for ev in events])[:-1]
    if any(len(ev) == 0 for ev in events):
        raise ValueError("an event without series")
    current = np.add.reduceat(100.0 * params.current_weight * cur, bounds, axis=0)
    persistence = np.add.reduceat(100.0 * (1 - params.current_weight) * pers, bounds, axis=0)
    velocity = np.add.reduceat(vel, bounds, axis=0)
    reach = params.reach_bonus * (
        np.add.reduceat(h_s, bounds, axis=0) - np.maximum.reduceat(h_s, bounds, axis=0)
    )
    gone = np.minimum.reduceat(gone_s.astype(np.int8), bounds, axis=0).astype(bool)
    heat = current + persistence + velocity + reach
    return Terms(heat, current, persistence, velocity, reach, h_s, gone)


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
