"""Use case ``extract``: files → articles, one result per input, bad inputs reported not raised."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redian.pages import extract_file
from redian.types import Article

__all__ = ["ExtractResult", "article_json", "extract_paths"]


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """One input file's article, or why it could not be read at all."""

    path: str
    article: Article | None
    error: str | None = None

    @property
    def rejected(self) -> bool:
        return self.article is None or self.article.problem is not None


def extract_paths(paths: Iterable[str | Path]) -> Iterator[ExtractResult]:
    """Extract every file in order; unreadable files and articleless pages are flagged, not fatal."""
    for path in paths:
        try:
            article = extract_file(path)
        except OSError as exc:
            yield ExtractResult(str(path), None, f"cannot read: {exc.strerror or exc}")
            continue
        yield ExtractResult(str(path), article, article.problem)


def article_json(result: ExtractResult) -> dict[str, Any]:
    """The CONTRACT.md ``extract`` object (plus ``encoding`` and ``problem``, which it allows)."""
    art = result.article
    if art is None:
        return {
            "path": result.path,
            "kind": "text",
            "title": None,
            "author": None,
            "published": None,
            "column": None,
            "body": "",
            "lists": [],
            "encoding": None,
            "problem": result.error,
        }
    return {
        "path": result.path,
        "kind": art.kind,
        "title": art.title,
        "author": art.author,
        "published": art.published,
        "column": art.column,
        "body": art.body,
        "lists": [list(lst) for lst in art.lists],
        "encoding": art.encoding,
        "problem": art.problem,
    }
