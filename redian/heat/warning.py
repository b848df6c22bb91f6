"""Early warning: flag an event as rising while it is still below the top of a list.

The detector is online.  It is fed each list in time order (:meth:`RisingDetector.update`) and
keeps, per (source, event), only the last half hour of ranks and hot values plus a few
running facts (first seen, first rank, largest hot value).  Nothing it decides at time ``t``
depends on a list published after ``t``: truncating the future leaves every earlier flag as it
was.

For every event below the top (never yet inside it) it reads twelve features — the log gap
between its hot value and the hot value at the last top position, its growth and rank gain
over 3, 10 and 30 minutes, how the top's threshold itself moved, its age, rank, first rank and
its fall from its own maximum — and a small gradient-boosted model (``bench/train_warning.py``,
trained on replayed Weibo per-minute days, shipped as ``redian/models/heat_warning.json``)
turns them into the probability that the event will still reach the top.  The event is flagged
the first time that probability reaches ``1 − sensitivity``.

Lists without hot values (daily archives, some feeds) get a rank-implied hot value
(``1e6 · rank^-0.75``, the shape of a Weibo list) so the same model applies, with less to go on.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib import resources
from operator import itemgetter

import numpy as np
import numpy.typing as npt

from redian.types import Observation

__all__ = [
    "FEATURE_NAMES",
    "Candidate",
    "RisingDetector",
    "RisingFlag",
    "WarningModel",
    "WarningParams",
    "default_model",
]

FEATURE_NAMES = (
    "gap",  # ln(hot at the last top position / own hot)
    "growth_3m",  # Δ ln hot per 10 minutes, over 3, 10 and 30 minutes
    "rank_gain_3m",  # places gained per minute over the same spans
    "growth_10m",
    "rank_gain_10m",
    "growth_30m",
    "rank_gain_30m",
    "top_drift_10m",  # Δ ln of the top threshold over 10 minutes
    "log_age",  # ln(1 + minutes since first seen)
    "log_rank",
    "log_first_rank",
    "drop_from_max",  # ln(largest hot value so far / own hot)
    "presence_30m",  # share of the last 30 minutes' lists it was on
    "log_best_rank",  # ln(best rank so far)
)
_HISTORY = 31 * 60.0  # seconds of ranks kept per event: enough for the 30-minute features


@dataclass(frozen=True, slots=True)
class WarningParams:
    """``sensitivity`` in (0, 1): higher flags more and earlier, with more false alarms."""

    sensitivity: float = 0.45
    top: int = 10  # "the top" of a list: events inside it are no longer warned about

    def __post_init__(self) -> None:
        if not 0.0 < self.sensitivity < 1.0:
            raise ValueError("sensitivity must be between 0 and 1 (exclusive)")
        if self.top < 1:
            raise ValueError("top must be at least 1")


@dataclass(frozen=True, slots=True)
class RisingFlag:
    """An early warning: ``event_id`` was judged rising at ``at`` while at ``rank`` on ``source``."""

    event_id: str
    source: str
    at: datetime
    rank: int
    probability: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """One event below the top of one list at one moment, with the features the model reads."""

    event_id: str
    source: str
    at: datetime
    rank: int
    features: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class WarningModel:
    """Gradient-boosted trees as flat arrays (one row per tree, padded): evaluated with numpy."""

    baseline: float
    feature: npt.NDArray[np.int64]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.int64]
    right: npt.NDArray[np.int64]
    leaf: npt.NDArray[np.bool_]
    value: npt.NDArray[np.float64]
    depth: int

    @classmethod
    def from_json(cls, text: str) -> WarningModel:
        doc = json.loads(text)
        if tuple(doc["features"]) != FEATURE_NAMES:
            raise ValueError("warning model was trained on other features")
        trees = doc["trees"]
        width = max(len(t["feature"]) for t in trees)

        def pad(key: str, fill: float, dtype: type) -> npt.NDArray[np.generic]:
            return np.array([t[key] + [fill] * (width - len(t[key])) for t in trees], dtype=dtype)

        return cls(
            baseline=float(doc["baseline"]),
            feature=pad("feature", 0, np.int64).astype(np.int64),
            threshold=pad("threshold", 0.0, np.float64).astype(np.float64),
            left=pad("left", 0, np.int64).astype(np.int64),
            right=pad("right", 0, np.int64).astype(np.int64),
            leaf=pad("leaf", 1, np.bool_).astype(np.bool_),
            value=pad("value", 0.0, np.float64).astype(np.float64),
            depth=int(doc["depth"]),
        )

    def probability(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """P(reaches the top) for each row of ``features`` (shape rows × len(FEATURE_NAMES))."""
        rows = features.shape[0]
        if rows == 0:
            return np.zeros(0)
        trees = self.feature.shape[0]
        tree_idx = np.broadcast_to(np.arange(trees), (rows, trees))
        row_idx = np.broadcast_to(np.arange(rows)[:, None], (rows, trees))
        node = np.zeros((rows, trees), dtype=np.int64)
        for _ in range(self.depth):
            f = self.feature[tree_idx, node]
            x = features[row_idx, f]
            nxt = np.where(
                x <= self.threshold[tree_idx, node], self.left[tree_idx, node], self.right[tree_idx, node]
            )
            node = np.where(self.leaf[tree_idx, node], node, nxt)
        raw = self.baseline + self.value[tree_idx, node].sum(axis=1)
        return np.asarray(1.0 / (1.0 + np.exp(-raw)), dtype=np.float64)


@cache
def default_model() -> WarningModel:
    """The shipped model, read once (read-only afterwards)."""
    text = resources.files("redian").joinpath("models/heat_warning.json").read_text(encoding="utf-8")
    return WarningModel.from_json(text)


def _pseudo_hot(rank: int) -> float:
    return 1e6 / math.pow(max(1, rank), 0.75)


@dataclass(slots=True)
class _Track:
    """What the detector remembers about one event on one source."""

    first_seen: float
    first_rank: int
    max_hot: float = 0.0
    best_rank: int = 1_000_000
    reached_top: bool = False
    flagged: bool = False
    history: deque[tuple[float, int, float]] = field(default_factory=deque)  # (t, rank, hot)


def _back(
    history: Sequence[tuple[float, float]] | deque[tuple[float, int, float]], now: float, minutes: int
) -> int:
    """Index of the latest point at least ``minutes`` old (5 s slack), else the oldest kept."""
    return max(0, bisect_right(history, now - minutes * 60 + 5, key=itemgetter(0)) - 1)


class RisingDetector:
    """Online early warning over any number of sources; feed lists in time order per source."""

    def __init__(self, params: WarningParams | None = None, model: WarningModel | None = None) -> None:
        self.params = params or WarningParams()
        self._model = model
        self._tracks: dict[tuple[str, str], _Track] = {}
        self._top_hot: dict[str, deque[tuple[float, float]]] = {}
        self._last: dict[str, float] = {}

    @property
    def model(self) -> WarningModel:
        if self._model is None:
            self._model = default_model()
        return self._model

    def candidates(self, source: str, at: datetime, observations: Iterable[Observation]) -> list[Candidate]:
        """Record one list and return the features of its events still below the top.

        Used by :meth:`update` and by the training script, so training and use read the same
        numbers.  Lists must come in time order per source; an older or repeated list is ignored.
        """
        now = at.timestamp()
        if now <= self._last.get(source, -math.inf):
            return []
        self._last[source] = now
        best: dict[str, tuple[int, float]] = {}
        for o in observations:
            hot = o.hot if o.hot is not None and o.hot > 0 else _pseudo_hot(o.rank)
            prev = best.get(o.event_id)
            if prev is None or o.rank < prev[0]:
                best[o.event_id] = (o.rank, hot)
        top = self.params.top
        inside = [h for r, h in best.values() if r <= top]
        at_top = [h for r, h in best.values() if r == top]
        threshold = at_top[0] if at_top else (min(inside) if inside else _pseudo_hot(top))
        top_hist = self._top_hot.setdefault(source, deque())
        top_hist.append((now, threshold))
        while top_hist and top_hist[0][0] < now - _HISTORY:
            top_hist.popleft()
        top_before = top_hist[_back(top_hist, now, 10)][1]

        out: list[Candidate] = []
        for event_id in sorted(best):
            rank, hot = best[event_id]
            track = self._tracks.get((source, event_id))
            if track is None:
                track = self._tracks[(source, event_id)] = _Track(now, rank)
            track.history.append((now, rank, hot))
            while track.history and track.history[0][0] < now - _HISTORY:
                track.history.popleft()
            track.max_hot = max(track.max_hot, hot)
            track.best_rank = min(track.best_rank, rank)
            if rank <= top:
                track.reached_top = True
            if track.reached_top:
                continue
            feats: list[float] = [math.log(threshold / hot)]
            for minutes in (3, 10, 30):
                t0, r0, h0 = track.history[_back(track.history, now, minutes)]
                dt = max(1.0, (now - t0) / 60)
                feats.append(math.log(hot / h0) / dt * 10)
                feats.append((r0 - rank) / dt)
            feats.append(math.log(threshold / top_before))
            feats.append(math.log1p((now - track.first_seen) / 60))
            feats.append(math.log(rank))
            feats.append(math.log(track.first_rank))
            feats.append(math.log(track.max_hot / hot))
            lists = sum(1 for t, _ in top_hist if t >= max(track.first_seen, now - 30 * 60))
            feats.append(len(track.history) / max(1, lists) if lists else 1.0)
            feats.append(math.log(track.best_rank))
            out.append(Candidate(event_id, source, at, rank, tuple(feats)))
        return out

    def update(self, source: str, at: datetime, observations: Iterable[Observation]) -> list[RisingFlag]:
        """Take one list; return the events flagged rising at this moment (each at most once)."""
        fresh = [
            c
            for c in self.candidates(source, at, observations)
            if not self._tracks[(source, c.event_id)].flagged
        ]
        if not fresh:
            return []
        probs = self.model.probability(np.array([c.features for c in fresh], dtype=np.float64))
        cut = 1.0 - self.params.sensitivity
        flags: list[RisingFlag] = []
        for cand, p in zip(fresh, probs, strict=True):
            if p >= cut:
                self._tracks[(source, cand.event_id)].flagged = True
                flags.append(RisingFlag(cand.event_id, source, at, cand.rank, round(float(p), 4)))
        return flags

    def forget_before(self, at: datetime) -> None:
        """Drop events last seen before ``at`` (bounded memory on long replays)."""
        limit = at.timestamp()
        stale = [k for k, t in self._tracks.items() if not t.history or t.history[-1][0] < limit]
        for key in stale:
            del self._tracks[key]
