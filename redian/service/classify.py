"""Use case ``classify``: headlines in (the ``cluster`` input formats), a category per line out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from redian.interpret.classify import Domain, classify
from redian.service.cluster import ClusterInput, ClusterProblem, parse_cluster_input

__all__ = ["Classified", "classify_items", "parse_classify_input", "result_json"]

_BATCH = 4096


@dataclass(frozen=True, slots=True)
class Classified:
    input: ClusterInput
    category: str
    score: float


def parse_classify_input(lines: Iterable[str]) -> tuple[list[ClusterInput], list[ClusterProblem]]:
    """Same input as ``cluster`` (CONTRACT.md): JSON Lines ``{id,title,...}`` or TSV."""
    return parse_cluster_input(lines)


def classify_items(items: list[ClusterInput], domain: Domain = "auto") -> list[Classified]:
    """Category of each headline (with its description when given), in input order.

    ``domain``: ``auto`` mixes the model heads by each headline's form; ``hot`` forces the
    hot-search head, ``news`` the newspaper-title head.
    """
    out: list[Classified] = []
    for start in range(0, len(items), _BATCH):
        batch = items[start : start + _BATCH]
        texts = [f"{i.title} {i.desc[:60]}" if i.desc else i.title for i in batch]
        for item, (category, score) in zip(batch, classify(texts, domain=domain), strict=True):
            out.append(Classified(item, category, score))
    return out


def result_json(result: Classified) -> dict[str, Any]:
    return {"id": result.input.id, "category": result.category, "score": round(result.score, 4)}
