"""Hot-list API responses and feeds: DailyHotApi JSON, NewsNow JSON, RSS/Atom (RSSHub…).

* ``dailyhot``: ``{"code", "name", "title", "updateTime", "data": [{"id", "title", "hot", "url",
  "timestamp", "desc"?}]}``; the source is ``name`` (``weibo``, ``baidu``, ``zhihu``…);
* ``newsnow``: ``{"status", "id", "updatedTime", "items": [{"id", "title", "url",
  "extra": {"info"?, "hover"?}}]}``; the source is ``id``;
* ``rss``: any RSS 0.9x/1.0/2.0 or Atom feed (feedparser); the source is the feed's link host or
  title, the time the feed's ``updated`` or its newest entry, the rank the entry order.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlparse

import feedparser

from redian.collect._common import Format, Record, items_from, json_document, parse_time, platform_id
from redian.errors import InputError
from redian.types import Snapshot, SnapshotItem

__all__ = ["DAILYHOT", "NEWSNOW", "RSS"]


def _time(path: str, value: Any, what: str) -> datetime:
    try:
        return parse_time(value)
    except (ValueError, TypeError) as exc:
        raise InputError(path, f'bad "{what}": {exc}') from exc


def _dailyhot(path: str, data: bytes) -> Iterator[Record]:
    doc = json_document(path, data)
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        raise InputError(path, 'expected a DailyHotApi object with a "data" list')
    source = doc.get("name")
    if not isinstance(source, str) or not source.strip():
        raise InputError(path, 'missing "name" (the platform)')
    taken_at = _time(path, doc.get("updateTime"), "updateTime")
    items, problems = items_from(path, None, doc["data"], ("title",))
    yield from problems
    if items:
        yield Snapshot(platform_id(source), taken_at, items, path)


def _newsnow(path: str, data: bytes) -> Iterator[Record]:
    doc = json_document(path, data)
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise InputError(path, 'expected a NewsNow object with an "items" list')
    source = doc.get("id")
    if not isinstance(source, str) or not source.strip():
        raise InputError(path, 'missing "id" (the source)')
    taken_at = _time(path, doc.get("updatedTime"), "updatedTime")
    rows = []
    for row in doc["items"]:
        if isinstance(row, dict):
            extra = row.get("extra")
            extra = extra if isinstance(extra, dict) else {}
            row = {**row, "desc": extra.get("hover"), "hot": extra.get("info")}
        rows.append(row)
    items, problems = items_from(path, None, rows, ("title",))
    yield from problems
    if items:
        yield Snapshot(platform_id(source.split("-")[0]), taken_at, items, path)


def _rss(path: str, data: bytes) -> Iterator[Record]:
    with warnings.catch_warnings():
        # feedparser warns about its own updated/published alias on every access; it is harmless
        warnings.simplefilter("ignore", DeprecationWarning)
        yield from _rss_entries(path, data)


def _rss_entries(path: str, data: bytes) -> Iterator[Record]:
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise InputError(path, f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
    meta = feed.feed
    link = meta.get("link") or ""
    source = urlparse(link).hostname or meta.get("title") or path
    entries = feed.entries
    times = [e.get("updated_parsed") or e.get("published_parsed") for e in entries]
    stamp = meta.get("updated_parsed") or max((t for t in times if t), default=None)
    if stamp is None:
        raise InputError(path, "the feed and its entries carry no date")
    year, month, day, hour, minute, second = stamp[:6]
    taken_at = datetime(year, month, day, hour, minute, second, tzinfo=UTC)  # feedparser gives UTC
    items = tuple(
        SnapshotItem(rank, e.get("title", "").strip(), e.get("link"), None, _summary(e))
        for rank, e in enumerate((e for e in entries if e.get("title", "").strip()), start=1)
    )
    if items:
        yield Snapshot(f"rss:{source}", taken_at, items, path)


def _summary(entry: Any) -> str | None:
    text = entry.get("summary")
    return text.strip() or None if isinstance(text, str) else None


DAILYHOT = Format(
    "dailyhot",
    "DailyHotApi JSON response (code, name, updateTime, data)",
    lambda name, head: (
        head.lstrip()[:1] == b"{" and b'"updateTime"' in head[:4000] and b'"data"' in head[:4000]
    ),
    _dailyhot,
)
NEWSNOW = Format(
    "newsnow",
    "NewsNow /api/s JSON response (status, id, updatedTime, items)",
    lambda name, head: (
        head.lstrip()[:1] == b"{" and b'"updatedTime"' in head[:4000] and b'"items"' in head[:4000]
    ),
    _newsnow,
)
RSS = Format(
    "rss",
    "RSS or Atom feed (RSSHub and others)",
    lambda name, head: (
        head.lstrip()[:200].startswith(b"<?xml")
        and (b"<rss" in head[:2000] or b"<feed" in head[:2000] or b"<rdf:RDF" in head[:2000])
    ),
    _rss,
)
