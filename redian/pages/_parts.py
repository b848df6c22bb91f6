"""What an extractor finds in a page before it becomes an :class:`~redian.types.Article`."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["PageParts"]


@dataclass
class PageParts:
    """Filled in step by step by the HTML extractor or the text-dump segmenter."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    column: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    lists: list[list[str]] = field(default_factory=list)
    problem: str | None = None
