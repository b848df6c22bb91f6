"""`redian trends`: replay hot lists in time order through the events engine and the detector.

No store: a replay is a pure function of its input files, so scripts and evaluations can run
it on archives directly.  Each list is placed through the same events engine ingestion uses
(one event per story), its events' observations feed the early-warning detector as the list
arrives, and at the end the heat module reads each event's trend state over the last day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from redian.collect import Problem, read_records
from redian.errors import InputError
from redian.events import EventEngine, engine_or_default, follow_aliases
from redian.heat import score_board
from redian.heat.warning import RisingDetector, RisingFlag, WarningParams
from redian.text import clean_title, match_key
from redian.types import HeadlineIn, Observation, Snapshot, SnapshotMeta, Trend

__all__ = ["EventTrend", "TrendsReport", "load_snapshots", "replay", "trends"]

#: the window the final trend states are read over
STATE_WINDOW = timedelta(hours=24)
#: engines forget headlines not seen for this long; a replay keeps as much as ingestion does
_ENGINE_MEMORY = timedelta(hours=48)
_RETELL = 3600.0  # seconds: remind the engine of a known headline at most this often


@dataclass(frozen=True, slots=True)
class EventTrend:
    """One event of a replay (CONTRACT.md ``trends``)."""

    event_id: str
    titles: tuple[str, ...]  # display forms, in order of first appearance
    first_seen: datetime
    rising_at: datetime | None  # first early-warning flag, or None
    peak_at: datetime  # first time it stood at its best rank
    peak_rank: int
    state: Trend  # at the end of the replay


@dataclass(frozen=True, slots=True)
class TrendsReport:
    events: tuple[EventTrend, ...]  # in order of first appearance, then id
    flags: tuple[RisingFlag, ...]  # every early warning, in time order
    snapshots: int
    problems: tuple[Problem, ...]


def load_snapshots(paths: Sequence[str | Path], fmt: str) -> tuple[list[Snapshot], list[Problem]]:
    """Every snapshot in the files, with the lines that had to be skipped (InputError: unreadable file)."""
    snapshots: list[Snapshot] = []
    problems: list[Problem] = []
    for path in paths:
        _, _, records = read_records(path, fmt)
        for record in records:
            if isinstance(record, Snapshot):
                snapshots.append(record)
            elif isinstance(record, Problem):
                problems.append(record)
            else:
                raise InputError(str(path), "not a hot-list file (it holds pages); use `redian extract`")
    return snapshots, problems


@dataclass(slots=True)
class _Event:
    titles: list[str]
    first_seen: datetime
    peak_rank: int
    peak_at: datetime
    rising_at: datetime | None = None


class _Placer:
    """Match key → event id through the engine, following merges (as ingestion does)."""

    def __init__(self, engine: EventEngine) -> None:
        self.engine = engine
        self.known: dict[str, str] = {}
        self.told: dict[str, float] = {}
        self.alias: dict[str, str] = {}

    def resolve(self, event_id: str) -> str:
        return follow_aliases(self.alias, event_id)

    def place(self, key: str, text: str, snap: Snapshot) -> tuple[str, tuple[str, ...]]:
        stamp = snap.taken_at.timestamp()
        found = self.known.get(key)
        if found is not None:
            found = self.resolve(found)
            if stamp - self.told.get(key, -1e18) >= _RETELL:
                self.engine.remember(key, text, found, snap.taken_at)
                self.told[key] = stamp
            return found, ()
        choice = self.engine.assign(HeadlineIn(key, text, snap.source, snap.taken_at))
        for old in choice.merged:
            if old != choice.event_id:
                self.alias[old] = choice.event_id
        self.known[key] = choice.event_id
        self.told[key] = stamp
        return choice.event_id, tuple(m for m in choice.merged if m != choice.event_id)


def replay(
    snapshots: Iterable[Snapshot],
    engine: EventEngine | None = None,
    params: WarningParams | None = None,
    problems: Sequence[Problem] = (),
) -> TrendsReport:
    """Replay lists in time order (ties: source, then origin) and report every event seen.

    Flags use only lists up to their own time; the final states use everything replayed.
    """
    ordered = sorted(snapshots, key=lambda s: (s.taken_at, s.source, s.origin))
    placer = _Placer(engine_or_default(engine))
    detector = RisingDetector(params)
    events: dict[str, _Event] = {}
    observations: list[Observation] = []
    metas: list[SnapshotMeta] = []
    flags: list[RisingFlag] = []
    last_forget: datetime | None = None
    for snap in ordered:
        at = snap.taken_at
        if last_forget is None or at - last_forget > timedelta(hours=6):
            placer.engine.forget_before(at - _ENGINE_MEMORY)
            detector.forget_before(at - _ENGINE_MEMORY)
            # the final states read two windows back: older lists only cost memory
            horizon = at - 2 * STATE_WINDOW
            observations = [o for o in observations if o.at > horizon]
            metas = [m for m in metas if m.at > horizon]
            last_forget = at
        size = len(snap.items)
        hots = [i.hot for i in snap.items if i.hot is not None and i.hot > 0]
        metas.append(SnapshotMeta(snap.source, at, size, max(hots) if hots else None))
        current: list[Observation] = []
        for item in snap.items:
            text = clean_title(item.title)
            key = match_key(item.title) or text or item.title
            event_id, absorbed = placer.place(key, text, snap)
            for old in absorbed:
                _fold(events, old, event_id)
            ev = events.get(event_id)
            if ev is None:
                events[event_id] = _Event([text], at, item.rank, at)
            else:
                if text not in ev.titles:
                    ev.titles.append(text)
                if item.rank < ev.peak_rank:
                    ev.peak_rank, ev.peak_at = item.rank, at
            current.append(Observation(event_id, snap.source, at, item.rank, item.hot, size))
        observations.extend(current)
        for flag in detector.update(snap.source, at, current):
            flags.append(flag)
            ev = events[placer.resolve(flag.event_id)]
            if ev.rising_at is None:
                ev.rising_at = flag.at
    if placer.alias:
        observations = [_renamed(o, placer.resolve(o.event_id)) for o in observations]
    states = _final_states(observations, metas, {k: v.first_seen for k, v in events.items()})
    out = tuple(
        EventTrend(
            eid,
            tuple(ev.titles),
            ev.first_seen,
            ev.rising_at,
            ev.peak_at,
            ev.peak_rank,
            states.get(eid, "gone"),
        )
        for eid, ev in sorted(events.items(), key=lambda kv: (kv[1].first_seen, kv[0]))
    )
    return TrendsReport(out, tuple(flags), len(ordered), tuple(problems))


def _renamed(o: Observation, event_id: str) -> Observation:
    if o.event_id == event_id:
        return o
    return Observation(event_id, o.source, o.at, o.rank, o.hot, o.size)


def _fold(events: dict[str, _Event], old: str, into: str) -> None:
    """Two events proved to be one story: keep the earliest facts of both under ``into``."""
    gone = events.pop(old, None)
    if gone is None:
        return
    kept = events.get(into)
    if kept is None:
        events[into] = gone
        return
    kept.titles.extend(t for t in gone.titles if t not in kept.titles)
    kept.first_seen = min(kept.first_seen, gone.first_seen)
    if (gone.peak_rank, gone.peak_at) < (kept.peak_rank, kept.peak_at):
        kept.peak_rank, kept.peak_at = gone.peak_rank, gone.peak_at
    if gone.rising_at is not None and (kept.rising_at is None or gone.rising_at < kept.rising_at):
        kept.rising_at = gone.rising_at


def _final_states(
    observations: Sequence[Observation], metas: Sequence[SnapshotMeta], first_seen: dict[str, datetime]
) -> dict[str, Trend]:
    if not metas:
        return {}
    end = max(m.at for m in metas)
    start = end - 2 * STATE_WINDOW
    board = score_board(
        [o for o in observations if o.at > start],
        [m for m in metas if m.at > start],
        end,
        STATE_WINDOW,
        first_seen,
    )
    return {e.event_id: e.trend for e in board}


def trends(paths: Sequence[str | Path], fmt: str, params: WarningParams | None = None) -> TrendsReport:
    """`redian trends`: read the files, replay them, report."""
    snapshots, problems = load_snapshots(paths, fmt)
    return replay(snapshots, params=params, problems=problems)
