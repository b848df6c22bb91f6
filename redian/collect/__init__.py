"""Collect stage: read hot-list archives, API responses, feeds and pages into typed records.

Every format is a :class:`Format` registered in :data:`FORMATS`; ``auto`` tries them in order
(most specific first) on the first bytes of the input.  Readers yield
:class:`~redian.types.Snapshot` and :class:`~redian.types.Page` records and a
:class:`Problem` for each skipped line; a file that cannot be read at all raises
:class:`~redian.errors.InputError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from redian.collect import archives, feeds, jsonl, kfstorm, pages, versions
from redian.collect._common import (
    DEFAULT_MAX_BYTES,
    Format,
    Problem,
    Record,
    json_document,
    json_lines,
    read_input,
)
from redian.errors import InputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "Format",
    "Problem",
    "Record",
    "detect_format",
    "read_input",
    "read_records",
]

#: name → format, in the order ``auto`` tries them
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        jsonl.FORMAT,
        kfstorm.FORMAT,
        versions.BAIDU_HOURLY,
        versions.WEIBO_5MIN,
        feeds.DAILYHOT,
        feeds.NEWSNOW,
        archives.JUSTJAVAC,
        archives.HUQI,
        archives.BAIDU,
        feeds.RSS,
        pages.HTML,
        pages.TEXT,
    )
}


def detect_format(path: str, data: bytes) -> Format:
    """The first registered format whose sniffer accepts the input.

    JSON is never taken for a text page: JSON of no known shape, or broken JSON, is an error
    that says so (with the line of the syntax error), not a page full of braces.
    """
    name = Path(path).name
    head = data[:8192]
    for fmt in FORMATS.values():
        if fmt.name in ("html", "text") and _looks_like_json(name, head):
            json_lines_or_document(path, data)  # raises on broken JSON, naming the line
            raise InputError(path, "JSON of no known hot-list shape (see `redian ingest --help`)")
        if fmt.sniff(name, head):
            return fmt
    raise InputError(path, "unrecognised input: binary or unknown format (see `redian ingest --help`)")


def _looks_like_json(name: str, head: bytes) -> bool:
    suffixes = [s.lower() for s in Path(name).suffixes]
    return (
        ".json" in suffixes or ".jsonl" in suffixes or head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")
    )


def json_lines_or_document(path: str, data: bytes) -> None:
    """Raise InputError with the line of the first JSON syntax error, as a document or as lines."""
    try:
        json_document(path, data)
    except InputError as whole:
        for entry in json_lines(path, data):
            if isinstance(entry, Problem):
                raise whole from None
        return


def read_records(
    path: str | Path, fmt: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, bytes, Iterator[Record]]:
    """Read one input: (format name, decompressed bytes, its records).

    The bytes are returned so the store can keep the raw input for ``redian rebuild``.
    """
    data = read_input(path, max_bytes)
    chosen = detect_format(str(path), data) if fmt == "auto" else FORMATS.get(fmt)
    if chosen is None:
        raise InputError(str(path), f"unknown format {fmt!r}; known: auto, {', '.join(FORMATS)}")
    return chosen.name, data, chosen.parse(str(path), data)
