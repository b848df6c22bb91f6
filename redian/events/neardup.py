"""First events engine: exact match keys, then near duplicates.

Candidates come from MinHash LSH over character bigrams (rensa), so placing a headline costs
the same whatever the size of the window; each candidate is then checked with rapidfuzz's
normalized Indel similarity.  Numbers written in both headlines must agree (``45岁`` vs ``46岁``
are two different people).  A headline joins the event of its single best candidate: there is
no transitive walk, so a cluster cannot chain from story to story.

This engine catches repeats, typos and shortened forms; different wordings of one happening
are the job of the story-merging engine (issue 4) that replaces it behind the same protocol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz
from rensa import RMinHash, RMinHashLSH

from redian.events.base import event_id_for
from redian.types import Assignment, HeadlineIn

__all__ = ["NearDupEngine"]

_NUM = re.compile(r"\d+(?:\.\d+)?")


@dataclass(slots=True)
class _Known:
    key: str
    event_id: str
    last_seen: datetime
    numbers: frozenset[str]


def _shingles(key: str) -> list[str]:
    if len(key) < 2:
        return [key]
    return [key[i : i + 2] for i in range(len(key) - 1)]


class NearDupEngine:
    """MinHash candidates + rapidfuzz verification; ``threshold`` is on a 0–100 scale."""

    def __init__(self, threshold: float = 78.0, num_perm: int = 64, seed: int = 7) -> None:
        self.threshold = threshold
        self._num_perm = num_perm
        self._seed = seed
        self._lsh = RMinHashLSH(threshold=0.3, num_perm=num_perm, num_bands=32)
        self._by_key: dict[str, int] = {}
        self._known: dict[int, _Known] = {}
        self._next = 0

    # -- protocol ---------------------------------------------------------------------------
    def remember(self, key: str, text: str, event_id: str, at: datetime) -> None:
        slot = self._by_key.get(key)
        if slot is not None:
            known = self._known[slot]
            known.event_id = event_id
            if at > known.last_seen:
                known.last_seen = at
            return
        slot = self._next
        self._next += 1
        self._by_key[key] = slot
        self._known[slot] = _Known(key, event_id, at, frozenset(_NUM.findall(key)))
        self._lsh.insert(slot, self._minhash(key))

    def assign(self, headline: HeadlineIn) -> Assignment:
        key = headline.key
        slot = self._by_key.get(key)
        if slot is not None:
            known = self._known[slot]
            if headline.at > known.last_seen:
                known.last_seen = headline.at
            return Assignment(known.event_id, False, 1.0, "标题相同", (("exact", 1.0),))
        best = self._best_candidate(key)
        if best is not None:
            event_id, score = best
            self.remember(key, headline.text, event_id, headline.at)
            return Assignment(
                event_id, False, score / 100, f"标题相近 {score:.0f}（minhash+fuzz）", (("fuzz", score),)
            )
        event_id = event_id_for(key)
        self.remember(key, headline.text, event_id, headline.at)
        return Assignment(event_id, True, 1.0, "新事件")

    def keep_apart(self, event_id: str) -> None:
        """Nothing to do: this engine never merges two events."""

    def forget_before(self, at: datetime) -> None:
        for slot in [s for s, k in self._known.items() if k.last_seen < at]:
            known = self._known.pop(slot)
            del self._by_key[known.key]
            self._lsh.remove(slot)

    # -- internals --------------------------------------------------------------------------
    def _minhash(self, key: str) -> RMinHash:
        mh = RMinHash(num_perm=self._num_perm, seed=self._seed)
        mh.update(_shingles(key))
        return mh

    def _best_candidate(self, key: str) -> tuple[str, float] | None:
        if len(key) < 4:  # too short to tell a repeat from a coincidence
            return None
        numbers = frozenset(_NUM.findall(key))
        scored: list[tuple[float, str]] = []
        for slot in self._lsh.query(self._minhash(key)):
            known = self._known.get(slot)
            if known is None or len(known.key) < 4:
                continue
            if numbers and known.numbers and not (numbers & known.numbers):
                continue
            score = fuzz.ratio(key, known.key)
            if score >= self.threshold:
                scored.append((score, known.event_id))
        if not scored:
            return None
        # deterministic: the highest score wins, ties go to the smallest event id
        score, event_id = min(scored, key=lambda c: (-c[0], c[1]))
        return event_id, score
