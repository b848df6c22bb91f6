"""Extractive summary of an event: at most three sentences, each with the source it came from.

A reader must be able to check every sentence, so nothing is rewritten here: sentences are
picked from the articles and from the platforms' own descriptions (Baidu's ``desc``) by how much
of the event's vocabulary they carry (keyword IDF weight per square-rooted length, so long
sentences do not win by length alone), with a bonus for an article's lead and for figures, and
near-duplicates (the same desc on two boards) are skipped.  A story known only by its headlines
(most hot-list stories) is told by up to three of them, scored the same way: the ones that carry
most of its vocabulary, each saying something the others do not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from redian.interpret.facts import sentences
from redian.interpret.keywords import load_idf
from redian.types import SummarySentence

__all__ = ["Passage", "extractive_summary"]

_MIN_CHARS, _MAX_CHARS = 8, 160
_FIGURE = re.compile(r"\d")
_LIST_LINE = re.compile(r"^\s*(?:[-*•·]|\d+[.、])\s*")


@dataclass(frozen=True, slots=True)
class Passage:
    """A text an event is told by: an article body, a platform description or a headline."""

    text: str
    source: str  # what a reader follows to check it: URL, file path, or ``desc:<platform>``
    kind: str = "article"  # article / desc / headline


def _candidates(passages: Sequence[Passage]) -> list[tuple[int, int, str, Passage]]:
    out = []
    for p_index, passage in enumerate(passages):
        for s_index, sentence in enumerate(sentences(passage.text)):
            if _LIST_LINE.match(sentence):
                continue  # a hot list pasted below the article is not the article
            sentence = sentence.strip(" \u3000")
            if _MIN_CHARS <= len(sentence) <= _MAX_CHARS:
                out.append((p_index, s_index, sentence, passage))
    return out


def extractive_summary(
    passages: Sequence[Passage], keywords: Sequence[str], limit: int = 3
) -> tuple[SummarySentence, ...]:
    """Best ``limit`` sentences in reading order; headlines only when nothing longer exists."""
    idf = load_idf()
    weights = {k: idf.idf(k) * (1.0 - 0.05 * i) for i, k in enumerate(keywords)}
    candidates = _candidates([p for p in passages if p.kind != "headline"])
    if not candidates:
        candidates = _candidates([p for p in passages if p.kind == "headline"])
    scored = []
    for p_index, s_index, sentence, passage in candidates:
        score = sum(w for k, w in weights.items() if k in sentence) / math.sqrt(len(sentence))
        if passage.kind == "desc":
            score *= 1.3  # an editor's one-line summary of the hot item
        if s_index < 2:
            score *= 1.2  # an article's lead says what happened
        if _FIGURE.search(sentence):
            score *= 1.1
        scored.append((score, p_index, s_index, sentence, passage))
    scored.sort(key=lambda t: -t[0])
    chosen: list[tuple[int, int, str, Passage]] = []
    for _, p_index, s_index, sentence, passage in scored:
        if any(fuzz.partial_ratio(sentence, c[2]) >= 80 for c in chosen):
            continue
        chosen.append((p_index, s_index, sentence, passage))
        if len(chosen) == limit:
            break
    chosen.sort(key=lambda c: (c[0], c[1]))
    return tuple(SummarySentence(text=s, source=p.source) for _, _, s, p in chosen)
