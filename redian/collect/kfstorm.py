"""kfstorm/weibo-hotwords-archive: a JSON list of per-minute Weibo top-50 snapshots.

``[{"timestamp": 1641945601, "hotwords": [{"word", "rank", "hot_value", "tags"?}]}]``
"""

from __future__ import annotations

from collections.abc import Iterator

from redian.collect._common import Format, Problem, Record, items_from, json_document, parse_time
from redian.errors import InputError
from redian.types import Snapshot

__all__ = ["FORMAT"]


def _sniff(name: str, head: bytes) -> bool:
    return head.lstrip()[:1] == b"[" and b'"hotwords"' in head[:2000]


def _parse(path: str, data: bytes) -> Iterator[Record]:
    doc = json_document(path, data)
    if not isinstance(doc, list):
        raise InputError(path, "expected a JSON list of snapshots")
    for position, snap in enumerate(doc, start=1):
        where = f"{path}#{position}"
        if not isinstance(snap, dict) or not isinstance(snap.get("hotwords"), list):
            yield Problem(path, None, f"snapshot {position}: no hotwords list")
            continue
        try:
            taken_at = parse_time(snap.get("timestamp"))
        except ValueError as exc:
            yield Problem(path, None, f"snapshot {position}: {exc}")
            continue
        items, problems = items_from(path, None, snap["hotwords"], ("word",), hot="hot_value")
        yield from problems
        if items:
            yield Snapshot("weibo", taken_at, items, where)


FORMAT = Format("kfstorm", "kfstorm/weibo-hotwords-archive per-minute Weibo JSON", _sniff, _parse)
