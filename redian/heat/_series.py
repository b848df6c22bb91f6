"""From loose observations to sorted per-(event, source) arrays: the one place inputs are cleaned.

Everything the heat formula reads goes through :func:`build_series`, which makes the numbers
independent of input order and of re-ingest: duplicate snapshots collapse to one, an event seen
twice in one snapshot (two headlines merged into one story) keeps its best line, and every
array is sorted by time.  Times become float seconds relative to a reference instant so the
arithmetic is plain numpy.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

from redian.types import Observation, SnapshotMeta

__all__ = ["EventSeries", "SourceClock", "build_series", "strength"]

FloatArray = npt.NDArray[np.float64]

#: rank^-RANK_EXPONENT is the rank term: 1 at #1, 0.32 at #10, 0.14 at #50; it does not depend on
#: list length, so #10 means the same on a top-10 and on a top-50 list.
RANK_EXPONENT = 0.5


def strength(rank: int, hot: float | None, hot_max: float | None) -> float:
    """How strongly one appearance shows an event, on 0–1, comparable across platforms.

    Rank alone when the platform gives no hot value (daily archives, some feeds); otherwise the
    mean of the rank term and ``sqrt(hot / hot_max)``, the hot value normalized by the top of
    the same list, so Weibo's millions and Baidu's indices land on the same scale.  The square
    root keeps a runaway #1 from flattening everything else (Weibo's hot values fall roughly as
    rank^-0.75, so the two terms agree on a typical list and differ where the platform's own
    number says a gap is large).
    """
    rank_term: float = 1.0 / math.pow(max(1, rank), RANK_EXPONENT)
    if hot is None or hot_max is None or hot_max <= 0 or hot <= 0 or not math.isfinite(hot):
        return rank_term
    return 0.5 * rank_term + 0.5 * min(1.0, math.sqrt(hot / hot_max))


@dataclass(frozen=True, slots=True)
class SourceClock:
    """When one source published lists (sorted seconds), whether or not a given event was on them."""

    source: str
    times: FloatArray


@dataclass(frozen=True, slots=True)
class EventSeries:
    """One event on one source: appearance times (sorted, unique), strengths and ranks."""

    event_id: str
    source: str
    times: FloatArray
    strength: FloatArray
    ranks: npt.NDArray[np.int64]


def _seconds(moment: datetime, ref: datetime) -> float:
    return (moment - ref).total_seconds()


def build_series(
    observations: Iterable[Observation], snapshots: Sequence[SnapshotMeta], ref: datetime
) -> tuple[dict[str, SourceClock], dict[str, list[EventSeries]]]:
    """Per-source publication clocks and per-event series, both independent of input order.

    A snapshot missing from ``snapshots`` but implied by an observation is added to its source's
    clock: an event cannot appear on a list that was never published.  ``hot_max`` comes from the
    snapshot record when the store filled it, else from the largest hot value among the passed
    observations of that snapshot when there are at least two of them (one alone would normalize
    to itself and always look like #1).
    """
    obs = list(observations)
    clock: dict[str, set[float]] = defaultdict(set)
    hot_max: dict[tuple[str, float], float] = {}
    for meta in snapshots:
        t = _seconds(meta.at, ref)
        clock[meta.source].add(t)
        if meta.hot_max is not None and meta.hot_max > 0:
            key = (meta.source, t)
            hot_max[key] = max(hot_max.get(key, 0.0), meta.hot_max)
    peers: dict[tuple[str, float], list[float]] = defaultdict(list)
    for o in obs:
        t = _seconds(o.at, ref)
        clock[o.source].add(t)
        if o.hot is not None and o.hot > 0 and math.isfinite(o.hot):
            peers[(o.source, t)].append(o.hot)
    for key, values in peers.items():
        if key not in hot_max and len(values) >= 2:
            hot_max[key] = max(values)

    best: dict[tuple[str, str, float], tuple[float, int]] = {}
    for o in obs:
        t = _seconds(o.at, ref)
        p = strength(o.rank, o.hot, hot_max.get((o.source, t)))
        slot = (o.event_id, o.source, t)
        prev = best.get(slot)
        if prev is None or (p, -o.rank) > (prev[0], -prev[1]):
            best[slot] = (p, o.rank)

    grouped: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for (event_id, source, t), (p, rank) in best.items():
        grouped[(event_id, source)].append((t, p, rank))
    series: dict[str, list[EventSeries]] = defaultdict(list)
    for (event_id, source), rows in sorted(grouped.items()):
        rows.sort()
        series[event_id].append(
            EventSeries(
                event_id,
                source,
                np.array([r[0] for r in rows], dtype=np.float64),
                np.array([r[1] for r in rows], dtype=np.float64),
                np.array([r[2] for r in rows], dtype=np.int64),
            )
        )
    clocks = {s: SourceClock(s, np.array(sorted(ts), dtype=np.float64)) for s, ts in sorted(clock.items())}
    return clocks, dict(series)
