"""redian's own snapshot format: JSON Lines, one hot list per line.

::

    {"source": "weibo", "at": "2024-12-13T10:00:00+08:00",
     "items": [{"rank": 1, "title": "…", "url": "…", "hot": 123456, "desc": "…"}]}

``at`` is ISO 8601 (a missing offset means Beijing time) or epoch seconds/milliseconds;
``rank`` defaults to the item's position; ``url``, ``hot`` and ``desc`` are optional.
`redian export` writes this format, so exports can be ingested again.
"""

from __future__ import annotations

from collections.abc import Iterator

from redian.collect._common import Format, Problem, Record, items_from, json_lines, parse_time, platform_id
from redian.types import Snapshot

__all__ = ["FORMAT"]


def _sniff(name: str, head: bytes) -> bool:
    first = head.lstrip()[:400]
    return first.startswith(b"{") and b'"source"' in first and b'"items"' in head[:4000]


def _parse(path: str, data: bytes) -> Iterator[Record]:
    for entry in json_lines(path, data):
        if isinstance(entry, Problem):
            yield entry
            continue
        number, obj = entry
        if not isinstance(obj, dict) or not isinstance(obj.get("items"), list):
            yield Problem(path, number, 'expected an object with "source", "at" and "items"')
            continue
        source = obj.get("source")
        if not isinstance(source, str) or not source.strip():
            yield Problem(path, number, 'missing "source"')
            continue
        try:
            taken_at = parse_time(obj.get("at"))
        except ValueError as exc:
            yield Problem(path, number, f'bad "at": {exc}')
            continue
        items, problems = items_from(path, number, obj["items"], ("title",))
        yield from problems
        if items:
            yield Snapshot(platform_id(source), taken_at, items, f"{path}:{number}")


FORMAT = Format("jsonl", "redian snapshot JSON Lines (one hot list per line)", _sniff, _parse)
