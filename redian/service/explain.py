"""The 热解读 of one stored event: category, entities, facts, keywords, cited summary, tone,
related articles and a timeline — built from what the store holds about the event.

Articles are related to an event when one of its headlines and the article's title say the same
thing (rapidfuzz partial ratio over match keys) and the page is dated within the event's life
(± 3 days): hot lists and pages are collected separately, so the link is made when read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from rapidfuzz import fuzz

from redian.config import Settings
from redian.interpret import StateChange, TimelineEntry, interpret_event, timeline
from redian.store import Store
from redian.text import match_key
from redian.types import Article, EventView, HeadlineIn, Interpretation, Trend

__all__ = ["Explanation", "RelatedArticle", "explain_event", "related_articles"]

#: how similar a headline and an article title must be (0–100) for the article to be related
RELATED_MIN = 80.0
RELATED_SPAN = timedelta(days=3)


@dataclass(frozen=True, slots=True)
class RelatedArticle:
    page_id: int
    title: str
    where: str  # URL, else the file it was read from
    published: str | None
    score: float


@dataclass(frozen=True, slots=True)
class Explanation:
    interpretation: Interpretation
    related: tuple[RelatedArticle, ...]
    timeline: tuple[TimelineEntry, ...]


def related_articles(
    heads: Sequence[HeadlineIn], candidates: Sequence[tuple[int, Article]], limit: int = 5
) -> list[tuple[RelatedArticle, Article]]:
    keys = [k for k in (match_key(h.text) for h in heads) if len(k) >= 4]
    found: list[tuple[RelatedArticle, Article]] = []
    for page_id, article in candidates:
        # a text dump has no title: its first sentence says what it is about
        shown = article.title or _first_sentence(article.body)
        title = match_key(shown)
        if len(title) < 4 or not keys:
            continue
        score = max(
            fuzz.partial_ratio(k, title) if min(len(k), len(title)) >= 6 else fuzz.ratio(k, title)
            for k in keys
        )
        if score >= RELATED_MIN:
            where = article.url or article.path or f"page {page_id}"
            found.append((RelatedArticle(page_id, shown, where, article.published, score), article))
    found.sort(key=lambda r: (-r[0].score, r[0].page_id))
    return found[:limit]


def _first_sentence(body: str) -> str:
    for end, ch in enumerate(body[:200]):
        if ch in "。！？!?\n":
            return body[:end]
    return body[:80]


def explain_event(
    store: Store,
    view: EventView,
    states: Sequence[tuple[datetime, Trend]] = (),
    settings: Settings | None = None,
) -> Explanation:
    heads = store.event_headlines(view.id)
    candidates = store.articles_between(view.first_seen - RELATED_SPAN, view.last_seen + RELATED_SPAN)
    related = related_articles(heads, candidates)
    descs = [h.desc for h in heads if h.desc]
    interpretation = interpret_event(
        [h.text for h in heads], descs, [a for _, a in related], view.last_seen, settings=settings
    )
    # dates written in headlines ("明年", "2025年") repeat the headline itself: the timeline
    # takes dated facts from the articles and descriptions, and each headline once, when first seen
    said_in_headline = {h.text for h in heads}
    dated = [f for f in interpretation.facts if f.sentence not in said_in_headline]
    entries = timeline(heads, dated, [StateChange(t, s) for t, s in states])
    return Explanation(interpretation, tuple(r for r, _ in related), entries)
