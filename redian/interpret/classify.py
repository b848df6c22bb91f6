"""Category of a headline or hot-search term, in the CONTRACT.md taxonomy.

A linear model over hashed character 1–3-grams, a length bucket, and rjieba words and word pairs
is small, needs only numpy (and rjieba) at run time and copes with the short, colloquial terms of
hot lists (``赖冠霖手写信道歉``): where the segmenter splits an unknown name, its character
n-grams still carry it.  Two heads, ``hot`` and ``news``, share the features, and a gate over
the same features says which form a text has, so ``auto`` needs no flag.  The weights are
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

from redian.text.normalize import match_key, unmarked

__all__ = [
    "CATEGORIES",
    "CATEGORY_NAMES",
    "NEWS_LENGTH",
    "N_BUCKETS",
    "Classifier",
    "Domain",
    "classify",
    "features",
    "load_classifier",
    "load_gate",
    "probabilities",
    "read_classifier",
    "routed",
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
Part = Literal["hot", "news", "gate"]

#: Without a gate in the model file, ``auto`` sends texts at least this long (match-key
#: characters) to the news head: hot-search
#: terms are 7–16 characters (Weibo sample p10–p90), newspaper titles 14–24 (THUCNews) to 13–31
#: (Toutiao).  Measured with ``bench/classify_eval.py`` (THUCNews / Weibo accuracy, weak labels
#: weighing 0.5): cut 16 → 0.825 / 0.698, 18 → 0.824 / 0.718, 20 → 0.814 / 0.727, hot head
#: alone 0.808 / 0.724.
NEWS_LENGTH = 20

N_BUCKETS = 1 << 19
_MODEL_FILE = "classifier.npz"
_MAX_CHARS = 64  # a headline's category is in its first words; long inputs cost time, not accuracy


def _words(text: str) -> list[str]:
    """Plain rjieba words (its own dictionary, not redian's mined name list): the model's
    features must not change when another stage re-mines that list."""
    import rjieba

    return [w for w in rjieba.cut(text) if w.strip()]


def category_key(text: str) -> str:
    """The match key the category model reads: :func:`~redian.text.match_key` without the marks
    it keeps between digits (``2.25亿``, ``3-1``, ``1/4``, ``19:30``): the shipped model was
    trained on keys without them, and a score or a decimal point says nothing of a category."""
    return unmarked(match_key(text))


def features(text: str, words: bool = False) -> list[int]:
    """Hashed bucket ids of the character 1–3-grams of ``text``'s match key (with edge marks).

    The edge marks let the model learn that a term *starts* with ``央视`` or *ends* with
    ``道歉``; hashing keeps the model a fixed size whatever the vocabulary.  With ``words``,
    segmenter words of two or more characters and adjacent word pairs are added (a name is then
    one feature, ``国足|晋级`` another).
    """
    key = category_key(text)[:_MAX_CHARS]
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
        cut = _words(key)
        grams.update("\x04" + w for w in cut if len(w) >= 2)
        grams.update(f"\x05{a}|{b}" for a, b in zip(["\x02", *cut], [*cut, "\x03"], strict=True))
    return [zlib.crc32(g.encode("utf-8")) & (N_BUCKETS - 1) for g in grams]


@dataclass(frozen=True, slots=True)
class Classifier:
    """Shipped linear model: ``scores = (Σ weights[bucket]) / sqrt(n) * scale + bias``."""

    weights: npt.NDArray[np.int8]  # (N_BUCKETS, n_classes)
    scale: npt.NDArray[np.float32]  # (n_classes,)
    bias: npt.NDArray[np.float32]  # (n_classes,)
    classes: tuple[str, ...]
    words: bool = False  # model version 2 and later: segmenter words and word pairs too

    def probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Softmax over the classes for each text (rows sum to 1; empty text → uniform-ish prior)."""
        return self.of_features([features(t, self.words) for t in texts])

    def of_features(self, rows: Sequence[Sequence[int]]) -> npt.NDArray[np.float32]:
        """:meth:`probabilities` from bucket ids already computed (heads share them)."""
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


def read_classifier(path: str | Path, domain: Part = "hot") -> Classifier:
    """One part of a model file written by ``bench/train_classifier.py``.

    The file holds two heads over the same features: ``hot`` (adapted to hot-list terms with
    weak labels from the streams) and ``news`` (labelled newspaper titles only), and a ``gate``
    whose two classes, ``hot`` and ``news``, say which form a text has (a Weibo hot-search term
    or a newspaper title).  Adapting to hot lists costs newspaper titles about four points, so
    article titles use the news head.  A file without a gate raises KeyError for ``gate``.
    """
    suffix = {"hot": "", "news": "_news", "gate": "_gate"}[domain]
    with np.load(path) as data:
        if f"weights{suffix}" not in data.files and domain != "gate":
            suffix = ""  # a one-head file serves both domains
        classes = ("hot", "news") if domain == "gate" else tuple(str(c) for c in data["classes"])
        return Classifier(
            weights=data[f"weights{suffix}"],
            scale=data[f"scale{suffix}"].astype(np.float32),
            bias=data[f"bias{suffix}"].astype(np.float32),
            classes=classes,
            words=int(data["version"]) >= 2,
        )


@cache
def load_classifier(domain: Head = "hot") -> Classifier:
    """The shipped model for ``domain``, read once (numpy only; no network, no scikit-learn)."""
    return _load("hot" if domain == "hot" else "news")


@cache
def load_gate() -> Classifier | None:
    """The shipped gate (``hot`` or ``news`` form), or None when the model file has none."""
    try:
        return _load("gate")
    except KeyError:
        return None


def _load(part: Part) -> Classifier:
    ref = resources.files("redian").joinpath("models", _MODEL_FILE)
    with resources.as_file(ref) as path:
        return read_classifier(path, part)


def routed(
    texts: Sequence[str], hot: Classifier, news: Classifier, gate: Classifier | None = None
) -> npt.NDArray[np.float32]:
    """Class probabilities of each text from the two heads, mixed by its form (``auto``).

    With a ``gate``, ``P(c) = g·P_news(c) + (1 − g)·P_hot(c)``, ``g`` the gate's belief that the
    text is a newspaper title rather than a hot-search term: a mixture of experts whose gate
    reads punctuation, wording and length together.  Length alone cannot tell the two apart
    (THUCNews titles are 14–22 characters, Weibo terms 7–16); without a gate a text at least
    :data:`NEWS_LENGTH` long is read by the news head and a shorter one by the hot head.
    """
    if gate is None:
        out = np.zeros((len(texts), len(hot.classes)), dtype=np.float32)
        long = np.array([len(category_key(t)) >= NEWS_LENGTH for t in texts], dtype=bool)
        for model, rows in ((hot, ~long), (news, long)):
            if rows.any():
                chosen = [t for t, r in zip(texts, rows, strict=True) if r]
                out[rows] = model.probabilities(chosen)
        return out
    feats = [features(t, hot.words) for t in texts]
    g = gate.of_features(feats)[:, 1:2]
    mixed: npt.NDArray[np.float32] = g * news.of_features(feats) + (1 - g) * hot.of_features(feats)
    return mixed


def probabilities(texts: Sequence[str], domain: Domain = "auto") -> npt.NDArray[np.float32]:
    """Class probabilities of each text from the shipped heads (columns in :data:`CATEGORIES`).

    ``auto`` mixes the heads per text by its form (:func:`routed`), so one call serves a mixed
    board (Weibo's ``#话题#`` next to Toutiao's full headlines) and ``redian classify`` needs no
    flag.
    """
    if domain != "auto":
        return load_classifier(domain).probabilities(texts)
    return routed(texts, load_classifier("hot"), load_classifier("news"), load_gate())


def classify(
    titles: Sequence[str], model: Classifier | None = None, domain: Domain = "auto"
) -> list[tuple[str, float]]:
    """``(category id, probability)`` for each title, in input order.

    ``domain``: ``auto`` (the default) mixes the heads by each title's form, ``hot`` for
    hot-list headlines and search terms, ``news`` for newspaper and article titles; ``model``
    overrides the shipped one (and the choice of head).
    """
    if not titles:
        return []
    probs = model.probabilities(titles) if model else probabilities(titles, domain)
    classes = model.classes if model else CATEGORIES
    best = probs.argmax(axis=1)
    return [(classes[int(j)], float(probs[i, j])) for i, j in enumerate(best)]
