"""News pages and text dumps: passed on as raw :class:`~redian.types.Page` bytes.

Decoding and extraction belong to :mod:`redian.pages`; collecting only decides that an input is
a page and keeps its bytes untouched (any Chinese encoding is fine here).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from redian.collect._common import Format, Record
from redian.errors import InputError
from redian.types import Page

__all__ = ["HTML", "TEXT"]

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<title")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: not a page in any Chinese text encoding."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def _is_html(name: str, head: bytes) -> bool:
    if Path(name).suffix.lower() in {".html", ".htm", ".shtml", ".xhtml"}:
        return True
    low = head[:2048].lower()
    return any(marker in low for marker in _HTML_MARKERS)


def _page(kind: str) -> Format:
    def parse(path: str, data: bytes) -> Iterator[Record]:
        if looks_binary(data):
            raise InputError(path, "binary data, not a page or a text dump")
        yield Page(raw=data, path=path, kind_hint="html" if kind == "html" else "text")

    return Format(
        kind, f"a news page ({kind})" if kind == "html" else "a plain-text page dump", sniff_for(kind), parse
    )


def sniff_for(kind: str):  # type: ignore[no-untyped-def]
    if kind == "html":
        return _is_html
    return lambda name, head: not looks_binary(head)


HTML = _page("html")
TEXT = _page("text")
