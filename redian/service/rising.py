"""Use case ``rising``: what is about to explode — events the early-warning detector flagged in
the last hour on a live list, still below its top.

The detector (:mod:`redian.heat.warning`, validated by ``bench/trends_eval.py``) is replayed
over the stored lists of the last hours up to the moment asked for, exactly as ``redian trends``
runs it on a file, so what it says at ``at`` uses nothing published later.  Only lists sampled
often enough to show a climb count (at least four in the last hour, e.g. a Weibo list every
few minutes); a daily archive says nothing about the next half hour.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from redian.heat.warning import RisingDetector, RisingFlag, WarningParams
from redian.interpret import story_categories
from redian.store import Store
from redian.types import Observation

__all__ = ["RisingEntry", "rising"]

#: lists replayed before the moment: the detector reads half an hour of history per event and
#: must know which events were already at the top earlier (those are falling, not rising)
_FEED = timedelta(hours=3)
_LIVE_LISTS = 4  # lists of one source in the last hour for it to count as live


@dataclass(frozen=True, slots=True)
class RisingEntry:
    event: str
    title: str
    source: str
    flagged_at: datetime
    flagged_rank: int
    #: its place on that list now (the source's latest list at the moment asked for)
    rank: int
    probability: float
    category: str | None


def rising(
    store: Store,
    at: datetime,
    recent: timedelta = timedelta(hours=1),
    params: WarningParams | None = None,
    top: int = 20,
) -> tuple[RisingEntry, ...]:
    """Events flagged rising within ``recent`` before ``at`` and still below the top of that
    list, most probable first (one entry per event: its strongest flag)."""
    params = params or WarningParams()
    lists: dict[tuple[datetime, str], list[Observation]] = defaultdict(list)
    for o in store.observations(at - _FEED, at):
        lists[(o.at, o.source)].append(o)
    hour_ago = at - timedelta(hours=1)
    per_source: dict[str, int] = defaultdict(int)
    for moment, source in lists:
        if moment > hour_ago:
            per_source[source] += 1
    live = {s for s, n in per_source.items() if n >= _LIVE_LISTS}
    if not live:
        return ()
    detector = RisingDetector(params)
    flags: list[RisingFlag] = []
    last_list: dict[str, list[Observation]] = {}
    for moment, source in sorted(k for k in lists if k[1] in live):
        current = lists[(moment, source)]
        flags.extend(detector.update(source, moment, current))
        last_list[source] = current
    # each event's place on each source's latest list (its best, when it holds two places)
    ranks: dict[tuple[str, str], int] = {}
    for source, current in last_list.items():
        for o in current:
            ranks[(source, o.event_id)] = min(o.rank, ranks.get((source, o.event_id), o.rank))
    best: dict[str, tuple[RisingFlag, int]] = {}
    for flag in flags:
        if flag.at <= at - recent:
            continue
        now_rank = ranks.get((flag.source, flag.event_id))
        if now_rank is None or now_rank <= params.top:
            continue  # off the list again, or already at the top: no longer a warning
        kept = best.get(flag.event_id)
        if kept is None or flag.probability > kept[0].probability:
            best[flag.event_id] = (flag, now_rank)
    chosen = sorted(best.values(), key=lambda fr: (-fr[0].probability, fr[0].at, fr[0].event_id))[:top]
    ids = [f.event_id for f, _ in chosen]
    titles = store.event_titles(ids, at - timedelta(hours=1), at)
    texts = store.headline_texts(ids, at)
    kinds = story_categories([texts.get(e, []) for e in ids])
    return tuple(
        RisingEntry(
            f.event_id,
            titles.get(f.event_id, ""),
            f.source,
            f.at,
            f.rank,
            rank,
            f.probability,
            kind,
        )
        for (f, rank), (kind, _) in zip(chosen, kinds, strict=True)
    )
