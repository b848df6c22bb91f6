"""Use case ``search``: which stories of the stored history mention these words.

Analysts ask "what was said about 极越 this month?" long after the boards moved on.  The terms
are those of a watch (``词`` any of, ``+词`` must have, ``!词`` must not have), matched on every
headline of a story after the same normalization (width, script, punctuation), so a search and a
watch with the same terms agree.  Each story is listed once, with the headlines that matched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from redian.errors import ConfigError
from redian.interpret import story_categories
from redian.service.watch import matches, parse_terms
from redian.store import Store
from redian.text import match_key
from redian.types import CHINA_TZ, Watch

__all__ = ["SearchHit", "SearchResult", "search"]

_EARLIEST = datetime(1990, 1, 1, tzinfo=CHINA_TZ)


@dataclass(frozen=True, slots=True)
class SearchHit:
    event: str
    title: str
    first_seen: datetime
    last_seen: datetime
    sources: tuple[str, ...]
    best_rank: int
    observations: int
    #: the story's headlines that hold a term, most recently seen first
    matched: tuple[str, ...]
    #: the terms that matched
    terms: tuple[str, ...]
    category: str | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    terms: tuple[str, ...]
    since: datetime | None
    until: datetime | None
    hits: tuple[SearchHit, ...]
    #: stories found before ``top`` cut the list
    total: int


def search(
    store: Store,
    terms: Sequence[str],
    since: datetime | None = None,
    until: datetime | None = None,
    sources: Sequence[str] = (),
    top: int = 50,
) -> SearchResult:
    """Stories with a headline seen in ``[since, until]`` that match ``terms``, the most
    recently seen first (ConfigError on terms no search can use)."""
    cleaned = parse_terms(terms)
    if any(t.startswith("~") for t in cleaned):
        raise ConfigError("search matches words; meaning terms (~描述) work in watches only")
    literal = [t for t in cleaned if t[:1] != "!"]
    keys = [match_key(t[1:] if t[:1] == "+" else t) for t in literal]
    found = store.headlines_containing(keys, since or _EARLIEST, until or datetime.now(CHINA_TZ))
    if not found:
        return SearchResult(cleaned, since, until, (), 0)
    probe = Watch("search", cleaned)
    every = store.headline_texts(found, until)
    matched_terms = {e: matches(probe, every.get(e, [])) for e in found}
    kept = [e for e, hit in matched_terms.items() if hit]
    spans = store.event_spans(kept, sources)
    ranked = sorted(spans.values(), key=lambda s: (-s.last_seen.timestamp(), -s.observations, s.event_id))
    chosen = ranked[:top]
    titles = store.event_names([s.event_id for s in chosen])
    kinds = story_categories([every.get(s.event_id, []) for s in chosen])
    keyset = [k for k in keys if k]
    hits = tuple(
        SearchHit(
            event=s.event_id,
            title=titles.get(s.event_id) or found[s.event_id][0],
            first_seen=s.first_seen,
            last_seen=s.last_seen,
            sources=s.sources,
            best_rank=s.best_rank,
            observations=s.observations,
            matched=tuple(t for t in found[s.event_id] if any(k in match_key(t) for k in keyset)),
            terms=matched_terms[s.event_id],
            category=kind,
        )
        for s, (kind, _) in zip(chosen, kinds, strict=True)
    )
    return SearchResult(cleaned, since, until, hits, len(ranked))
