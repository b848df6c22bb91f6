"""RSS 2.0 and Atom feeds of the hot board and of each watch's alerts, for feed readers and
newsroom tools.

Built with the standard library's ElementTree from the same records the CLI and the dashboard
show; item ids are event ids, so a reader shows each story once even when its title or heat
changes.  A watch's feed lets an analyst follow a watchlist in any reader, without a webhook.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from redian.collect.platforms import platform_name
from redian.service.board import Board
from redian.service.views import category_name
from redian.types import Alert

__all__ = ["alerts_atom", "alerts_rss", "atom_feed", "rss_feed"]

_TREND_ZH = {"new": "新上榜", "rising": "上升", "peak": "高位", "falling": "回落", "gone": "已下榜"}
_ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class _Item:
    event: str
    title: str
    published: datetime
    summary: str
    categories: tuple[str, ...] = ()


def _describe(e_heat: float, trend: str, sources: tuple[str, ...]) -> str:
    names = "、".join(platform_name(s) for s in sources)
    return f"热度 {e_heat:.1f} · {_TREND_ZH.get(trend, trend)} · 来源 {names}"


def _board_items(board: Board) -> list[_Item]:
    return [
        _Item(
            e.event,
            e.title,
            e.first_seen,
            _describe(e.heat, e.trend, e.sources),
            # the story's category first, then its platforms: what a reader filters a feed by
            tuple(filter(None, [category_name(e.category), *(platform_name(s) for s in e.sources)])),
        )
        for e in board.entries
    ]


def _alert_items(alerts: Sequence[Alert]) -> list[_Item]:
    return [
        _Item(
            a.event_id,
            a.title,
            a.at,
            f"{'即将爆发 · ' if a.early else ''}热度 {a.heat:.1f} · 命中 {'、'.join(a.matched)}",
            (a.watch,),
        )
        for a in alerts
    ]


def _document(root: ET.Element) -> bytes:
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _rss(title: str, about: str, page: str, items: list[_Item], base_url: str, at: datetime) -> bytes:
    base = base_url.rstrip("/")
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = base + page
    ET.SubElement(channel, "description").text = about
    ET.SubElement(channel, "language").text = "zh-CN"
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(at)
    for it in items:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = it.title
        ET.SubElement(item, "link").text = f"{base}/events/{it.event}"
        ET.SubElement(item, "guid", isPermaLink="false").text = f"redian-event-{it.event}"
        ET.SubElement(item, "pubDate").text = format_datetime(it.published)
        ET.SubElement(item, "description").text = it.summary
        for category in it.categories:
            ET.SubElement(item, "category").text = category
    return _document(rss)


def _atom(title: str, page: str, items: list[_Item], base_url: str, at: datetime) -> bytes:
    base = base_url.rstrip("/")
    ET.register_namespace("", _ATOM)
    feed = ET.Element(f"{{{_ATOM}}}feed", {"xml:lang": "zh-CN"})
    ET.SubElement(feed, f"{{{_ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{_ATOM}}}id").text = base + page
    ET.SubElement(feed, f"{{{_ATOM}}}updated").text = at.isoformat()
    ET.SubElement(feed, f"{{{_ATOM}}}link", href=base + page)
    for it in items:
        entry = ET.SubElement(feed, f"{{{_ATOM}}}entry")
        ET.SubElement(entry, f"{{{_ATOM}}}title").text = it.title
        ET.SubElement(entry, f"{{{_ATOM}}}id").text = f"{base}/events/{it.event}"
        ET.SubElement(entry, f"{{{_ATOM}}}link", href=f"{base}/events/{it.event}")
        ET.SubElement(entry, f"{{{_ATOM}}}updated").text = at.isoformat()
        ET.SubElement(entry, f"{{{_ATOM}}}published").text = it.published.isoformat()
        ET.SubElement(entry, f"{{{_ATOM}}}summary").text = it.summary
        for category in it.categories:
            ET.SubElement(entry, f"{{{_ATOM}}}category", term=category)
    return _document(feed)


_BOARD_TITLE = "redian 热点榜"
_BOARD_ABOUT = "跨平台合并的中文热点事件，按热度排序"


def _board_title(board: Board) -> tuple[str, str]:
    """Title and dashboard path of a board's feed: a category tab is a feed of its own."""
    if board.category:
        return f"{_BOARD_TITLE} · {category_name(board.category)}", f"/?category={board.category}"
    return _BOARD_TITLE, "/"


def rss_feed(board: Board, base_url: str) -> bytes:
    title, page = _board_title(board)
    return _rss(title, _BOARD_ABOUT, page, _board_items(board), base_url, board.at)


def atom_feed(board: Board, base_url: str) -> bytes:
    title, page = _board_title(board)
    return _atom(title, page, _board_items(board), base_url, board.at)


def alerts_rss(watch: str, alerts: Sequence[Alert], base_url: str, at: datetime) -> bytes:
    """The alerts of one watch, newest first: each story once, when it first met the watch."""
    title = f"redian 预警 · {watch}"
    about = f"关注「{watch}」命中的热点事件"
    return _rss(title, about, "/alerts", _alert_items(alerts), base_url, at)


def alerts_atom(watch: str, alerts: Sequence[Alert], base_url: str, at: datetime) -> bytes:
    return _atom(f"redian 预警 · {watch}", "/alerts", _alert_items(alerts), base_url, at)
