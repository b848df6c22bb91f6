"""Daily TSV archives of hot lists.

* ``justjavac``: justjavac/weibo-trending-hot-search, ``date<TAB>title``, Weibo, one list a day;
* ``huqi``: huqi-pr/trending-in-one, ``platform<TAB>date<TAB>title``;
* ``baidu``: cornerAnt/baidu-hot-hub daily file ``date<TAB>index<TAB>hotScore<TAB>word<TAB>desc``.

A day's list becomes one snapshot taken at the end of that Beijing day (it is only complete then);
the rank is the line's position within its day, as the archive gives no other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from redian.collect._common import Format, Problem, Record, day_end, platform_id, text_of
from redian.types import Snapshot, SnapshotItem

__all__ = ["BAIDU", "HUQI", "JUSTJAVAC"]


@dataclass
class _Day:
    source: str
    day: str
    first_line: int
    items: list[SnapshotItem] = field(default_factory=list)


def _rows(path: str, data: bytes, columns: int) -> Iterator[tuple[int, list[str]] | Problem]:
    for number, line in enumerate(text_of(path, data).splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < columns:
            yield Problem(path, number, f"expected {columns} tab-separated fields, found {len(cells)}")
            continue
        yield number, cells


def _days(
    path: str,
    data: bytes,
    columns: int,
    header: str,
    row: Callable[[list[str]], tuple[str, str, SnapshotItem]],
) -> Iterator[Record]:
    days: dict[tuple[str, str], _Day] = {}
    for entry in _rows(path, data, columns):
        if isinstance(entry, Problem):
            yield entry
            continue
        number, cells = entry
        if number == 1 and "\t".join(cells).startswith(header):
            continue
        try:
            source, day, item = row(cells)
            day_end(day)  # validates the date
        except ValueError as exc:
            yield Problem(path, number, str(exc) or "bad field")
            continue
        bucket = days.setdefault((source, day), _Day(source, day, number))
        bucket.items.append(item)
    for bucket in days.values():
        items = tuple(
            SnapshotItem(rank=i, title=it.title, url=it.url, hot=it.hot, desc=it.desc)
            for i, it in enumerate(bucket.items, start=1)
        )
        yield Snapshot(bucket.source, day_end(bucket.day), items, f"{path}:{bucket.first_line}")


def _title(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("empty title")
    return text


def _justjavac_row(cells: list[str]) -> tuple[str, str, SnapshotItem]:
    return "weibo", cells[0], SnapshotItem(0, _title(cells[1]))


def _huqi_row(cells: list[str]) -> tuple[str, str, SnapshotItem]:
    return platform_id(cells[0]), cells[1], SnapshotItem(0, _title(cells[2]))


def _baidu_row(cells: list[str]) -> tuple[str, str, SnapshotItem]:
    hot = float(cells[2]) if cells[2].strip() else None
    desc = cells[4].strip() if len(cells) > 4 and cells[4].strip() else None
    return "baidu", cells[0], SnapshotItem(0, _title(cells[3]), hot=hot, desc=desc)


def _header_sniff(header: bytes) -> Callable[[str, bytes], bool]:
    return lambda name, head: head.lstrip(b"\xef\xbb\xbf").startswith(header)


JUSTJAVAC = Format(
    "justjavac",
    "justjavac/weibo-trending-hot-search daily Weibo TSV (date, title)",
    _header_sniff(b"date\ttitle"),
    lambda path, data: _days(path, data, 2, "date\ttitle", _justjavac_row),
)
HUQI = Format(
    "huqi",
    "huqi-pr/trending-in-one daily TSV (platform, date, title)",
    _header_sniff(b"platform\tdate\ttitle"),
    lambda path, data: _days(path, data, 3, "platform\tdate\ttitle", _huqi_row),
)
BAIDU = Format(
    "baidu",
    "cornerAnt/baidu-hot-hub daily TSV (date, index, hotScore, word, desc)",
    _header_sniff(b"date\tindex\thotScore\tword"),
    lambda path, data: _days(path, data, 4, "date\tindex\thotScore\tword", _baidu_row),
)
