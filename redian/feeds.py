"""RSS 2.0 and Atom feeds of the hot board, for feed readers and newsroom tools.

Built with the standard library's ElementTree from the same :class:`~redian.service.board.Board`
the CLI and the dashboard show; item ids are event ids, so a reader shows each story once even
when its title or heat changes.
"""

from __future__ import annotations

from email.utils import format_datetime
from xml.etree import ElementTree as ET

from redian.collect.platforms import platform_name
from redian.service.board import Board

__all__ = ["atom_feed", "rss_feed"]

_TREND_ZH = {"new": "新上榜", "rising": "上升", "peak": "高位", "falling": "回落", "gone": "已下榜"}


def _describe(e_heat: float, trend: str, sources: tuple[str, ...]) -> str:
    names = "、".join(platform_name(s) for s in sources)
    return f"热度 {e_heat:.1f} · {_TREND_ZH.get(trend, trend)} · 来源 {names}"


def _document(root: ET.Element) -> bytes:
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def rss_feed(board: Board, base_url: str) -> bytes:
    base = base_url.rstrip("/")
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = "redian 热点榜"
    ET.SubElement(channel, "link").text = base + "/"
    ET.SubElement(channel, "description").text = "跨平台合并的中文热点事件，按热度排序"
    ET.SubElement(channel, "language").text = "zh-CN"
    ET.SubElement(channel, "lastBuildDate").text = format_datetime(board.at)
    for e in board.entries:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = e.title
        ET.SubElement(item, "link").text = f"{base}/events/{e.event}"
        ET.SubElement(item, "guid", isPermaLink="false").text = f"redian-event-{e.event}"
        ET.SubElement(item, "pubDate").text = format_datetime(e.first_seen)
        ET.SubElement(item, "description").text = _describe(e.heat, e.trend, e.sources)
        for source in e.sources:
            ET.SubElement(item, "category").text = platform_name(source)
    return _document(rss)


def atom_feed(board: Board, base_url: str) -> bytes:
    base = base_url.rstrip("/")
    ns = "http://www.w3.org/2005/Atom"
    ET.register_namespace("", ns)
    feed = ET.Element(f"{{{ns}}}feed", {"xml:lang": "zh-CN"})
    ET.SubElement(feed, f"{{{ns}}}title").text = "redian 热点榜"
    ET.SubElement(feed, f"{{{ns}}}id").text = f"{base}/"
    ET.SubElement(feed, f"{{{ns}}}updated").text = board.at.isoformat()
    ET.SubElement(feed, f"{{{ns}}}link", href=f"{base}/")
    for e in board.entries:
        entry = ET.SubElement(feed, f"{{{ns}}}entry")
        ET.SubElement(entry, f"{{{ns}}}title").text = e.title
        ET.SubElement(entry, f"{{{ns}}}id").text = f"{base}/events/{e.event}"
        ET.SubElement(entry, f"{{{ns}}}link", href=f"{base}/events/{e.event}")
        ET.SubElement(entry, f"{{{ns}}}updated").text = board.at.isoformat()
        ET.SubElement(entry, f"{{{ns}}}published").text = e.first_seen.isoformat()
        ET.SubElement(entry, f"{{{ns}}}summary").text = _describe(e.heat, e.trend, e.sources)
    return _document(feed)
