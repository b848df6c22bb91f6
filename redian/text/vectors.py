"""Static word vectors: what a headline means, in microseconds, for the story engine.

Many headlines of one story share no word (``笑果被罚1335余万元`` / ``脱口秀演员侮辱解放军被立案调查``),
so the engine's word model never even compares them.  A sentence encoder (multilingual-e5-small)
would see they are close, but costs milliseconds a headline.  ``bench/train_word_vectors.py``
therefore runs e5 once over the streams' vocabulary and ships the result as a lookup table
(``redian/models/word_vectors.npz``: int8 rows, one scale per row, and the vectors of a
background of unrelated headlines).  A headline's vector is the
IDF-weighted sum of its words' rows; a word outside the table is read through its characters.
Only numpy is needed at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

__all__ = ["WordVectors", "word_vectors"]

Vector = npt.NDArray[np.float32]

_FILE = "word_vectors.npz"
#: the share of a text's word weight that must be known (as a word, or through its Chinese
#: characters) for its vector to mean anything
MIN_KNOWN = 0.6
_PARTS_KEPT = 200_000
_Part = tuple[tuple[int, ...], tuple[float, ...], float]
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True, slots=True, eq=False)
class WordVectors:
    """The shipped table: row ``index[word]`` of ``rows`` (int8) times ``scale`` of that row."""

    index: Mapping[str, int]
    rows: npt.NDArray[np.int8]
    scale: npt.NDArray[np.float32]
    #: unit vectors of a few hundred unrelated hot-list headlines from several years: how close
    #: "unrelated" is, for a given meaning (generic words are close to everything)
    background: Vector
    #: the background's mean row and second-moment matrix (``B.T @ B / len(B)``): the mean and
    #: spread of a vector's cosines with the background in two small products
    background_mean: Vector = field(init=False)
    background_moment: npt.NDArray[np.float32] = field(init=False)
    #: ``rows`` times ``scale``, as float32 (25 MB): a headline's vector is then one product
    table: npt.NDArray[np.float32] = field(init=False)
    #: :meth:`_part` of each word met (a cache, emptied when it grows past ``_PARTS_KEPT``)
    parts: dict[str, _Part] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rows = max(len(self.background), 1)
        object.__setattr__(self, "background_mean", self.background.sum(axis=0) / rows)
        object.__setattr__(self, "background_moment", (self.background.T @ self.background) / rows)
        object.__setattr__(self, "table", self.rows.astype(np.float32) * self.scale[:, None])

    @property
    def dims(self) -> int:
        return int(self.rows.shape[1])

    def vector(self, weights: Mapping[str, float], min_known: float = MIN_KNOWN) -> Vector | None:
        """Unit vector of a text given its words and their weights (IDF).

        None when less than ``min_known`` of the weight is known: such a text has no meaning to
        compare, not a weak one.  A word outside the table is read through its Chinese
        characters (``脱口秀`` through 脱/口/秀).  Words without a Chinese character are left out
        (their weight still counts as unknown): e5's vectors of short Latin words and acronyms
        crowd together, so ``IU先行曲``, ``RNG对战EDG`` and ``OPPO Find X7`` all looked alike and
        glued K-pop, e-sports and phones into one story."""
        parts = self.parts
        found: list[int] = []
        coef: list[float] = []
        known = total = 0.0
        for word, weight in weights.items():
            total += weight
            part = parts.get(word)
            if part is None:
                part = self._part(word)
            rows, shares, share = part
            if rows:
                found.extend(rows)
                coef.extend([weight * x for x in shares])
                known += weight * share
        if not found or known < min_known * total:
            return None
        summed: Vector = np.array(coef, dtype=np.float32) @ self.table[found]
        norm = math.sqrt(float(summed @ summed))
        if not norm:
            return None
        summed /= norm
        return summed

    def _part(self, word: str) -> _Part:
        """The rows a word is read through, their shares of its weight, and the share known."""
        part: _Part = ((), (), 0.0)
        if _HAN.search(word):  # (Latin words and numbers: see :meth:`vector`)
            row = self.index.get(word)
            if row is not None:
                part = ((row,), (1.0,), 1.0)
            else:  # an unknown word means what its characters mean, together
                chars = tuple(self.index[c] for c in word if c in self.index and _HAN.match(c))
                if chars:
                    part = (chars, (1.0 / len(chars),) * len(chars), len(chars) / len(word))
        if len(self.parts) >= _PARTS_KEPT:
            self.parts.clear()
        self.parts[word] = part
        return part


@cache
def word_vectors() -> WordVectors | None:
    """The shipped table (read once), or None when the project ships none."""
    path = resources.files("redian").joinpath("models", _FILE)
    if not path.is_file():
        return None
    with path.open("rb") as fh, np.load(fh) as data:
        words = bytes(data["words"]).decode("utf-8").split("\n")
        rows = np.ascontiguousarray(data["vectors"], dtype=np.int8)
        scale = data["scale"].astype(np.float32)
        background = data["background"].astype(np.float32)
    if len(words) != len(rows) or len(scale) != len(rows):
        raise ValueError(f"{_FILE}: {len(words)} words, {len(rows)} rows; rerun bench/train_word_vectors.py")
    return WordVectors({w: i for i, w in enumerate(words)}, rows, scale, background)
