"""Helpers shared by the format readers: reading bytes safely, JSON with line numbers, times."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redian.errors import InputError
from redian.times import day_end, parse_time
from redian.types import Page, Snapshot, SnapshotItem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Format",
    "Problem",
    "Record",
    "day_end",
    "items_from",
    "json_document",
    "json_lines",
    "parse_time",
    "platform_id",
    "read_input",
    "text_of",
]

#: Inputs larger than this (after decompression) are refused: a hot list is kilobytes, a day of
#: per-minute snapshots about 30 MB; anything far larger is a mistake, not data.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Problem:
    """A line that was skipped; the file's other lines are still used."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


Record = Snapshot | Page | Problem

_PLATFORM_ALIASES = {
    "weibo-search": "weibo",
    "weibo_hot": "weibo",
    "toutiao-search": "toutiao",
    "baidu-hot": "baidu",
    "zhihu-hot": "zhihu",
    "douyin-hot": "douyin",
    "bilibili-hot-search": "bilibili",
}


def platform_id(name: str) -> str:
    """Canonical platform id so that one platform from several archives is one source."""
    key = name.strip().lower()
    return _PLATFORM_ALIASES.get(key, key)


def read_input(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Bytes of an input file, gunzipped when it is gzip, refusing empty and oversized inputs."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if not p.is_file():
        raise InputError(str(path), "not a regular file")
    if size == 0:
        raise InputError(str(path), "empty file")
    if size > max_bytes:
        raise InputError(str(path), f"file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    with p.open("rb") as fh:
        data = fh.read()
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
                data = gz.read(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(str(path), f"broken gzip data: {exc}") from exc
        if len(data) > max_bytes:
            raise InputError(str(path), f"decompresses to over the {max_bytes / 1e6:.0f} MB limit")
        if not data:
            raise InputError(str(path), "empty file (after gunzip)")
    return data


def text_of(path: str, data: bytes) -> str:
    """Decode a structured input (JSON, TSV, feeds) that must be UTF-8."""
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary data, not a text or JSON file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte {exc.start})", line) from exc


def json_document(path: str, data: bytes) -> Any:
    """A whole-file JSON document, or an InputError naming the line of the syntax error."""
    text = text_of(path, data)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", exc.lineno) from exc


def json_lines(path: str, data: bytes) -> Iterator[tuple[int, Any] | Problem]:
    """(line number, object) for each non-blank line; a bad line becomes a Problem."""
    text = text_of(path, data)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(path, number, f"invalid JSON: {exc.msg}")


@dataclass(frozen=True, slots=True)
class Format:
    """An input format: how to recognise it and how to read it.

    Built-in formats register exactly like an outside one would: a module-level ``FORMAT`` in
    ``redian.collect.<name>`` listed in :data:`redian.collect.FORMATS`.
    """

    name: str
    description: str
    #: True when the first bytes and the file name say the input is of this format
    sniff: Callable[[str, bytes], bool]
    #: every snapshot or page of the input, and a Problem for each skipped line
    parse: Callable[[str, bytes], Iterator[Record]]


def items_from(
    path: str, line: int | None, rows: list[Any], title_keys: tuple[str, ...], **keys: str
) -> tuple[tuple[SnapshotItem, ...], list[Problem]]:
    """Snapshot items from a list of JSON objects, skipping the ones without a usable title."""
    items: list[SnapshotItem] = []
    problems: list[Problem] = []
    for position, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            problems.append(Problem(path, line, f"item {position} is not an object"))
            continue
        title = next((row[k] for k in title_keys if isinstance(row.get(k), str) and row[k].strip()), None)
        if title is None:
            problems.append(Problem(path, line, f"item {position} has no title"))
            continue
        rank = _number(row.get(keys.get("rank", "rank")))
        items.append(
            SnapshotItem(
                rank=int(rank) if rank is not None and rank > 0 else position,
                title=title.strip(),
                url=_text(row.get(keys.get("url", "url"))),
                hot=_number(row.get(keys.get("hot", "hot"))),
                desc=_text(row.get(keys.get("desc", "desc"))),
            )
        )
    return tuple(items), problems


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        multiplier = 1.0
        if text.endswith("万"):
            multiplier, text = 1e4, text[:-1]
        elif text.endswith("亿"):
            multiplier, text = 1e8, text[:-1]
        try:
            return float(text) * multiplier
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
