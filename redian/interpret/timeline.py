"""An event's timeline: when its headlines appeared, what its articles date, how its heat moved.

Readers of a 热解读 ask "what happened when": the boards tell when each headline was first seen
and when the event rose or fell, the articles tell when the underlying happenings took place
(``12月11日至12日，中央经济工作会议…``).  Both go on one line of time, oldest first; a dated fact
stands at its start day with the sentence that dates it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from redian.types import CHINA_TZ, Fact, HeadlineIn

__all__ = ["StateChange", "TimelineEntry", "timeline"]


@dataclass(frozen=True, slots=True)
class StateChange:
    """The event's trend state from ``at`` on (new, rising, peak, falling, gone)."""

    at: datetime
    state: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: str  # ISO 8601: a day (YYYY-MM-DD) for dated facts, a Beijing time for board moments
    kind: Literal["fact", "headline", "state"]
    text: str
    source: str = ""


def _iso(at: datetime) -> str:
    return at.astimezone(CHINA_TZ).isoformat(timespec="minutes")


def timeline(
    headlines: Sequence[HeadlineIn], facts: Sequence[Fact] = (), states: Sequence[StateChange] = ()
) -> tuple[TimelineEntry, ...]:
    """Dated facts, first sightings of each headline, and state changes, oldest first."""
    entries: list[TimelineEntry] = []
    seen_sentences: set[str] = set()
    for fact in facts:
        if fact.kind in ("date", "daterange") and fact.start and fact.sentence not in seen_sentences:
            seen_sentences.add(fact.sentence)
            entries.append(TimelineEntry(fact.start, "fact", fact.sentence, fact.text))
    first: dict[str, HeadlineIn] = {}
    for h in headlines:
        if h.key not in first or h.at < first[h.key].at:
            first[h.key] = h
    entries.extend(TimelineEntry(_iso(h.at), "headline", h.text, h.source) for h in first.values())
    entries.extend(TimelineEntry(_iso(s.at), "state", s.state) for s in states)
    order = {"fact": 0, "headline": 1, "state": 2}
    return tuple(sorted(entries, key=lambda e: (e.at, order[e.kind])))
