"""Events stage: place each headline into a story (event) with a stable id.

The service talks to an :class:`EventEngine`; the engine decides, the store remembers.  An
engine is online: it is told the headlines already placed (``remember``) and then asked to place
new ones one by one (``assign``), so batch clustering is streaming the same input into a fresh
engine and gives the same answer.  The default is :class:`StoryEngine` (learned pair model,
non-chaining, merges events as evidence comes); :class:`NearDupEngine` remains for repeats only.
"""

from redian.events.base import EventEngine, event_id_for, follow_aliases
from redian.events.neardup import NearDupEngine
from redian.events.story import StoryEngine

__all__ = [
    "EventEngine",
    "NearDupEngine",
    "StoryEngine",
    "default_engine",
    "engine_or_default",
    "event_id_for",
    "follow_aliases",
]


def default_engine() -> EventEngine:
    """The engine the service uses unless told otherwise (a fresh one: engines hold state)."""
    return StoryEngine()


def engine_or_default(engine: EventEngine | None) -> EventEngine:
    """The engine a caller gave, or a fresh default one.  Not ``engine or default_engine()``:
    an engine that knows no headline yet has length 0, so it is falsy, and was silently
    replaced by a default one."""
    return engine if engine is not None else default_engine()
