"""Platform ids and the Chinese names users know them by."""

from __future__ import annotations

from redian.types import Source

__all__ = ["PLATFORM_NAMES", "platform_name", "source_of"]

PLATFORM_NAMES = {
    "weibo": "微博",
    "baidu": "百度",
    "toutiao": "头条",
    "zhihu": "知乎",
    "douyin": "抖音",
    "bilibili": "B站",
    "kuaishou": "快手",
    "douban": "豆瓣",
    "thepaper": "澎湃",
    "tieba": "贴吧",
    "qq": "腾讯",
    "netease": "网易",
    "sina": "新浪",
    "ifeng": "凤凰",
    "36kr": "36氪",
    "ithome": "IT之家",
    "wallstreetcn": "华尔街见闻",
    "cls": "财联社",
    "github": "GitHub",
    "hackernews": "Hacker News",
}


def platform_name(source: str) -> str:
    """``weibo`` → 微博; ``page:x.txt`` → 页面 x.txt; ``rss:host`` → host; unknown ids unchanged."""
    if source.startswith("page:"):
        return "页面 " + source[5:]
    if source.startswith("rss:"):
        return source[4:]
    return PLATFORM_NAMES.get(source, source)


def source_of(source_id: str, snapshots: int = 0) -> Source:
    if source_id.startswith("page:"):
        return Source(source_id, platform_name(source_id), "page", snapshots)
    if source_id.startswith("rss:"):
        return Source(source_id, platform_name(source_id), "feed", snapshots)
    return Source(source_id, platform_name(source_id), "platform", snapshots)
