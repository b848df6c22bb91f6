"""The story engine: merges headlines that tell one story, online, with stable event ids.

How a headline is placed (:meth:`StoryEngine.assign`):

1. Its match key was seen before → the same event, at once (most of a snapshot is repeats).
2. Candidates come from an inverted index of rare words and names (:attr:`Profile.index`), so the
   cost does not grow with the window; only events sharing such a word are scored.
3. Each candidate event is scored by the learned pair model against its members (the most
   recent ``max_members``): the headline joins when its *mean* probability over its ``top_k``
   most similar members (all of them in a small event) and its *best* one both pass calibrated
   thresholds.  The mean is what forbids chaining: a headline must resemble several members of
   the event, not one member that itself came in through another.  An event of two members or
   more is also joined when the mean passes and the headline resembles the event *as a whole*
   (cosine with the centroid of its members' word weights, calibrated ``join_event``), though
   no single member passes the best-member threshold.
4. After the headline is placed, its event may merge with the live event it *means* the same
   as, though they share no word the steps above could weigh: the average over member pairs of
   the cosine of their static word vectors (:mod:`redian.text.vectors`, e5 distilled into a
   word table) must reach ``join_meaning`` and stand :data:`MEANING_Z` deviations above the
   event's cosines with unrelated headlines, and the two events must not name different people
   or amounts (:meth:`StoryEngine._disagree`).  Average link over whole events, not a nearest
   member, so it does not chain.  ``docs/events.md`` has the figures.
5. When the headline qualifies for several events and those events resemble each other as
   wholes (mean over member pairs), they are merged: the oldest keeps its id and the others are
   returned in :attr:`Assignment.merged` so the store keeps them as aliases.

A new event is named after its founder (:func:`event_id_for`), so replaying the same input gives
the same ids.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from redian.events.base import event_id_for, follow_aliases
from redian.events.features import (
    CONCEPT,
    Profile,
    crowding_burst,
    happenings_differ,
    pair_feature_rows,
    profile,
)
from redian.events.model import PairModel, default_model
from redian.text.vectors import Vector, WordVectors, word_vectors
from redian.types import Assignment, HeadlineIn

__all__ = ["MEANING_MIN_CHARS", "MEANING_Z", "Prepared", "StoryEngine", "meaning_vector", "prepare"]


@dataclass(frozen=True, slots=True)
class Prepared:
    """What placing a new headline needs that depends on the headline alone: computed ahead of
    the engine, in another process, by a large batch (:func:`redian.ahead.ahead`)."""

    profile: Profile
    #: its meaning vector (:func:`meaning_vector`), None for a short key or unknown words
    vector: Vector | None

    def __reduce__(self) -> tuple[type[Prepared], tuple[Profile, Vector | None]]:
        return (Prepared, (self.profile, self.vector))  # (see :meth:`Profile.__reduce__`)


def prepare(key: str, desc: str | None = None, meaning: bool = True) -> Prepared:
    """:class:`Prepared` for a match key and its description, exactly as
    :meth:`StoryEngine.assign` would compute them itself (``meaning``: with the meaning vector,
    for an engine that merges by meaning, :attr:`StoryEngine.by_meaning`)."""
    prof = profile(key, desc or None)
    table = word_vectors() if meaning else None
    return Prepared(prof, None if table is None else meaning_vector(table, prof))


@dataclass(slots=True)
class _Member:
    key: str
    text: str
    profile: Profile
    event: str
    last_seen: datetime
    #: the headline's meaning vector, kept to take it out of its event's sum again
    vector: Vector | None = None


@dataclass(slots=True)
class _Event:
    id: str
    founded: datetime
    #: in slot order, the order the headlines were first placed: a merged event's recent members
    #: (the last ``max_members``) are then the same whether the engine ran on or was reloaded from
    #: the store, which lists headlines in that order (appending a merged event's members broke
    #: "ingesting in one call or in many gives the same store")
    members: list[int] = field(default_factory=list)
    #: :meth:`StoryEngine._event_similarity`'s word centroid, its norm, and the members it sums
    centroid: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0
    summed: tuple[int, ...] = ()


@dataclass(slots=True)
class _Score:
    event: str
    mean: float
    best: float
    best_member: int
    size: int


class StoryEngine:
    """Learned, non-chaining, incremental story clustering behind :class:`EventEngine`.

    ``max_members``: how many of an event's most recent members a headline is compared with.
    8, not 16 (session 7): the same B-cubed and pairwise F1 on the three labelled days (within
    0.001) and the same early warning, for 19% fewer pairs over a year of Weibo lists."""

    def __init__(
        self,
        model: PairModel | None = None,
        max_members: int = 8,
        max_events: int = 8,
        max_postings: int = 400,
        min_mass: float = 0.0,
        max_compare: int = 16,
    ) -> None:
        self.model = model or default_model()
        self.max_compare = max_compare
        self.min_mass = min_mass
        self.max_members = max_members
        self.max_events = max_events
        self.max_postings = max_postings
        self._members: dict[int, _Member] = {}
        self._by_key: dict[str, int] = {}
        self._events: dict[str, _Event] = {}
        self._postings: dict[str, set[int]] = {}
        self._alias: dict[str, str] = {}
        self._apart: set[str] = set()
        self._next = 0
        self._meaning = _MeaningIndex(word_vectors()) if self.model.join_meaning else None

    # -- protocol ---------------------------------------------------------------------------
    def remember(self, key: str, text: str, event_id: str, at: datetime) -> None:
        event_id = self._resolve(event_id)
        slot = self._by_key.get(key)
        if slot is not None:
            member = self._members[slot]
            if at > member.last_seen:
                member.last_seen = at
            if member.event != event_id:  # the store moved it (a split or merge): follow the store
                self._remove_from_event(slot)
                self._add_to_event(slot, event_id, at)
            return
        prof = profile(key)
        self._add(key, text, prof, event_id, at, self._vector(prof))

    def assign(self, headline: HeadlineIn, prepared: Prepared | None = None) -> Assignment:
        """Place one headline; ``prepared`` is :func:`prepare` of its key and description when
        the caller computed it ahead (the answer is the same either way)."""
        slot = self._by_key.get(headline.key)
        if slot is not None:
            member = self._members[slot]
            if headline.at > member.last_seen:
                member.last_seen = headline.at
            return Assignment(member.event, False, 1.0, "标题相同", (("exact", 1.0),))
        if prepared is None:
            prof = profile(headline.key, headline.desc or None)
            vector = self._vector(prof)
        else:
            prof = prepared.profile
            vector = prepared.vector if self._meaning is not None else None
        vetoed: list[int] = []
        scores = self._score_events(prof, vetoed)
        model = self.model
        joinable = [s for s in scores if s.mean >= model.join_mean and s.best >= model.join_best]
        wholes: dict[str, float] = {}  # events joinable as a whole (step 3), by their similarity
        if model.join_event:
            # no member alone is close enough, but the headline says what the event is about
            for s in scores:
                if model.join_mean <= s.mean and s.best < model.join_best and s.size > 1:
                    whole = self._event_similarity(prof, s.event)
                    if whole >= model.join_event:
                        wholes[s.event] = whole
                        joinable.append(s)
        if not joinable:
            event_id = event_id_for(headline.key)
            self._add(headline.key, headline.text, prof, event_id, headline.at, vector)
            reason = self._why_apart(prof, vetoed[0]) if vetoed else "新事件"
            return self._merge_by_meaning(Assignment(self._resolve(event_id), True, 1.0, reason), vector)
        joinable.sort(key=lambda s: (-s.mean, -s.best, s.event))
        chosen = joinable[0]
        target, merged = self._merge_candidates(chosen, joinable[1:])
        self._add(headline.key, headline.text, prof, target, headline.at, vector)
        placed = self._explain(prof, chosen, target, merged, wholes.get(chosen.event))
        return self._merge_by_meaning(placed, vector)

    def _merge_by_meaning(self, placed: Assignment, vector: Vector | None) -> Assignment:
        """Step 4: merge the headline's event with the event it means the same as, if any.

        Asked when the headline brought a meaning vector, and for an event that grew by it only
        while the event is small or has just doubled: one more member moves the mean of a big
        event little, so checking it at sizes 1-4, 8, 16, 32… finds the merges at a cost that
        grows with the logarithm of the event, not its size."""
        meaning = self._meaning
        if meaning is None or vector is None or placed.event_id in self._apart:
            return placed
        if not placed.new and not meaning.due(placed.event_id):
            return placed
        near = meaning.nearest_event(placed.event_id, self._apart, self.model.join_meaning)
        if near is None or self._disagree(placed.event_id, near[0]):
            return placed
        other, cosine, size = near
        if placed.new:  # the headline's own fresh event goes into the older one: a join
            self._absorb(other, (placed.event_id,))
            return _by_meaning(other, cosine, size)
        mine = self._events[placed.event_id]
        theirs = self._events[other]
        survivor, old = sorted([(mine.founded, mine.id), (theirs.founded, theirs.id)])
        self._absorb(survivor[1], (old[1],))
        reason = f"{placed.reason}；与事件 {size} 条标题的词义向量平均余弦 {cosine:.2f}，合并"
        return replace(
            placed,
            event_id=survivor[1],
            reason=reason,
            signals=(*placed.signals, ("meaning", round(cosine, 3))),
            merged=tuple(sorted({*placed.merged, old[1]} - {survivor[1]})),
        )

    def _disagree(self, a: str, b: str) -> bool:
        """Whether two events name different people, different amounts of one unit, or other
        match results, and no common one: what the word model weighs and meaning vectors cannot
        see (``A股超200股涨停`` / ``A股超200股跌停`` mean alike, and so do ``马丽主演电影票房破180亿``
        / ``赵丽颖主演票房突破30亿``).  Organisations are not compared: one story often names
        several (``乌`` and ``俄`` in reports of one strike), and comparing them cost correct merges.
        Read over each event's recent members (rounds, medals, ages, dates and opponents member
        by member, as the engine keeps them apart everywhere: :meth:`_differ`)."""
        sides = []
        for event_id in (a, b):
            persons: set[str] = set()
            scores: set[str] = set()
            for slot in self._events[event_id].members[-self.max_members :]:
                prof = self._members[slot].profile
                persons.update(prof.persons)
                if "比" in prof.key or "-" in prof.key:
                    scores.update(_SCORE.findall(prof.key))
            sides.append((persons, scores))
        (persons_a, scores_a), (persons_b, scores_b) = sides
        if persons_a and persons_b and persons_a.isdisjoint(persons_b):
            return True
        if scores_a and scores_b and scores_a.isdisjoint(scores_b):
            return True  # other results: other matches (梁靖崑3比1林昀儒 / 邱党3比2梁靖崑)
        marked_a, marked_b = self._marked(a), self._marked(b)
        units_a: set[tuple[str, str]] = set().union(*(p.unit_numbers for p in marked_a))
        units_b: set[tuple[str, str]] = set().union(*(p.unit_numbers for p in marked_b))
        if units_a and units_b and units_a.isdisjoint(units_b):  # other amounts of one unit
            return not {u for u, _ in units_a}.isdisjoint({u for u, _ in units_b})
        return _any_differ(marked_a, marked_b)  # (member by member: rounds, dates, opponents)

    def keep_apart(self, event_id: str) -> None:
        """An editor split this event from another (``redian split``): it never merges again."""
        self._apart.add(event_id)

    def forget_before(self, at: datetime) -> None:
        postings = self._postings
        emptied: list[str] = []  # (their meaning rows go at once, in this order)
        for slot in [s for s, m in self._members.items() if m.last_seen < at]:
            member = self._members.pop(slot)
            del self._by_key[member.key]
            for word in member.profile.index:
                posting = postings.get(word)
                if posting is not None:
                    posting.discard(slot)
                    if not posting:
                        del postings[word]
            self._remove_from_event(slot, member, emptied)
        if self._meaning is not None:
            self._meaning.drop_all(emptied)
        live = set(self._events)
        self._alias = {old: new for old, new in self._alias.items() if new in live}

    # -- extras -----------------------------------------------------------------------------
    @property
    def by_meaning(self) -> bool:
        """Whether the engine merges events by meaning (step 4), so uses meaning vectors."""
        return self._meaning is not None

    def resolve(self, event_id: str) -> str:
        """The id an event is known by now (follows merges)."""
        return self._resolve(event_id)

    def __len__(self) -> int:
        return len(self._members)

    # -- internals --------------------------------------------------------------------------
    def _resolve(self, event_id: str) -> str:
        return follow_aliases(self._alias, event_id)

    def _vector(self, prof: Profile) -> Vector | None:
        if self._meaning is None:
            return None
        return self._meaning.vector(prof)

    def _add(
        self, key: str, text: str, prof: Profile, event_id: str, at: datetime, vector: Vector | None = None
    ) -> None:
        slot = self._next
        self._next += 1
        self._members[slot] = _Member(key, text, prof, event_id, at, vector)
        self._by_key[key] = slot
        postings = self._postings
        for word in prof.index:
            posting = postings.get(word)
            if posting is None:  # (not setdefault: it would build a set for every word)
                postings[word] = {slot}
            else:
                posting.add(slot)
        self._add_to_event(slot, event_id, at)

    def _add_to_event(self, slot: int, event_id: str, at: datetime) -> None:
        event = self._events.get(event_id)
        if event is None:
            event = self._events[event_id] = _Event(event_id, at)
        members = event.members
        if not members or slot > members[-1]:
            members.append(slot)  # (a new headline: slots grow)
        else:  # a headline the store moved here (a split or a merge)
            bisect.insort(members, slot)
        member = self._members[slot]
        member.event = event_id
        if self._meaning is not None and member.vector is not None:
            self._meaning.add(event_id, member.vector)

    def _remove_from_event(
        self, slot: int, member: _Member | None = None, emptied: list[str] | None = None
    ) -> None:
        """Take a headline out of its event (``member`` when it already left :attr:`_members`).
        An event left empty goes; with ``emptied``, its meaning row is left for the caller to
        drop with the others (:meth:`_MeaningIndex.drop_all`)."""
        member = member or self._members[slot]
        members = self._events[member.event].members
        members.remove(slot)
        if members:
            if self._meaning is not None and member.vector is not None:
                self._meaning.add(member.event, member.vector, -1.0)
        elif emptied is None:
            self._drop_if_empty(member.event)
        else:
            del self._events[member.event]
            emptied.append(member.event)

    def _drop_if_empty(self, event_id: str) -> None:
        if not self._events[event_id].members:
            del self._events[event_id]
            if self._meaning is not None:
                self._meaning.drop(event_id)

    def _why_apart(self, prof: Profile, slot: int) -> str:
        """Why a headline that resembles an event starts its own: the numbers, opponents or
        sports divisions that differ from the member that vetoed the event."""
        member = self._members[slot]
        differ = happenings_differ(prof, member.profile)
        if differ is None:  # (cannot happen: the member was vetoed for them)
            return "新事件"
        kind, mine, theirs = differ
        other = "另一场比赛" if kind in ("对手", "组别") else "另一件事"
        return f"新事件：与「{member.text}」{kind}不同（{mine} / {theirs}），{other}"

    def _score_events(self, prof: Profile, vetoed: list[int] | None = None) -> list[_Score]:
        """Every candidate event's mean and best probability for ``prof``, in event id order.
        An event with a compared member that names another round, medal, age, date, opponent or
        sports division (:func:`~redian.events.features.happenings_differ`) is no candidate; that
        member goes into ``vetoed``, for the explanation.

        This is most of the engine's time over a batch, so it is written for speed (hoisted
        lookups, shortcuts for the usual one-member event); ``tests/test_events_engine.py`` holds
        it equal, float for float, to the same scoring written plainly.
        """
        postings = self._postings
        live = self._members
        idfs = prof.idfs
        max_postings = self.max_postings
        shared: dict[int, float] = {}  # live headline → IDF mass of the indexed words it shares
        crowds: list[tuple[float, str]] = []  # (burst of the word, word)
        n_live = len(live)
        for word, crowding in zip(prof.index, prof.crowding, strict=True):
            posting = postings.get(word)
            if posting is None:
                continue
            weight = idfs[word]
            if crowding >= 0.0:  # (a word whose crowding counts: see below)
                burst = crowding_burst(len(posting), crowding, n_live)
                if burst > 0.0:
                    crowds.append((burst, word))
            if len(posting) > max_postings:
                continue  # a word in hundreds of live headlines finds nothing specific
            if shared:
                get = shared.get
                for slot in posting:
                    shared[slot] = get(slot, 0.0) + weight
            else:  # the first word's mass is its weight (0.0 + weight, without the sums)
                shared = dict.fromkeys(posting, weight)
        if not shared:
            return []
        evidence: dict[str, float] = {}
        known = evidence.get
        for slot, mass in shared.items():
            event_id = live[slot].event
            if mass > known(event_id, 0.0):
                evidence[event_id] = mass
        # only the events sharing the most specific words are scored: bounded work per headline
        events = (
            [e for e, mass in evidence.items() if mass >= self.min_mass] if self.min_mass else list(evidence)
        )
        if len(events) > self.max_events:
            events = sorted(events, key=lambda e: (-evidence[e], e))[: self.max_events]
        # a member's burst is its most surprisingly crowded shared indexed word: the first one it
        # holds, in this order (indexing depends on the word alone, so a word of ``prof.index``
        # that a live member holds is in that member's index, and in its posting); a word of
        # burst 0 gives what no word gives, so only crowded words are looked for
        if len(crowds) > 1:
            crowds.sort(reverse=True)
        top_k = self.model.top_k
        max_members, max_compare = self.max_members, self.max_compare
        by_id = self._events
        compared: list[tuple[str, list[int]]] = []
        others: list[Profile] = []
        bursts: list[float] = []
        for event_id in sorted(events):
            members = by_id[event_id].members
            if len(members) > 1:
                members = members[-max_members:]
                # members sharing an indexed word first; the others only when too few share one
                # (a member sharing no rare word or name scores low: it cannot be among the top k)
                near = [slot for slot in members if slot in shared]
                if len(near) < min(top_k, len(members)):
                    near = members
                elif len(near) > max_compare:  # the members sharing the most specific words
                    near = sorted(near, key=lambda s: (-shared[s], -s))[:max_compare]
            else:  # (a lone member is a candidate because it shares a word: it is compared)
                near = members
            compared.append((event_id, near))
            for slot in near:
                other = live[slot].profile
                burst = 0.0
                if crowds:
                    words = other.words
                    for value, word in crowds:
                        if word in words:
                            burst = value
                            break
                others.append(other)
                bursts.append(burst)
        # every candidate pair of the headline in one pass (profile looked up once)
        # (zipped, not paired: zip hands out one reused tuple, a list would keep a million)
        probabilities = self.model.pair_probabilities(prof, zip(others, bursts, strict=True))
        scores = []
        start = 0
        # (most titles: nothing to veto)
        marked = bool(prof.unit_numbers) or prof.match is not None or bool(prof.divisions)
        for event_id, near in compared:
            n = len(near)
            if marked:
                conflict = next((s for s in near if happenings_differ(prof, live[s].profile)), None)
                if conflict is not None:  # another round, medal, age, date, opponent or division
                    if vetoed is not None:
                        vetoed.append(conflict)
                    start += n
                    continue
            if n == 1:  # (the mean of one probability is that probability)
                p = probabilities[start]
                scores.append(_Score(event_id, p, p, near[0], 1))
                start += 1
                continue
            probs = probabilities[start : start + n]
            start += n
            top = sorted(probs, reverse=True)[:top_k]  # the mean over the k most similar members
            best = top[0]  # (the best member: the first of the most similar, by slot)
            best_slot = min([slot for slot, p in zip(near, probs, strict=True) if p == best])
            scores.append(_Score(event_id, sum(top) / len(top), best, best_slot, len(top)))
        return scores

    def _event_similarity(self, prof: Profile, event_id: str) -> float:
        """Cosine of the headline's IDF word weights with the centroid of the event's recent
        members (the sum of their weights): a word most members hold counts that many times, so
        a headline naming what the event is about (笑果, 霍尊) resembles the whole more than any
        one member, whose other words it does not share."""
        event = self._events[event_id]
        recent = tuple(event.members[-self.max_members :])
        if recent != event.summed:  # (kept until the members change: an event is asked often)
            members = self._members
            centroid: dict[str, float] = {}
            get = centroid.get
            for slot in recent:
                for word, weight in members[slot].profile.weights.items():
                    centroid[word] = get(word, 0.0) + weight
            event.centroid, event.summed = centroid, recent
            event.norm = math.sqrt(sum([v * v for v in centroid.values()]))
        if not event.norm:
            return 0.0
        weights, centroid = prof.weights, event.centroid
        return sum([weights[w] * centroid[w] for w in weights.keys() & centroid.keys()]) / event.norm

    def _burst(self, prof: Profile, other: Profile) -> float:
        """The burst (in the live window) of the most surprisingly crowded indexed word of ``prof``
        that ``other`` holds: the value :meth:`_score_events` gives the pair."""
        postings, words, n_live = self._postings, other.words, len(self._members)
        return max(
            [
                crowding_burst(len(postings.get(w, ())), crowding, n_live)
                for w, crowding in zip(prof.index, prof.crowding, strict=True)
                if w in words
            ],
            default=0.0,
        )

    def _event_mean(self, a: str, b: str) -> float:
        """Average-link probability between two events (recent members, bounded cost)."""
        cap = max(4, self.max_members // 3)
        ma = self._events[a].members[-cap:]
        mb = self._events[b].members[-cap:]
        if self._differ(a, b):
            return 0.0  # (as in :meth:`_score_events`: another round, medal, age or date)
        others = [self._members[y].profile for y in mb]
        total = 0.0
        for x in ma:
            px = self._members[x].profile
            pairs = [(py, self._burst(px, py)) for py in others]
            for p in self.model.pair_probabilities(px, pairs):  # (summed pair by pair, in order)
                total += p
        return total / (len(ma) * len(mb))

    def _differ(self, a: str, b: str) -> bool:
        """Whether a recent member of one event names another round, medal, age, date, opponent
        or sports division than a recent member of the other
        (:func:`~redian.events.features.happenings_differ`)."""
        return _any_differ(self._marked(a), self._marked(b))

    def _marked(self, event_id: str) -> list[Profile]:
        """The profiles of an event's recent members that give a number with a unit, name a match
        or a sports division: the only ones :func:`~redian.events.features.happenings_differ` can
        set apart."""
        members = self._members
        recent = self._events[event_id].members[-self.max_members :]
        return [p for p in (members[s].profile for s in recent) if p.unit_numbers or p.match or p.divisions]

    def _merge_candidates(self, chosen: _Score, others: list[_Score]) -> tuple[str, tuple[str, ...]]:
        apart = self._apart
        if chosen.event in apart:
            return chosen.event, ()
        group = [chosen.event] + [
            s.event
            for s in others
            if s.event not in apart and self._event_mean(chosen.event, s.event) >= self.model.merge_mean
        ]
        if len(group) == 1:
            return chosen.event, ()
        survivor = min(group, key=lambda e: (self._events[e].founded, e))
        absorbed = tuple(sorted(e for e in group if e != survivor))
        self._absorb(survivor, absorbed)
        return survivor, absorbed

    def _absorb(self, survivor: str, absorbed: tuple[str, ...]) -> None:
        into = self._events[survivor]
        for old in absorbed:
            for slot in self._events[old].members:
                self._members[slot].event = survivor
            # in slot order, as a reload from the store lists them (see :class:`_Event`)
            into.members = sorted(into.members + self._events[old].members)
            del self._events[old]
            if self._meaning is not None:
                self._meaning.absorb(survivor, old)
            self._alias[old] = survivor

    def _explain(
        self, prof: Profile, chosen: _Score, target: str, merged: tuple[str, ...], whole: float | None
    ) -> Assignment:
        best = self._members[chosen.best_member]
        features = pair_feature_rows(prof, [(best.profile, self._burst(prof, best.profile))])[0]
        shared_names = sorted(prof.names & best.profile.names)
        # shown as is to editors (CLI, dashboard, API): Chinese, numbers a reader can check
        reason = (
            f"并入：与最相近的 {chosen.size} 条平均相似度 {chosen.mean:.2f}，"
            f"最高 {chosen.best:.2f}（「{best.text}」）"
        )
        if shared_names:
            reason += f"；共同名称 {'、'.join(shared_names)}"
        event: tuple[tuple[str, float], ...] = ()
        if whole is not None:
            reason += f"；与事件整体的词语相似度 {whole:.2f}"
            event = (("event", round(whole, 3)),)
        if merged:
            reason += f"；合并了 {len(merged)} 个事件"
        signals = (
            ("mean", round(chosen.mean, 3)),
            ("best", round(chosen.best, 3)),
            *event,
            *self.model.contributions(features),
        )
        return Assignment(target, False, round(chosen.mean, 4), reason, signals, merged)


def _any_differ(a: list[Profile], b: list[Profile]) -> bool:
    return any(happenings_differ(x, y) is not None for x in a for y in b)


def _by_meaning(event_id: str, cosine: float, size: int) -> Assignment:
    reason = f"并入：与事件 {size} 条标题的词义向量平均余弦 {cosine:.2f}（意思相近）"
    return Assignment(event_id, False, round(cosine, 4), reason, (("meaning", round(cosine, 3)),))


#: a meaning merge needs the mean cosine to stand this many standard deviations above the
#: event's cosines with a background of unrelated hot-list headlines.  The cosine alone
#: (``join_meaning``) is not selective: in a sample of 30 meaning merges over the Weibo daily
#: lists of January 2024 (a three-day window holds 600-800 live events) 15 were wrong
#: (``上门喂猫别人家的猫死了`` → ``要被这个民宿老板笑死了``), because an event made of generic words
#: is close to everything; at 6 deviations (and :meth:`StoryEngine._disagree`) 21 of 30 were
#: right, the wrong ones mostly other matches of the same players.  Leaving one labelled day out
#: (``bench.events_eval``), our ordinary day's B-cubed F1 goes from 0.832 without the rule to
#: 0.865 / 0.861 / 0.849 at 5 / 6 / 7 deviations, precision 1.000, the dev day 0.755 ± 0.004;
#: the early warning through ``redian trends`` (``bench.trends_eval``, held-out days) moves
#: from F1 0.828 to 0.802 / 0.815 / 0.830, as merged hashtags stop climbing on their own.
#: (Measured against the live events instead of a fixed background, the rule scored 0.859 at 5
#: and could never fire in a window of fewer than 26 events.)  These figures are with
#: ``join_meaning`` 0.45; it is calibrated jointly with step 3 since (``events_pair.json``).
MEANING_Z = 6.0
#: match keys shorter than this have no meaning vector: ``友情婚``, ``姜妍好甜`` and ``豆瓣崩了``
#: are one or two words, and whatever generic word they hold decides their vector
MEANING_MIN_CHARS = 8
#: a match result in a match key (``3比1``, ``3-1``; not a date's ``2024-08-01``)
_SCORE = re.compile(r"(?<![\d.:/-])\d{1,3}(?:比|-)\d{1,3}(?![\d.:/-])")


def meaning_vector(table: WordVectors, prof: Profile) -> Vector | None:
    """A headline's meaning vector as step 4 compares it: its title words weighted by IDF
    (concepts are the word model's own), none for a short key."""
    if len(prof.key) < MEANING_MIN_CHARS:
        return None
    return table.vector({w: v for w, v in prof.idfs.items() if not w.startswith(CONCEPT)})


class _MeaningIndex:
    """Each live event's sum of member meaning vectors, one row of a matrix per event, so the
    mean cosine of an event with every other live event is one matrix product.  Rows stay
    packed (a dropped event's row takes the last row), so the product covers the live events
    of the window and nothing else."""

    def __init__(self, vectors: WordVectors | None) -> None:
        self.table = vectors
        dims = vectors.dims if vectors is not None else 1
        self.sums = np.zeros((64, dims), dtype=np.float32)
        self.counts = np.zeros(64, dtype=np.float32)
        #: ``max(count, 1)`` of each row, kept with the counts: the divisor of a mean
        self.divisors = np.ones(64, dtype=np.float32)
        self.row_of: dict[str, int] = {}
        self.event_of: list[str] = []

    def vector(self, prof: Profile) -> Vector | None:
        return None if self.table is None else meaning_vector(self.table, prof)

    def add(self, event_id: str, vector: Vector, sign: float = 1.0) -> None:
        row = self.row_of.get(event_id)
        if row is None:
            row = self._new_row(event_id)
        if sign > 0:  # (not ``+= sign * vector``: a temporary array a call, on every add)
            self.sums[row] += vector
        else:
            self.sums[row] -= vector
        count = self.counts[row] + sign
        self.counts[row] = count
        self.divisors[row] = max(count, 1.0)

    def drop(self, event_id: str) -> None:
        row = self.row_of.pop(event_id, None)
        if row is None:
            return
        last = len(self.event_of) - 1
        moved = self.event_of.pop()
        if row != last:  # the last row fills the hole
            self.sums[row] = self.sums[last]
            self.counts[row] = self.counts[last]
            self.divisors[row] = self.divisors[last]
            self.event_of[row] = moved
            self.row_of[moved] = row
        self.sums[last] = 0.0
        self.counts[last] = 0.0
        self.divisors[last] = 1.0

    def drop_all(self, event_ids: list[str]) -> None:
        """:meth:`drop` each event, in this order, moving the rows once: forgetting a day of a
        window drops hundreds of events, and a drop is five array operations."""
        if not event_ids:
            return
        before = len(self.event_of)
        source = list(range(before))  # the row each row's content comes from, as drops go
        for event_id in event_ids:
            row = self.row_of.pop(event_id, None)
            if row is None:
                continue
            last = len(self.event_of) - 1
            moved, content = self.event_of.pop(), source.pop()
            if row != last:  # the last row fills the hole
                source[row] = content
                self.event_of[row] = moved
                self.row_of[moved] = row
        after = len(self.event_of)
        keep = np.array(source, dtype=np.intp)
        self.sums[:after] = self.sums[keep]
        self.counts[:after] = self.counts[keep]
        self.divisors[:after] = self.divisors[keep]
        self.sums[after:before] = 0.0
        self.counts[after:before] = 0.0
        self.divisors[after:before] = 1.0

    def absorb(self, survivor: str, old: str) -> None:
        row = self.row_of.get(old)
        if row is None:
            return
        into = self.row_of.get(survivor)
        if into is None:
            into = self._new_row(survivor)
        self.sums[into] += self.sums[row]
        self.counts[into] += self.counts[row]
        self.divisors[into] = max(self.counts[into], 1.0)
        self.drop(old)

    def due(self, event_id: str) -> bool:
        """Whether an event that just grew should be compared again (see ``_merge_by_meaning``)."""
        row = self.row_of.get(event_id)
        if row is None:
            return False
        size = round(float(self.counts[row]))
        return size <= 4 or size & (size - 1) == 0

    def nearest_event(self, event_id: str, skip: set[str], least: float) -> tuple[str, float, int] | None:
        """The live event with the highest average-link cosine (at least ``least``) to
        ``event_id``'s members, if it stands :data:`MEANING_Z` deviations above the event's
        cosines with the background of unrelated headlines: (id, mean, members)."""
        row = self.row_of.get(event_id)
        n = len(self.event_of)
        if self.table is None or row is None or n < 2 or self.counts[row] < 0.5:
            return None
        centroid = self.sums[row] / float(self.counts[row])
        means = self.sums[:n] @ centroid
        means /= self.divisors[:n]
        means[row] = -2.0
        for other in skip:
            at = self.row_of.get(other)
            if at is not None:
                means[at] = -2.0
        best = int(means.argmax())
        cosine = float(means[best])
        if cosine < least:
            return None
        # the background's mean and spread for this centroid, from its first two moments
        mean = float(self.table.background_mean @ centroid)
        spread = math.sqrt(
            max(float(centroid @ (self.table.background_moment @ centroid)) - mean * mean, 0.0)
        )
        if cosine < mean + MEANING_Z * spread:
            return None  # not far above what any headline scores: a generic meaning, not this story
        return self.event_of[best], cosine, round(float(self.counts[best]))

    def _new_row(self, event_id: str) -> int:
        row = len(self.event_of)
        if row == len(self.counts):
            self.sums = np.concatenate([self.sums, np.zeros_like(self.sums)])
            self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
            self.divisors = np.concatenate([self.divisors, np.ones_like(self.divisors)])
        self.event_of.append(event_id)
        self.row_of[event_id] = row
        return row
