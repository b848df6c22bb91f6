"""Events stage: place each headline into a story (event) with a stable id.

The service talks to an :class:`EventEngine`; the engine decides, the store remembers.  An
engine is online: it is told the headlines already placed (``remember``) and then asked to place
new ones one by one (``assign``), so batch clustering is streaming the same input into a fresh
engine and gives the same answer.
"""

from redian.events.base import EventEngine, event_id_for
from redian.events.neardup import NearDupEngine

__all__ = ["EventEngine", "NearDupEngine", "default_engine", "event_id_for"]


def default_engine() -> EventEngine:
    """The engine the service uses unless told otherwise."""
    return NearDupEngine()
