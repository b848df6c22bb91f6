"""Plain-text page dumps: byline, column marker, article paragraphs and headline lists.

A dump is what a copy of a news page leaves behind (the seed page is one): perhaps a byline on
its own line, a column marker glued to the first sentence (``热解读12月11日至12日,…``), the
paragraphs, and then hot lists and "related" links, one headline a line.  Lines are segmented
by what they look like: a paragraph is long and ends a sentence; a list line is bulleted,
numbered, follows a list header (``热搜榜``, ``相关阅读``), or belongs to a run of short lines
without sentence punctuation.  Every list line goes to ``lists`` and none to the body.
"""

from __future__ import annotations

import re
from datetime import date

from redian.pages._parts import PageParts
from redian.pages.meta import Fold, author_from_lines, find_dates, is_person_name, script_fold

__all__ = ["segment_dump"]

_BULLET = re.compile(
    r"^\s*(?:[-*•·●◆◇▪▸►○■□★☆→]|\d{1,3}\s*[.、)）:：](?!\d)|[（(]\d{1,3}[)）]|【\d{1,3}】|\[\d{1,3}\]|#\d{1,3})\s*"
)
_LIST_HEADER = re.compile(
    r"^\s*[【\[（(#]?\s*(?:[\u4e00-\u9fffA-Za-z]{0,6})?"
    r"(?:热搜榜?|热榜|热点榜?|热门(?:推荐|文章|新闻|话题|排行)?|排行榜?|榜单|相关(?:阅读|新闻|文章|推荐|报道|链接)|"
    r"推荐阅读|延伸阅读|扩展阅读|猜你喜欢|大家都在看|更多(?:新闻|阅读|精彩)?|精彩推荐|热文|今日热点|"
    r"热点新闻|24小时热[文点]|实时热点|要闻|往期回顾|往期推荐|新闻排行|点击排行|阅读排行)"
    r"\s*[】\]）)]?\s*(?:[:：>»]|TOP\s*\d+)?\s*$",
    re.IGNORECASE,
)
#: column markers that papers glue to a story's first sentence
_COLUMNS = (
    "热解读",
    "热评",
    "快评",
    "短评",
    "时评",
    "锐评",
    "社评",
    "观察",
    "独家",
    "深度",
    "解读",
    "评论",
    "聚焦",
    "视点",
    "特稿",
    "专栏",
    "快讯",
    "速递",
    "声音",
    "热点",
    "头条",
    "要闻",
    "深读",
    "微评",
    "央视快评",
    "新华时评",
    "人民时评",
    "国际锐评",
    "钧声",
    "侠客岛",
    "长安街知事",
)
_COLUMN_GLUED = re.compile(
    "^(" + "|".join(sorted(map(re.escape, _COLUMNS), key=len, reverse=True)) + r")\s*[丨|｜:：·]?\s*(?=\S)"
)
_COLUMN_BRACKET = re.compile(r"^\s*[【\[]([^】\]\s]{2,10})[】\]]\s*")
_SENTENCE_END = re.compile(r"[。！？!?…”」』)）.;；]$")
_SENTENCE_PUNCT = re.compile(r"[。；;，,]")
_CREDIT_LINE = re.compile(
    r"^[（(【\[]?\s*(?:责任编辑|责编|编辑|主编|作者|来源|稿源|记者|通讯员|撰文|摄影|图|文)\s*[:：/／]"
)
_ITEM_PUNCT = re.compile(r"[.,:;，。：；]")
_RANK_PREFIX = re.compile(r"^(?:TOP\s*)?\d{1,3}\s+(?=\S)", re.IGNORECASE)
_HOT_SUFFIX = re.compile(r"\s+\d+(?:\.\d+)?\s*[万亿wW]?\s*(?:热度|热|次|阅读|讨论|搜索|浏览)?$")
_QUESTION = re.compile(r"[，。？！?!；;]")
_DATE_LINE = re.compile(r"^[\s\d年月日:：\-/.时分秒TZ+来源发布时间更新于]*$")


def _headline_like(line: str) -> bool:
    """Short, no sentence punctuation, not bracketed: how a hot-list line looks without a bullet."""
    if not 2 <= len(line) <= 45:
        return False
    if line[0] in "（(" or line[-1] in "。，,；;：:":
        return False
    if find_dates(line):
        return False
    return len(_SENTENCE_PUNCT.findall(line)) <= 1 and "。" not in line


def _bare_title(item: str) -> str:
    """``1 女孩400斤被判死刑 4921843`` → the headline without its rank and hot value."""
    bare = _HOT_SUFFIX.sub("", _RANK_PREFIX.sub("", item))
    return bare if len(bare) >= 2 else item


def _bullet_item(line: str) -> str | None:
    match = _BULLET.match(line)
    if not match:
        return None
    rest = line[match.end() :].strip()
    if not rest:
        return None
    marker = match.group(0).strip()
    # "1. 长句子，……。" is a numbered paragraph, not a list line
    if (marker[:1].isdigit() or marker[:1] in "（([【") and len(_ITEM_PUNCT.findall(rest)) >= 2:
        return None  # "[1] 章炳林. C2C电子商务…[D]. 合肥: …" is a reference, not a headline
    if (marker[:1].isdigit() or marker[:1] in "（(") and (len(rest) > 45 or rest.endswith("。")):
        return None
    return rest


def _take_byline(lines: list[str], parts: PageParts, latest: date | None, fold: Fold) -> list[int]:
    """Indices of the lines left after byline, date, title and credit lines were taken out."""
    kept = list(range(len(lines)))
    # a name alone on the first line (the seed's 慕翠), or "作者：…" / "责任编辑：…" lines
    while kept:
        first = lines[kept[0]]
        if len(first) <= 12 and is_person_name(first.replace(" ", "")):
            parts.author = parts.author or first.replace(" ", "")
            kept.pop(0)
            continue
        if len(first) <= 60 and _DATE_LINE.match(first) and find_dates(first, latest):
            parts.published = parts.published or find_dates(first, latest)[0].iso
            kept.pop(0)
            continue
        if len(first) <= 60:
            name, rank = author_from_lines([first], fold)
            if name and rank <= 4 and not _SENTENCE_END.search(first):
                parts.author = parts.author or name
                dates = find_dates(first, latest)
                if dates:
                    parts.published = parts.published or dates[0].iso
                kept.pop(0)
                continue
        break
    # a title: a short unpunctuated first line followed by a longer paragraph
    if len(kept) >= 2:
        first, second = lines[kept[0]], lines[kept[1]]
        if (
            _headline_like(first)
            and len(second) > len(first) * 2
            and not _BULLET.match(first)
            and (not _COLUMN_GLUED.match(fold(first)) or len(first) > 8)
        ):
            parts.title = first
            kept.pop(0)
    # credit lines anywhere ("责任编辑：慕翠" often sits between the article and the lists)
    left = []
    for i in kept:
        line = lines[i]
        credit = _CREDIT_LINE.match(fold(line)) if len(line) <= 40 else None
        # "记者：你们的农机大市场在哪？" is an interview question, not a credit
        if credit and len(line) - credit.end() <= 20 and not _QUESTION.search(line[credit.end() :]):
            name, _rank = author_from_lines([line], fold)
            if name and parts.author is None:
                parts.author = name
            continue
        left.append(i)
    return left


def _split_lists(lines: list[str], blank_before: list[bool], fold: Fold) -> tuple[list[str], list[list[str]]]:
    """Body lines and headline lists (bulleted, under a header, or a trailing run of headlines)."""
    n = len(lines)
    is_list = [False] * n
    items: list[str | None] = [None] * n
    header = [bool(_LIST_HEADER.match(fold(line))) and len(line) <= 20 for line in lines]
    for i, line in enumerate(lines):
        item = _bullet_item(line)
        if item is not None:
            items[i] = item
    # a run of bulleted lines (two or more) is a list; a single bullet may be a dash in prose
    for i in range(n):
        if items[i] is not None and (
            (i > 0 and items[i - 1] is not None)
            or (i + 1 < n and items[i + 1] is not None)
            or header[i - 1 if i else 0]
        ):
            is_list[i] = True
    # lines after a header, until a real paragraph
    for i in range(n):
        if header[i]:
            is_list[i] = True
            j = i + 1
            while j < n and not header[j] and (items[j] is not None or _headline_like(lines[j])):
                is_list[j] = True
                j += 1
    # a trailing run of headline-like lines (three or more) closing the dump
    j = n
    while j > 0 and (is_list[j - 1] or _headline_like(lines[j - 1])):
        line = lines[j - 1]
        # "预祝大会圆满成功！" right under a paragraph is the article's last line, not a headline
        if not is_list[j - 1] and line[-1] in "！!？?…" and j >= 2 and not _headline_like(lines[j - 2]):
            break
        j -= 1
    if n - j >= 3 and j > 0:
        for k in range(j, n):
            is_list[k] = True
    body: list[str] = []
    lists: list[list[str]] = []
    current: list[str] | None = None
    for i, line in enumerate(lines):
        if not is_list[i]:
            body.append(line)
            current = None
            continue
        if header[i]:
            current = []
            lists.append(current)
            continue
        if current is None or (blank_before[i] and current):
            current = []
            lists.append(current)
        item = items[i]
        current.append(_bare_title(item if item is not None else line))
    return body, [lst for lst in lists if lst]


def _take_column(body: list[str], parts: PageParts, fold: Fold) -> list[str]:
    if not body:
        return body
    first = body[0]
    if fold(first) in _COLUMNS or (_COLUMN_BRACKET.fullmatch(first) and len(first) <= 12):
        parts.column = first.strip("【】[] ")
        return body[1:]
    match = _COLUMN_GLUED.match(fold(first))
    if match and len(first) > match.end() + 8:
        parts.column = first[: match.end(1)]
        return [first[match.end() :], *body[1:]]
    match = _COLUMN_BRACKET.match(first)
    if match and len(first) > match.end() + 8:
        parts.column = match.group(1)
        return [first[match.end() :], *body[1:]]
    return body


def segment_dump(text: str, latest: date | None = None) -> PageParts:
    """Split a plain-text dump into its parts; never raises on any text."""
    parts = PageParts()
    lines: list[str] = []
    blank_before: list[bool] = []
    blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip().strip("\u3000\ufeff\xa0").strip()
        if not line:
            blank = True
            continue
        lines.append(line)
        blank_before.append(blank)
        blank = False
    fold = script_fold(text)
    kept = _take_byline(lines, parts, latest, fold)
    body, lists = _split_lists([lines[i] for i in kept], [blank_before[i] for i in kept], fold)
    body = _take_column(body, parts, fold)
    if parts.published is None:
        for line in body[:2] + body[-2:]:
            if len(line) <= 40:
                dates = find_dates(line, latest)
                if dates:
                    parts.published = dates[0].iso
                    break
    parts.paragraphs = body
    parts.lists = lists
    return parts
