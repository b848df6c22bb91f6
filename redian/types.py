"""Frozen records passed between the stages of redian.

Every stage (collect → pages → text → events → heat → interpret → store) takes and returns
these records, never nested dicts or bare tuples, so a stage can be replaced by a stronger
engine without its neighbours noticing.  Times are always timezone-aware ``datetime``s;
the store keeps them as UTC epoch seconds and the front ends show them in Asia/Shanghai.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Literal

__all__ = [
    "CHINA_TZ",
    "Alert",
    "Article",
    "Assignment",
    "BoardEntry",
    "EventView",
    "Fact",
    "HeadlineIn",
    "HeatPart",
    "Interpretation",
    "Observation",
    "Page",
    "Snapshot",
    "SnapshotItem",
    "SnapshotMeta",
    "Source",
    "SummarySentence",
    "Trend",
    "Watch",
]

#: Chinese hot lists are published on Beijing time; naive dates in archives mean this zone.
CHINA_TZ = timezone(timedelta(hours=8), name="Asia/Shanghai")

Trend = Literal["new", "rising", "peak", "falling", "gone"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where hot lists come from: a platform (``weibo``), a feed (``rss:host``) or a page's
    own headline list (``page:<file name>``)."""

    id: str
    name: str  # what users call it: 微博, 百度, 页面 x.txt
    kind: Literal["platform", "feed", "page"]
    snapshots: int = 0  # how many lists of it are stored


@dataclass(frozen=True, slots=True)
class SnapshotItem:
    """One line of a hot list as the platform showed it."""

    rank: int
    title: str
    url: str | None = None
    hot: float | None = None
    desc: str | None = None


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One hot list of one source at one moment.

    ``source`` is a platform id (``weibo``, ``baidu``, ``toutiao``, ``zhihu``…) or
    ``page:<file name>`` for a headline list found inside a page.  ``origin`` names the file
    and line it came from so that errors and provenance can point back to the input.
    """

    source: str
    taken_at: datetime
    items: tuple[SnapshotItem, ...]
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    """Raw bytes of a news page or a text dump, before any decoding."""

    raw: bytes = field(repr=False)
    path: str | None = None
    url: str | None = None
    fetched_at: datetime | None = None
    kind_hint: Literal["html", "text"] | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """What page understanding found in a page (fields as in CONTRACT.md ``extract``)."""

    kind: Literal["html", "text"]
    title: str | None
    author: str | None
    published: str | None  # ISO 8601: YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS
    column: str | None
    body: str
    lists: tuple[tuple[str, ...], ...] = ()
    path: str | None = None
    url: str | None = None
    encoding: str | None = None
    #: why the body is empty or doubtful (binary input, no article…); None when all is well
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class HeadlineIn:
    """A headline offered to the events engine: the item text plus what helps placing it."""

    key: str  # normalized match key (redian.text.normalize.match_key)
    text: str  # display form, as first seen
    source: str
    at: datetime
    desc: str | None = None


@dataclass(frozen=True, slots=True)
class Assignment:
    """The events engine's answer for one headline: which event, and why."""

    event_id: str
    new: bool
    score: float
    reason: str  # short explanation for editors, in Chinese: "标题相同", "并入：…", "新事件"
    signals: tuple[tuple[str, float], ...] = ()
    #: event ids that this placement proved to be the same story (old id → this event)
    merged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SnapshotMeta:
    """When a source published a list and how long it was (absence is information too)."""

    source: str
    at: datetime
    size: int
    #: the largest platform hot value on that list (None when the platform gives none): heat
    #: normalizes each hot value by it, so one event's curve needs no other event's rows
    hot_max: float | None = None


@dataclass(frozen=True, slots=True)
class Observation:
    """One appearance of an event in one snapshot."""

    event_id: str
    source: str
    at: datetime
    rank: int
    hot: float | None
    size: int  # length of the list it appeared in


@dataclass(frozen=True, slots=True)
class HeatPart:
    """One named term of an event's heat, shown to users so the number can be checked."""

    name: str
    value: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class BoardEntry:
    """One line of the hot board (CONTRACT.md ``hot``)."""

    position: int
    event: str
    title: str
    heat: float
    sources: tuple[str, ...]
    first_seen: datetime
    trend: Trend
    parts: tuple[HeatPart, ...] = ()
    #: taxonomy id (CONTRACT.md ``classify``) of the event's headlines in the window
    category: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    """A number, sum of money, percentage, date or date range found in a text (CONTRACT.md)."""

    text: str
    kind: Literal["number", "money", "percent", "date", "daterange"]
    value: float | None
    unit: str | None
    start: str | None
    end: str | None
    sentence: str


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Interpretation:
    """The 热解读 of an article or an event (CONTRACT.md ``interpret``)."""

    category: str | None
    category_score: float
    entities: dict[str, tuple[str, ...]]  # person / place / org
    facts: tuple[Fact, ...]
    keywords: tuple[str, ...]
    summary: tuple[SummarySentence, ...]
    tone: Literal["negative", "neutral", "positive"]


@dataclass(frozen=True, slots=True)
class EventView:
    """Everything the store knows about one event, for `redian event` and the API."""

    id: str
    title: str
    first_seen: datetime
    last_seen: datetime
    headlines: tuple[tuple[str, str, float, str], ...]  # (text, first source, score, reason)
    observations: tuple[Observation, ...]
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Watch:
    """A watchlist: which stories someone wants to hear about as soon as they are hot.

    ``terms``: ``词`` (any of these), ``+词`` (must contain), ``!词`` (must not contain), matched
    against every headline of an event after normalization (width, script, punctuation);
    ``~描述`` (any of these too) matches a headline close to it in meaning, with no shared word
    needed (:mod:`redian.text.meaning`).
    """

    name: str
    terms: tuple[str, ...]
    min_heat: float = 0.0
    sources: tuple[str, ...] = ()
    webhook: str | None = None
    #: also alert on the early warning (即将爆发), before the story is hot: ``min_heat`` then
    #: does not apply
    early: bool = False


@dataclass(frozen=True, slots=True)
class Alert:
    """One event that met a watch, raised once per (watch, event)."""

    watch: str
    event_id: str
    title: str
    heat: float
    at: datetime
    matched: tuple[str, ...]
    pushed: bool = False
    #: raised by the early warning (即将爆发) rather than by the board
    early: bool = False
