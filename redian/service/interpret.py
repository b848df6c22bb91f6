"""Use case ``interpret``: pages → their article's 热解读 (CONTRACT.md ``interpret``).

Pages are read by the page-understanding stage (:func:`redian.pages.extract_file`, through
:func:`redian.service.extract.extract_paths`), so a page interprets exactly as it would after
``redian extract``; the 热解读 itself is :func:`redian.interpret.interpret_article`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx

from redian.config import Settings
from redian.interpret import interpret_article
from redian.service.extract import extract_paths
from redian.types import Fact, Interpretation

__all__ = ["InterpretResult", "fact_json", "interpret_paths", "interpretation_json", "result_json"]


@dataclass(frozen=True, slots=True)
class InterpretResult:
    path: str
    interpretation: Interpretation | None
    error: str | None = None


def interpret_paths(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    http: httpx.Client | None = None,
    reference_time: datetime | None = None,
) -> Iterator[InterpretResult]:
    """One result per input, in order; unreadable files and pages without an article are flagged.

    ``reference_time`` resolves dates in pages that carry no publish time (default: now).
    """
    for extracted in extract_paths(paths):
        article = extracted.article
        if article is None or not article.body.strip():
            yield InterpretResult(extracted.path, None, extracted.error or "no article text")
            continue
        it = interpret_article(article, reference_time=reference_time, settings=settings, http=http)
        yield InterpretResult(extracted.path, it)


def fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "text": fact.text,
        "kind": fact.kind,
        "value": int(fact.value) if fact.value is not None and fact.value.is_integer() else fact.value,
        "unit": fact.unit,
        "start": fact.start,
        "end": fact.end,
        "sentence": fact.sentence,
    }


def interpretation_json(it: Interpretation) -> dict[str, Any]:
    """The CONTRACT.md ``interpret`` fields of an interpretation (plus ``category_score``)."""
    return {
        "category": it.category,
        "category_score": it.category_score,
        "entities": {k: list(it.entities.get(k, ())) for k in ("person", "place", "org")},
        "facts": [fact_json(f) for f in it.facts],
        "keywords": list(it.keywords),
        "summary": [{"text": s.text, "source": s.source} for s in it.summary],
        "tone": it.tone,
    }


def result_json(result: InterpretResult) -> dict[str, Any]:
    if result.interpretation is None:
        empty: dict[str, Any] = {
            "category": None,
            "category_score": 0.0,
            "entities": {"person": [], "place": [], "org": []},
            "facts": [],
            "keywords": [],
            "summary": [],
            "tone": "neutral",
        }
        return {"path": result.path, **empty, "problem": result.error}
    return {"path": result.path, **interpretation_json(result.interpretation)}
