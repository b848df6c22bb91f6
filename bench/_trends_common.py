"""What the early-warning evaluation and training share: the day files, title streams, scoring.

The issue's definitions, in one place:

* a *climber* is a title first seen below rank 10, at least 30 minutes into the day's data, that
  later reaches rank <= 10;
* recall = climbers flagged no later than the minute they enter the top 10;
* precision = titles flagged while below the top 10 that later reach it, over all titles flagged;
* lead = minutes between the flag and the entry into the top 10 (median over recalled climbers).

Titles are compared by match key (:func:`redian.text.match_key`), so ``#话题#`` and ``话题`` are one.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from redian.collect import read_records
from redian.text import clean_title, match_key
from redian.types import Observation, Snapshot

ROOT = Path(__file__).resolve().parent.parent
MINUTELY = ROOT.parent / "shared" / "data" / "streams" / "weibo_minutely"
#: days the shipped model was trained on; the others are held out (see bench/train_warning.py)
TRAIN_DAYS = ("2022-01-12", "2022-01-14", "2023-10-01")
TOP = 10
WARMUP = timedelta(minutes=30)


def day_files() -> list[Path]:
    if not MINUTELY.is_dir():
        raise SystemExit(f"{MINUTELY} not found: this evaluation needs ../shared")
    return sorted(MINUTELY.glob("*.json.gz"))


def day_name(path: Path) -> str:
    return path.name.split(".")[0]


@dataclass(frozen=True, slots=True)
class Frame:
    """One list with its items as title-keyed observations (best rank per key)."""

    at: datetime
    observations: tuple[Observation, ...]


def frames(path: Path) -> list[Frame]:
    """A day of per-minute snapshots as title-keyed frames, in time order."""
    _, _, records = read_records(path, "kfstorm")
    snaps = sorted((r for r in records if isinstance(r, Snapshot)), key=lambda s: s.taken_at)
    out: list[Frame] = []
    for snap in snaps:
        best: dict[str, Observation] = {}
        size = len(snap.items)
        for item in snap.items:
            key = match_key(item.title) or clean_title(item.title)
            prev = best.get(key)
            if prev is None or item.rank < prev.rank:
                best[key] = Observation(key, snap.source, snap.taken_at, item.rank, item.hot, size)
        out.append(Frame(snap.taken_at, tuple(best.values())))
    return out


@dataclass(frozen=True, slots=True)
class Truth:
    start: datetime
    first_seen: dict[str, datetime]
    first_rank: dict[str, int]
    entry: dict[str, datetime]  # first time at rank <= TOP

    @property
    def climbers(self) -> list[str]:
        return sorted(
            k
            for k, t in self.first_seen.items()
            if self.first_rank[k] > TOP and t >= self.start + WARMUP and k in self.entry
        )


def truth(day: Sequence[Frame]) -> Truth:
    first_seen: dict[str, datetime] = {}
    first_rank: dict[str, int] = {}
    entry: dict[str, datetime] = {}
    for frame in day:
        for o in frame.observations:
            if o.event_id not in first_seen:
                first_seen[o.event_id] = frame.at
                first_rank[o.event_id] = o.rank
            if o.rank <= TOP and o.event_id not in entry:
                entry[o.event_id] = frame.at
    return Truth(day[0].at, first_seen, first_rank, entry)


@dataclass(frozen=True, slots=True)
class Score:
    flags: int
    correct: int
    climbers: int
    recalled: int
    leads: tuple[float, ...]

    @property
    def precision(self) -> float:
        return self.correct / self.flags if self.flags else 0.0

    @property
    def recall(self) -> float:
        return self.recalled / self.climbers if self.climbers else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def median_lead(self) -> float:
        return statistics.median(self.leads) if self.leads else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.flags + other.flags,
            self.correct + other.correct,
            self.climbers + other.climbers,
            self.recalled + other.recalled,
            self.leads + other.leads,
        )

    def row(self) -> str:
        return (
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"median lead {self.median_lead:5.1f} min  ({self.flags} flags, {self.climbers} climbers)"
        )


EMPTY = Score(0, 0, 0, 0, ())


def score(flags: dict[str, datetime], t: Truth) -> Score:
    """``flags``: first flag time per title, raised while the title was below the top."""
    correct = sum(1 for k, at in flags.items() if k in t.entry and t.entry[k] > at)
    leads = []
    for k in t.climbers:
        at = flags.get(k)
        if at is not None and at <= t.entry[k]:
            leads.append((t.entry[k] - at).total_seconds() / 60)
    return Score(len(flags), correct, len(t.climbers), len(leads), tuple(leads))


Detector = Callable[[Frame], Iterator[str]]


def run(day: Sequence[Frame], make: Callable[[], Detector]) -> dict[str, datetime]:
    """Replay one day through a fresh detector; first flag time per title."""
    detect = make()
    flags: dict[str, datetime] = {}
    for frame in day:
        for key in detect(frame):
            flags.setdefault(key, frame.at)
    return flags


class NaiveRule:
    """The baseline from the issue: rank jumped >= K places or hot grew >= G times within W minutes."""

    def __init__(self, k: int, g: float, w: int) -> None:
        self.k, self.g, self.w = k, g, w
        self.history: dict[str, list[tuple[datetime, int, float]]] = {}
        self.done: set[str] = set()

    def __call__(self, frame: Frame) -> Iterator[str]:
        span = timedelta(minutes=self.w, seconds=5)
        for o in frame.observations:
            hist = self.history.setdefault(o.event_id, [])
            hist.append((frame.at, o.rank, o.hot or 0.0))
            while hist and frame.at - hist[0][0] > span:
                hist.pop(0)
            if o.rank <= TOP:
                self.done.add(o.event_id)
            if o.event_id in self.done or len(hist) < 2:
                continue
            _, r0, h0 = hist[0]
            if r0 - o.rank >= self.k or (h0 > 0 and (o.hot or 0.0) / h0 >= self.g):
                self.done.add(o.event_id)
                yield o.event_id
