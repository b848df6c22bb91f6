"""The learned pair model: logistic regression over :data:`redian.events.features.FEATURES`.

Weights ship as ``redian/models/events_pair.json`` (written by ``bench/train_events.py fit``);
scoring is a dot product in pure Python, so no learning library is needed at run time.  The
same file carries the engine's decision thresholds, calibrated with the weights.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from redian.events.features import FEATURES, Profile, pair_feature_rows, pair_logits

__all__ = ["PairModel", "default_model"]


@dataclass(frozen=True, slots=True)
class PairModel:
    """P(same story | pair evidence) and the thresholds the engine decides with."""

    coef: tuple[float, ...]
    intercept: float
    #: a headline joins an event when its mean probability over the event's members reaches this…
    join_mean: float = 0.5
    #: …and its best single member reaches this
    join_best: float = 0.5
    #: two events merge when the mean probability over their member pairs reaches this
    merge_mean: float = 0.6
    #: the mean is taken over the headline's ``top_k`` most similar members (all, if fewer): a big
    #: story's many angles need not all resemble a newcomer, but several of them must
    top_k: int = 16
    #: a headline also joins an event of two members or more (its mean still passing
    #: ``join_mean``) when the cosine of its IDF word weights with the event's word centroid
    #: reaches this, though no single member passes ``join_best``: the words most members share
    #: are what the event is about.  0 turns the rule off
    join_event: float = 0.0
    #: once a headline is placed, its event merges with the live event of the highest mean
    #: cosine between their members' static word vectors (:mod:`redian.text.vectors`) when that
    #: mean reaches this (and passes the engine's other checks: step 4 of
    #: :mod:`redian.events.story`): stories told in other words.  0 turns the rule off
    join_meaning: float = 0.0

    def probability(self, features: list[float]) -> float:
        z = self.intercept
        for c, x in zip(self.coef, features, strict=True):
            z += c * x
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """:meth:`probability` of each row (the engine's hot path is :meth:`pair_probabilities`)."""
        return [self.probability(features) for features in rows]

    def pair_probabilities(self, a: Profile, others: Iterable[tuple[Profile, float]]) -> list[float]:
        """:meth:`probability` of ``a`` with each ``(other, burst)``, bit for bit, without building
        a feature row per pair (:func:`pair_logits`): the engine's hot path."""
        if len(self.coef) != len(FEATURES):
            return self.probabilities(pair_feature_rows(a, others))
        exp = math.exp
        logits = pair_logits(a, others, self.intercept, self.coef)
        return [0.0 if z < -30.0 else 1.0 / (1.0 + exp(-z)) for z in logits]

    def contributions(self, features: list[float]) -> tuple[tuple[str, float], ...]:
        """Each signal's share of the score (weight × value), for explanations."""
        return tuple(
            (name, round(c * x, 3)) for name, c, x in zip(FEATURES, self.coef, features, strict=True) if x
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(FEATURES),
                "coef": [round(c, 6) for c in self.coef],
                "intercept": round(self.intercept, 6),
                "join_mean": self.join_mean,
                "join_best": self.join_best,
                "merge_mean": self.merge_mean,
                "top_k": self.top_k,
                "join_event": self.join_event,
                "join_meaning": self.join_meaning,
            },
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str) -> PairModel:
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ValueError(
                "events_pair.json was trained on other features; rerun bench/train_events.py fit"
            )
        return cls(
            coef=tuple(float(c) for c in data["coef"]),
            intercept=float(data["intercept"]),
            join_mean=float(data["join_mean"]),
            join_best=float(data["join_best"]),
            merge_mean=float(data["merge_mean"]),
            top_k=int(data.get("top_k", 16)),
            join_event=float(data.get("join_event", 0.0)),
            join_meaning=float(data.get("join_meaning", 0.0)),
        )


@cache
def default_model() -> PairModel:
    """The shipped model (read once)."""
    path = resources.files("redian").joinpath("models", "events_pair.json")
    return PairModel.from_json(path.read_text(encoding="utf-8"))
