"""The contract between the service and an events engine."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Protocol, runtime_checkable

from redian.types import Assignment, HeadlineIn

__all__ = ["EventEngine", "event_id_for", "follow_aliases"]


def event_id_for(key: str) -> str:
    """Deterministic event id from the match key of the headline that founded the event.

    Derived, not counted, so that `redian rebuild` gives every event the id it had, and ids do
    not depend on what else happened to be in the store.
    """
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def follow_aliases(alias: Mapping[str, str], event_id: str) -> str:
    """The id an event lives on as after merges (``alias``: absorbed id → the id it joined).

    Engines, ingestion and batch clustering all keep such a map; a cycle, which merges never
    make, would stop the walk rather than hang it."""
    seen: set[str] | None = None
    while event_id in alias:
        if seen is None:
            seen = set()
        elif event_id in seen:
            break
        seen.add(event_id)
        event_id = alias[event_id]
    return event_id


@runtime_checkable
class EventEngine(Protocol):
    """Places headlines into events.  Implementations keep only a bounded window in memory."""

    def remember(self, key: str, text: str, event_id: str, at: datetime) -> None:
        """Teach the engine a headline already placed (loaded from the store at start)."""

    def assign(self, headline: HeadlineIn) -> Assignment:
        """Place one new headline: an existing event, or a new one (``Assignment.new``)."""

    def forget_before(self, at: datetime) -> None:
        """Drop headlines last seen before ``at`` from memory: they can no longer attract."""

    def keep_apart(self, event_id: str) -> None:
        """Never merge this event with another: an editor split it (``redian split``)."""
