"""The contract between the service and an events engine."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Protocol, runtime_checkable

from redian.types import Assignment, HeadlineIn

__all__ = ["EventEngine", "event_id_for"]


def event_id_for(key: str) -> str:
    """Deterministic event id from the match key of the headline that founded the event.

    Derived, not counted, so that `redian rebuild` gives every event the id it had, and ids do
    not depend on what else happened to be in the store.
    """
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


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
