"""Category of a headline or hot-search term, in the CONTRACT.md taxonomy.

A linear model over hashed character 1–3-grams and a length bucket is
small, needs only numpy at run time and copes with the short, colloquial terms of hot lists
(``赖冠霖手写信道歉``) where a word segmenter would produce unknown words.  The weights are
learnt by ``bench/train_classifier.py`` (scikit-learn, training only) and shipped as
``redian/models/classifier.npz``: int8 weights with one scale per class, so the file stays at a
few MB and loads in milliseconds.  Features are hashed with CRC-32 (stable across processes and
Python versions, unlike ``hash``), so the training script and this module agree by construction.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from redian.text.normalize import match_key

__all__ = [
    "CATEGORIES",
    "CATEGORY_NAMES",
    "N_BUCKETS",
    "Classifier",
    "Domain",
    "classify",
    "features",
    "load_classifier",
    "read_classifier",
]

#: taxonomy ids, in the order the model's columns use (CONTRACT.md)
CATEGORIES: tuple[str, ...] = (
    "politics",
    "world",
    "society",
    "finance",
    "tech",
    "entertainment",
    "sports",
    "military",
    "education",
    "health",
    "auto",
    "games",
    "culture",
)
CATEGORY_NAMES: dict[str, str] = {
    "politics": "时政",
    "world": "国际",
    "society": "社会",
    "finance": "财经",
    "tech": "科技",
    "entertainment": "娱乐",
    "sports": "体育",
    "military": "军事",
    "education": "教育",
    "health": "健康",
    "auto": "汽车",
    "games": "游戏",
    "culture": "文化",
}

Domain = Literal["auto", "hot", "news"]
Head = Literal["hot", "news"]

#: ``auto`` sends texts at least this long (match-key characters) to the news head: hot-search
#: terms are 7–16 characters (Weibo sample p10–p90), newspaper titles 14–24 (THUCNews) to 13–31
#: (Toutiao).  Measured with ``bench/classify_eval.py`` (THUCNews / Weibo accuracy, weak labels
#: weighing 0.5): cut 16 → 0.825 / 0.698, 18 → 0.824 / 0.718, 20 → 0.814 / 0.727, hot head
#: alone 0.808 / 0.724.
NEWS_LENGTH = 20

N_BUCKETS = 1 << 18
_MODEL_FILE = "classifier.npz"
_MAX_CHARS = 64  # a headline's category is in its first words; long inputs cost time, not accuracy


def _cut(text: str) -> list[str]:
    try:
        from redian.text.segment import cut
    except ImportError:  # the shared segmenter is optional; plain rjieba cuts the same way
        import rjieba

        return list(rjieba.cut(text))
    return cut(text)


def features(text: str, words: bool = False) -> list[int]:
    """Hashed bucket ids of the character 1–3-grams of ``text``'s match key (with edge marks).

    The edge marks let the model learn that a term *starts* with ``央视`` or *ends* with
    ``道歉``; hashing keeps the model a fixed size whatever the vocabulary.  With ``words``,
    segmenter words of two or more characters are added (a name is then one feature).
    """
    key = match_key(text)[:_MAX_CHARS]
    if not key:
        return []
    padded = "\x02" + key + "\x03"
    # a length bucket lets the model keep separate priors for hot-search terms and news titles
    grams: set[str] = set(key) | {f"\x01len{min(len(key) // 5, 6)}"}
    n = len(padded)
    for i in range(n - 1):
        grams.add(padded[i : i + 2])
        if i + 3 <= n:
            grams.add(padded[i : i + 3])
    if words:
        grams.update("\x04" + w for w in _cut(key) if len(w) >= 2)
    return [zlib.crc32(g.encode("utf-8")) & (N_BUCKETS - 1) for g in grams]


@dataclass(frozen=True, slots=True)
class Classifier:
    """Shipped linear model: ``scores = (Σ weights[bucket]) / sqrt(n) * scale + bias``."""

    weights: npt.NDArray[np.int8]  # (N_BUCKETS, n_classes)
    scale: npt.NDArray[np.float32]  # (n_classes,)
    bias: npt.NDArray[np.float32]  # (n_classes,)
    classes: tuple[str, ...]
    words: bool = False  # model version 2: segmenter words as features too

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Softmax over the classes for each text (rows sum to 1; empty text → uniform-ish prior)."""
        rows = [features(t, self.words) for t in texts]
        lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter((b for r in rows for b in r), dtype=np.int64, count=int(lengths.sum()))
        sums = np.zeros((len(rows), len(self.classes)), dtype=np.float32)
        nonempty = lengths > 0
        if flat.size:
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[nonempty]
            gathered = self.weights[flat].astype(np.float32)
            sums[nonempty] = np.add.reduceat(gathered, starts, axis=0)
        norm = np.sqrt(np.maximum(lengths, 1)).astype(np.float32)[:, None]
        logits = sums / norm * self.scale + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: npt.NDArray[np.float32] = exp / exp.sum(axis=1, keepdims=True)
        return probs


def read_classifier(path: str | Path, domain: Head = "hot") -> Classifier:
    """One head of a model file written by ``bench/train_classifier.py``.

    The file holds two heads over the same features: ``hot`` (adapted to hot-list terms with
    weak labels from the streams) and ``news`` (labelled newspaper titles only).  Adapting to
    hot lists costs newspaper titles about four points, so article titles use the news head.
    """
    suffix = "_news" if domain == "news" else ""
    with np.load(path) as data:
        if f"weights{suffix}" not in data.files:
            suffix = ""  # a one-head file serves both domains
        return Classifier(
            weights=data[f"weights{suffix}"],
            scale=data[f"scale{suffix}"].astype(np.float32),
            bias=data[f"bias{suffix}"].astype(np.float32),
            classes=tuple(str(c) for c in data["classes"]),
            words=int(data["version"]) >= 2,
        )


@cache
def load_classifier(domain: Head = "hot") -> Classifier:
    """The shipped model for ``domain``, read once (numpy only; no network, no scikit-learn)."""
    ref = resources.files("redian").joinpath("models", _MODEL_FILE)
    with resources.as_file(ref) as path:
        return read_classifier(path, domain)


def routed(texts: Sequence[str], hot: Classifier, news: Classifier) -> npt.NDArray[np.float32]:
    """Class probabilities of each text from the head its length calls for (``auto``): a short
    term is read as a hot-search term, a long one (:data:`NEWS_LENGTH`) as a newspaper title."""
    out = np.zeros((len(texts), len(hot.classes)), dtype=np.float32)
    long = np.array([len(match_key(t)) >= NEWS_LENGTH for t in texts], dtype=bool)
    for model, rows in ((hot, ~long), (news, long)):
        if rows.any():
            chosen = [t for t, r in zip(texts, rows, strict=True) if r]
            out[rows] = model.probabilities(chosen)
    return out


def probabilities(texts: Sequence[str], domain: Domain = "auto") -> npt.NDArray[np.float32]:
    """Class probabilities of each text from the shipped heads (columns in :data:`CATEGORIES`).

    ``auto`` picks the head per text by its length (:func:`routed`), so one call serves a mixed
    board (Weibo's ``#话题#`` next to Toutiao's full headlines) and ``redian classify`` needs no
    flag.
    """
    if domain != "auto":
        return load_classifier(domain).probabilities(texts)
    return routed(texts, load_classifier("hot"), load_classifier("news"))


def classify(
    titles: Sequence[str], model: Classifier | None = None, domain: Domain = "auto"
) -> list[tuple[str, float]]:
    """``(category id, probability)`` for each title, in input order.

    ``domain``: ``auto`` (the default) picks a head per title by its length, ``hot`` for
    hot-list headlines and search terms, ``news`` for newspaper and article titles; ``model``
    overrides the shipped one (and the choice of head).
    """
    if not titles:
        return []
    probs = model.probabilities(titles) if model else probabilities(titles, domain)
    classes = model.classes if model else CATEGORIES
    best = probs.argmax(axis=1)
    return [(classes[int(j)], float(probs[i, j])) for i, j in enumerate(best)]
