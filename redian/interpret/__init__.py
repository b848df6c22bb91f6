"""热解读: what an event or an article is about, who is in it, its figures, words, summary, tone.

The same engine serves one page (``redian interpret``) and one event (headlines from several
boards, their descriptions and any ingested articles)::

    classify(titles)                     -> [(category id, probability), ...]
    story_category(headlines)            -> (category id, probability) of one story
    interpret_article(article)           -> Interpretation
    interpret_event(headlines, descs, articles, reference_time) -> Interpretation
    timeline(headlines, facts, states)   -> (TimelineEntry, ...) oldest first

Everything runs offline with shipped models; an LLM backend is used only when configured, and
its summary replaces the extractive one only when every sentence cites a source.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import httpx
import numpy as np
import numpy.typing as npt

from redian.config import Settings
from redian.interpret.classify import (
    CATEGORIES,
    CATEGORY_NAMES,
    Domain,
    classify,
    probabilities,
)
from redian.interpret.entities import entities_of, name_passages
from redian.interpret.facts import extract_facts
from redian.interpret.keywords import keywords
from redian.interpret.llm import llm_summary
from redian.interpret.summary import Passage, extractive_summary
from redian.interpret.timeline import StateChange, TimelineEntry, timeline
from redian.interpret.tone import tone
from redian.text.normalize import match_key
from redian.types import CHINA_TZ, Article, Fact, Interpretation

__all__ = [
    "CATEGORIES",
    "CATEGORY_NAMES",
    "Passage",
    "StateChange",
    "TimelineEntry",
    "classify",
    "extract_facts",
    "interpret_article",
    "interpret_event",
    "parse_published",
    "story_categories",
    "story_category",
    "timeline",
]

_LEAD_CHARS = 300
_LAC_CHARS = 500  # LAC reads this much of each article (0.13 ms a character; 200 ms budget)
_LAC_BUDGET = 900  # and this much of one event in all
_MAX_FACT_TEXTS = 3  # articles read for facts (jionlp costs ~50 ms an article)
_CLASSIFY_LEAD = 120
_MAX_FACTS = 40


def parse_published(value: str | None) -> datetime | None:
    """An Article's ISO ``published`` as an aware datetime (naive times are Beijing time)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=CHINA_TZ)


def _source(article: Article, index: int) -> str:
    return article.url or article.path or (article.title or f"article:{index + 1}")


def _lac_budget(short: Sequence[str], articles: Sequence[Article]) -> tuple[list[str], list[str]]:
    """Split an event's texts into what LAC tags (distinct short texts first, then article
    passages, up to :data:`_LAC_BUDGET` characters) and what is only searched for names."""
    tagged: list[str] = []
    rest: list[str] = []
    used = 0
    seen: set[str] = set()
    for text in short:
        key = match_key(text)
        if key in seen:
            continue
        seen.add(key)
        (tagged if used + len(text) <= _LAC_BUDGET else rest).append(text)
        used += len(text)
    for article in articles:
        for passage in name_passages(article.body, _LAC_CHARS):
            (tagged if used + len(passage) <= _LAC_BUDGET else rest).append(passage)
            used += len(passage)
        rest.append(article.body)
    return tagged, rest


def story_category(hot: Sequence[str], news: Sequence[str] = ()) -> tuple[str | None, float]:
    """One category for a story: the mean probability over its texts; hot-list headlines and
    descriptions are read by their form (short terms by the hot head, full headlines by the news
    head), article titles and leads by the news head."""
    rows = []
    domain: Domain
    for domain, texts in (("auto", hot), ("news", news)):
        texts = [t for t in texts if t and t.strip()]
        if texts:
            rows.append(probabilities(texts, domain))
    if not rows:
        return None, 0.0
    return _most_likely(np.concatenate(rows))


def story_categories(stories: Sequence[Sequence[str]]) -> list[tuple[str | None, float]]:
    """:func:`story_category` of many stories' headlines at once (a board's worth): one pass of
    the classifier over all texts costs a tenth of one call per story."""
    groups = [[t for t in texts if t and t.strip()] for texts in stories]
    flat = [t for texts in groups for t in texts]
    if not flat:
        return [(None, 0.0)] * len(groups)
    probs = probabilities(flat, "auto")
    out: list[tuple[str | None, float]] = []
    start = 0
    for texts in groups:
        if not texts:
            out.append((None, 0.0))
            continue
        out.append(_most_likely(probs[start : start + len(texts)]))
        start += len(texts)
    return out


def _most_likely(rows: npt.NDArray[np.floating[Any]]) -> tuple[str, float]:
    """The category of a story's texts: the best of their mean probabilities, with it."""
    mean = rows.mean(axis=0)
    best = int(np.argmax(mean))
    return CATEGORIES[best], float(mean[best])


def interpret_event(
    headlines: Sequence[str],
    descs: Sequence[str],
    articles: Sequence[Article],
    reference_time: datetime | None,
    *,
    settings: Settings | None = None,
    http: httpx.Client | None = None,
) -> Interpretation:
    """The 热解读 of one event from its headlines, platform descriptions and articles.

    ``reference_time`` resolves relative dates in headlines and descriptions (articles use their
    own publish time).  With ``settings`` naming an LLM backend the summary is abstractive and
    cited; otherwise, or when the backend fails, it is extractive.
    """
    headlines = [h for h in headlines if h and h.strip()]
    descs = [d for d in descs if d and d.strip()]
    article_titles = [a.title for a in articles if a.title]
    titles = [*headlines, *article_titles]
    leads = [a.body[:_CLASSIFY_LEAD] for a in articles if a.body.strip()]
    hot_texts = [*headlines, *(d[:_CLASSIFY_LEAD] for d in descs)]
    category, score = story_category(hot_texts, [*article_titles, *leads])

    lac_texts, rest = _lac_budget([*titles, *descs], articles)
    entities = entities_of(lac_texts, rest)

    facts: list[Fact] = []
    for article in articles[:_MAX_FACT_TEXTS]:
        published = parse_published(article.published) or reference_time
        facts.extend(extract_facts(article.body, published))
    for text in [*descs, *titles]:
        facts.extend(extract_facts(text, reference_time))
    unique = list({(f.text, f.sentence): f for f in facts}.values())[:_MAX_FACTS]

    names = [n for group in entities.values() for n in group]
    texts = [*titles, *descs, *(a.body for a in articles)]
    words = keywords(texts, names)

    passages = [
        *(Passage(a.body, _source(a, i), "article") for i, a in enumerate(articles) if a.body.strip()),
        *(Passage(d, "desc", "desc") for d in descs),
        *(Passage(h, "headline", "headline") for h in headlines),
    ]
    summary = None
    if settings is not None:
        summary = llm_summary(passages, settings, http)
    if summary is None:
        summary = extractive_summary(passages, words)

    bodies = [*descs, *(a.body[:_LEAD_CHARS] for a in articles)]
    return Interpretation(
        category=category,
        category_score=round(score, 4),
        entities=entities,
        facts=tuple(unique),
        keywords=words,
        summary=summary,
        tone=tone(titles, bodies),
    )


def interpret_article(
    article: Article,
    *,
    reference_time: datetime | None = None,
    settings: Settings | None = None,
    http: httpx.Client | None = None,
) -> Interpretation:
    """The 热解读 of one article: an event of one article and no hot-list headline.

    Dates resolve against the article's publish time, else ``reference_time``, else now.  The
    category comes from the news head (title and lead), as for an event's articles.
    """
    published = parse_published(article.published) or reference_time
    return interpret_event([], [], [article], published, settings=settings, http=http)
