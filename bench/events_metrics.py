"""Clustering scores used by the events benchmarks: B-cubed and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Scores:
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    pair_p: float
    pair_r: float
    pair_f1: float


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores(gold: list[str], predicted: list[str]) -> Scores:
    """B-cubed (per item, averaged) and pairwise (over all same-cluster pairs) P/R/F1."""
    both = Counter(zip(gold, predicted, strict=True))
    g_size = Counter(gold)
    p_size = Counter(predicted)
    n = len(gold)
    bp = sum(c * c / p_size[p] for (_, p), c in both.items()) / n
    br = sum(c * c / g_size[g] for (g, _), c in both.items()) / n
    same_both = sum(c * (c - 1) / 2 for c in both.values())
    same_pred = sum(c * (c - 1) / 2 for c in p_size.values())
    same_gold = sum(c * (c - 1) / 2 for c in g_size.values())
    pp = same_both / same_pred if same_pred else 1.0
    pr = same_both / same_gold if same_gold else 1.0
    return Scores(bp, br, _f1(bp, br), pp, pr, _f1(pp, pr))
