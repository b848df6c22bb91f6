"""Keywords of an event: words its texts use often and hot lists use rarely.

Document frequencies come from the hot-list streams (``redian/models/events_idf.tsv.gz``, mined
by ``bench/train_events.py idf`` with the same segmenter), not from a generic corpus, so words
that every hot list repeats (``回应``, ``网友``) score low and fresh names score high.

Fragments: a segmenter cuts a fresh name into pieces (``姆巴/佩``).  Names found by LAC are
therefore added as whole candidates, and a candidate that only ever appears inside a longer
candidate is dropped, so ``姆巴`` never shows when ``姆巴佩`` is there.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from redian.text.normalize import clean_title

__all__ = ["Idf", "keywords", "load_idf", "tokens", "words_of", "wordset"]

_IDF_FILE = "events_idf.tsv.gz"
_WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·\-+.]*$")


def wordset(text: str) -> frozenset[str]:
    """A word list written as one space-separated string (easier to read and extend)."""
    return frozenset(text.split())


_FIGURE_PIECE = re.compile(r"^[多余几约近]?[十百千万亿]+[元人个次家台辆吨]?$")
_STOP = wordset(
    "我们 你们 他们 她们 什么 怎么 为什么 这个 那个 这些 那些 一个 没有 不是 就是 还是 已经 可以 "
    "因为 所以 但是 如果 以及 其中 通过 进行 相关 表示 目前 今年 去年 明年 今天 昨天 近日 日前 "
    "记者 报道 网友 回应 发布 消息 情况 问题 工作 方面 有关 一些 多少 真的 竟然 终于 突然 "
    "热解读 视频 图片 组图 直播 最新 官方 中国 我国 全国 发展 推动 加快 提出 要求 重要 开展 "
    "只不过 不过 而且 然而 因此 于是 甚至 仍然 还有 之后 当时 时候 一直 如今 这样 那样 其实"
)


@dataclass(frozen=True, slots=True)
class Idf:
    docs: int
    df: dict[str, int]

    def idf(self, word: str) -> float:
        """Smoothed IDF; an unseen word counts as seen twice (unseen is often a fragment or typo)."""
        return math.log((self.docs + 1) / (self.df.get(word, 2) + 1)) + 1.0


@cache
def load_idf() -> Idf:
    """Stream document frequencies shipped with redian (empty when the file is missing)."""
    ref = resources.files("redian").joinpath("models", _IDF_FILE)
    if not ref.is_file():
        return Idf(1, {})
    df: dict[str, int] = {}
    docs = 1
    with resources.as_file(ref) as path, gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            word, _, count = line.rstrip("\n").partition("\t")
            if word == "__docs__":
                docs = int(count)
            elif count.isdigit():
                df[word] = int(count)
    return Idf(docs, df)


def _cut(text: str) -> list[str]:
    try:
        from redian.text.segment import cut
    except ImportError:  # the shared segmenter is optional; plain rjieba does the same job
        import rjieba

        return list(rjieba.cut(text))
    return cut(text)


def words_of(text: str) -> list[str]:
    """All segmenter words of ``text`` (cleaned), as the shared segmenter cuts them."""
    return _cut(clean_title(text))


def tokens(text: str) -> list[str]:
    """Candidate words of ``text``: segmenter words of two or more characters, no stop words,
    no pieces of figures (``多万元`` from ``100多万元``)."""
    return [
        w
        for w in _cut(clean_title(text))
        if len(w) >= 2 and _WORD.match(w) and w not in _STOP and not _FIGURE_PIECE.match(w)
    ]


def _drop_fragments(counts: Counter[str]) -> None:
    """Remove candidates that never occur outside a longer candidate (``姆巴`` in ``姆巴佩``)."""
    for word in sorted(counts, key=len):
        holders = [c for c in counts if c != word and word in c]
        if holders and counts[word] <= sum(counts[h] for h in holders):
            del counts[word]


def keywords(texts: Sequence[str], names: Iterable[str] = (), limit: int = 8) -> tuple[str, ...]:
    """The ``limit`` best keywords of a group of texts; ``names`` (people, places, orgs) kept whole."""
    idf = load_idf()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(tokens(text))
    joined = "\n".join(clean_title(t) for t in texts)
    for name in names:
        if len(name) >= 2 and name not in _STOP:
            counts[name] = max(counts[name], joined.count(name))
    _drop_fragments(counts)
    scored = sorted(((1.0 + math.log(c)) * idf.idf(w), w) for w, c in counts.items() if c > 0)
    return tuple(w for _, w in reversed(scored))[:limit]
