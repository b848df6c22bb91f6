"""What the store's reader and writer share: time conversion, row records, small queries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from redian.store import schema as t
from redian.types import CHINA_TZ

__all__ = ["HeadlineRow", "chunks", "from_epoch", "recent_headlines", "to_epoch"]


def to_epoch(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: redian only stores timezone-aware times")
    return int(moment.timestamp())


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=CHINA_TZ)


@dataclass(frozen=True, slots=True)
class HeadlineRow:
    id: int
    key: str
    text: str
    event_id: str
    last_seen: datetime
    first_seen: datetime


@dataclass(frozen=True, slots=True)
class EventSpan:
    """Where and when an event was on the boards: its life, platforms and best place."""

    event_id: str
    first_seen: datetime
    last_seen: datetime
    sources: tuple[str, ...]
    best_rank: int
    observations: int


def recent_headlines(conn: Connection, since: datetime) -> list[HeadlineRow]:
    h = t.headlines
    q = (
        select(h.c.id, h.c.key, h.c.text, h.c.event_id, h.c.last_seen, h.c.first_seen)
        .where(h.c.last_seen >= to_epoch(since))
        .order_by(h.c.first_seen, h.c.id)
    )
    return [
        HeadlineRow(r.id, r.key, r.text, r.event_id, from_epoch(r.last_seen), from_epoch(r.first_seen))
        for r in conn.execute(q)
    ]


def pins(conn: Connection) -> dict[str, tuple[str, str]]:
    """Headline key → (the event an editor put it in, why) (`redian split`)."""
    q = select(t.pins.c.key, t.pins.c.event_id, t.pins.c.note)
    return {str(k): (str(e), str(n)) for k, e, n in conn.execute(q)}


def chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
