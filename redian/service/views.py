"""JSON shapes of the board and of an event, shared by the CLI (`--json`), the API and the
dashboard's JSON twins, so that every front end says the same thing in the same words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redian.collect.platforms import platform_name
from redian.interpret import CATEGORIES, CATEGORY_NAMES
from redian.service.board import Board, EventDetail
from redian.service.explain import Explanation
from redian.service.interpret import interpretation_json
from redian.service.merge import MergeResult
from redian.service.rising import RisingEntry
from redian.service.search import SearchHit, SearchResult
from redian.service.split import SplitResult
from redian.service.watch import AlertsView
from redian.types import Alert, BoardEntry, Fact, Watch

__all__ = [
    "ENTITY_NAMES",
    "FACT_KIND_NAMES",
    "PART_NAMES",
    "TONE_NAMES",
    "TREND_ARROWS",
    "TREND_NAMES",
    "alert_json",
    "alerts_view_json",
    "board_json",
    "category_id",
    "category_name",
    "detail_json",
    "entry_json",
    "explanation_json",
    "facts_to_show",
    "merge_json",
    "passage_name",
    "rising_json",
    "search_hit_json",
    "search_json",
    "split_json",
    "watch_json",
]

# Chinese names for the ids the records carry; one table each, for the CLI and the dashboard.
TONE_NAMES = {"negative": "负面", "neutral": "中性", "positive": "正面"}
ENTITY_NAMES = {"person": "人物", "place": "地点", "org": "机构"}
TREND_NAMES = {"new": "新", "rising": "升", "peak": "顶", "falling": "降", "gone": "落"}
TREND_ARROWS = {"new": "✚", "rising": "↑", "peak": "▲", "falling": "↓", "gone": "·"}
PART_NAMES = {
    "current": "当前排名",
    "persistence": "持续在榜",
    "velocity": "上升速度",
    "reach": "跨平台系数",
    "decay": "时间衰减",
    "platforms": "平台数",
}
FACT_KIND_NAMES = {"number": "数量", "money": "金额", "percent": "比例", "date": "日期", "daterange": "时段"}
_PASSAGE_NAMES = {"headline": "热榜标题", "desc": "平台摘要"}


def passage_name(source: str) -> str:
    """Where a summary sentence came from, as a reader would say it (articles keep their name)."""
    return _PASSAGE_NAMES.get(source, source)


_FACT_ORDER = {"money": 0, "number": 1, "percent": 2, "daterange": 3, "date": 4}


def facts_to_show(facts: Sequence[Fact], limit: int) -> list[Fact]:
    """Figures first (money, numbers, percentages), then dates; each figure once: a written form
    seen before, or a shorter writing of a figure already shown (``3万`` beside ``3万元``, from
    two wordings of one headline), is left out."""
    shown: dict[str, Fact] = {}
    for fact in sorted(facts, key=lambda f: _FACT_ORDER.get(f.kind, 5)):
        if fact.text in shown or any(
            fact.value is not None and f.value == fact.value and f.text.startswith(fact.text)
            for f in shown.values()
        ):
            continue
        shown[fact.text] = fact
    return list(shown.values())[:limit]


def category_name(category: str | None) -> str | None:
    """The Chinese name of a taxonomy id (``sports`` → ``体育``), None when there is no category."""
    return CATEGORY_NAMES.get(category) if category else None


def category_id(text: str) -> str:
    """A category as people type it (``sports``, ``体育``) → its taxonomy id; ValueError otherwise."""
    wanted = text.strip()
    for ident in CATEGORIES:
        if wanted.lower() == ident or wanted == CATEGORY_NAMES[ident]:
            return ident
    known = "、".join(f"{CATEGORY_NAMES[c]} {c}" for c in CATEGORIES)
    raise ValueError(f"unknown category {text!r}; one of: {known}")


def rising_json(r: RisingEntry) -> dict[str, Any]:
    """One early warning: an event climbing a live list, flagged before it reached the top."""
    return {
        "event": r.event,
        "title": r.title,
        "source": r.source,
        "source_name": platform_name(r.source),
        "flagged_at": r.flagged_at.isoformat(),
        "flagged_rank": r.flagged_rank,
        "rank": r.rank,
        "probability": r.probability,
        "category": r.category,
        "category_name": category_name(r.category),
    }


def search_hit_json(h: SearchHit) -> dict[str, Any]:
    """One story found by ``redian search``."""
    return {
        "event": h.event,
        "title": h.title,
        "first_seen": h.first_seen.isoformat(),
        "last_seen": h.last_seen.isoformat(),
        "sources": list(h.sources),
        "source_names": [platform_name(s) for s in h.sources],
        "best_rank": h.best_rank,
        "observations": h.observations,
        "category": h.category,
        "category_name": category_name(h.category),
        "terms": list(h.terms),
        "matched": list(h.matched),
    }


def search_json(r: SearchResult) -> dict[str, Any]:
    return {
        "terms": list(r.terms),
        "since": r.since.isoformat() if r.since else None,
        "until": r.until.isoformat() if r.until else None,
        "total": r.total,
        "events": [search_hit_json(h) for h in r.hits],
    }


def entry_json(e: BoardEntry) -> dict[str, Any]:
    """One board line: the CONTRACT.md `hot` fields, then additions."""
    return {
        "position": e.position,
        "event": e.event,
        "title": e.title,
        "heat": round(e.heat, 2),
        "sources": list(e.sources),
        "first_seen": e.first_seen.isoformat(),
        "trend": e.trend,
        "source_names": [platform_name(s) for s in e.sources],
        "heat_parts": [{"name": p.name, "value": round(p.value, 4), "note": p.note} for p in e.parts],
        "category": e.category,
        "category_name": category_name(e.category),
    }


def board_json(b: Board) -> dict[str, Any]:
    return {
        "at": b.at.isoformat(),
        "window_seconds": int(b.window.total_seconds()),
        "latest": b.latest.isoformat() if b.latest else None,
        "events": [entry_json(e) for e in b.entries],
    }


def detail_json(d: EventDetail) -> dict[str, Any]:
    v = d.view
    return {
        "event": v.id,
        "title": v.title,
        "first_seen": v.first_seen.isoformat(),
        "last_seen": v.last_seen.isoformat(),
        "sources": list(v.sources),
        "aliases": list(v.aliases),
        "heat": round(d.heat, 2),
        "heat_parts": [{"name": p.name, "value": round(p.value, 4), "note": p.note} for p in d.parts],
        "headlines": [{"text": h[0], "source": h[1], "score": h[2], "reason": h[3]} for h in v.headlines],
        "observations": [
            {"source": o.source, "at": o.at.isoformat(), "rank": o.rank, "hot": o.hot} for o in v.observations
        ],
        "curve": [[t.isoformat(), round(h, 2)] for t, h in d.curve],
        "trend_history": [{"at": t.isoformat(), "state": state} for t, state in d.states],
        **(explanation_json(d.explanation) if d.explanation else {}),
    }


def explanation_json(x: Explanation) -> dict[str, Any]:
    return {
        "interpretation": interpretation_json(x.interpretation),
        "related": [
            {
                "page": r.page_id,
                "title": r.title,
                "where": r.where,
                "published": r.published,
                "score": r.score,
            }
            for r in x.related
        ],
        "timeline": [{"at": e.at, "kind": e.kind, "text": e.text, "source": e.source} for e in x.timeline],
    }


def watch_json(w: Watch, alerts: int | None = None) -> dict[str, Any]:
    """A watch as the CLI (`watch list --json`) and the API show it; ``alerts`` when counted."""
    out: dict[str, Any] = {
        "name": w.name,
        "terms": list(w.terms),
        "min_heat": w.min_heat,
        "sources": list(w.sources),
        "webhook": w.webhook,
        "early": w.early,
    }
    if alerts is not None:
        out["alerts"] = alerts
    return out


def alert_json(a: Alert) -> dict[str, Any]:
    return {
        "watch": a.watch,
        "event": a.event_id,
        "title": a.title,
        "heat": round(a.heat, 2),
        "at": a.at.isoformat(),
        "matched": list(a.matched),
        "pushed": a.pushed,
        "early": a.early,
    }


def alerts_view_json(v: AlertsView) -> dict[str, Any]:
    return {
        "watches": [watch_json(w, n) for w, n in v.watches],
        "alerts": [alert_json(a) for a in v.alerts],
    }


def split_json(r: SplitResult) -> dict[str, Any]:
    return {"event": r.event, "new_event": r.new_event, "moved": list(r.moved), "kept": r.kept}


def merge_json(r: MergeResult) -> dict[str, Any]:
    return {"event": r.event, "merged": list(r.merged), "headlines": r.headlines}
