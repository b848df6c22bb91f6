"""Git-history archives: every committed version of a hot list, one JSON object per line.

* ``baidu-hourly``: cornerAnt/baidu-hot-hub, ``{"commit_time", "items": [{"index", "word",
  "desc", "hotScore", …}]}``;
* ``weibo5min``: arandomguyhere/weibo-daily-hot-search, ``{"commit_time", "items": [{"text",
  "count", "peakCount", "velocity", "status", "firstSeen"}]}``, and its ``*_final.json`` (a
  bare list of the same items: the day's last version, dated by the newest ``firstSeen``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from redian.collect._common import (
    Format,
    Problem,
    Record,
    items_from,
    json_document,
    json_lines,
    parse_time,
)
from redian.errors import InputError
from redian.types import Snapshot, SnapshotItem

__all__ = ["BAIDU_HOURLY", "WEIBO_5MIN"]


def _versions(path: str, data: bytes, source: str, title_key: str, hot_key: str) -> Iterator[Record]:
    for entry in json_lines(path, data):
        if isinstance(entry, Problem):
            yield entry
            continue
        number, obj = entry
        if not isinstance(obj, dict) or not isinstance(obj.get("items"), list):
            yield Problem(path, number, 'expected an object with "commit_time" and "items"')
            continue
        try:
            taken_at = parse_time(obj.get("commit_time"))
        except ValueError as exc:
            yield Problem(path, number, f'bad "commit_time": {exc}')
            continue
        items, problems = items_from(path, number, obj["items"], (title_key,), hot=hot_key, rank="_")
        yield from problems
        if items:
            yield Snapshot(source, taken_at, _weibo_urls(items, obj["items"]), f"{path}:{number}")


def _weibo_urls(items: tuple[SnapshotItem, ...], rows: list[Any]) -> tuple[SnapshotItem, ...]:
    """Relative Weibo search links (``/weibo?q=…``) become absolute."""
    out = []
    for item in items:
        url = item.url
        if url and url.startswith("/weibo?"):
            url = "https://s.weibo.com" + url
        out.append(SnapshotItem(item.rank, item.title, url, item.hot, item.desc))
    return tuple(out)


def _weibo_final(path: str, data: bytes) -> Iterator[Record]:
    doc = json_document(path, data)
    if not isinstance(doc, list):
        raise InputError(path, "expected a JSON list of items")
    items, problems = items_from(path, None, doc, ("text",), hot="count", rank="_")
    yield from problems
    seen = [row.get("firstSeen") for row in doc if isinstance(row, dict) and row.get("firstSeen")]
    if not items:
        return
    if not seen:
        raise InputError(path, "no firstSeen times: cannot date this list")
    yield Snapshot("weibo", max(parse_time(s) for s in seen), _weibo_urls(items, doc), path)


def _weibo_parse(path: str, data: bytes) -> Iterator[Record]:
    if data.lstrip()[:1] == b"[":
        return _weibo_final(path, data)
    return _versions(path, data, "weibo", "text", "count")


BAIDU_HOURLY = Format(
    "baidu-hourly",
    "cornerAnt/baidu-hot-hub versions JSON Lines (commit_time, items with word/desc/hotScore)",
    lambda name, head: (
        head.lstrip()[:1] == b"{" and b'"commit_time"' in head[:200] and b'"word"' in head[:3000]
    ),
    lambda path, data: _versions(path, data, "baidu", "word", "hotScore"),
)
WEIBO_5MIN = Format(
    "weibo5min",
    "arandomguyhere/weibo-daily-hot-search versions JSON Lines or *_final.json",
    lambda name, head: b'"text"' in head[:3000] and b'"peakCount"' in head[:3000],
    _weibo_parse,
)
