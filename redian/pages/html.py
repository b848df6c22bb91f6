"""Chinese news HTML → article fields.

The body comes from :mod:`redian.pages._blocks` (density-scored subtree), then is trimmed of
what Chinese pages put around an article: the repeated headline, the date-and-source line, share
bars, ``责任编辑`` lines, ``相关阅读`` and everything after it, copyright notices.  Title, author,
publish time and column are read from the page's own declarations first (meta tags, JSON-LD),
then from the visible lines around the body, because declarations are rarer but more reliable.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import lxml.html
from lxml import etree

from redian.pages._blocks import Block, best_container, blocks_of
from redian.pages._parts import PageParts
from redian.pages._rules import (
    AUTHOR_CLASS,
    AUTHOR_META,
    AUTHOR_XPATH,
    BOILER_START,
    BRACKET_COLUMN,
    BYLINE_ONLY,
    COLUMN_META,
    CREDIT,
    CRUMB_SKIP,
    CRUMB_SPLIT,
    CRUMB_TEXT,
    CRUMB_WORD,
    CUT_AFTER,
    DATE_META,
    DATEISH_STRIP,
    DOC_DATE,
    EDITOR_HINT,
    GENERIC_TITLE,
    LABEL,
    LABELLED_DATE,
    PAGE_URL,
    SCRIPT_EPOCH,
    SCRIPT_EPOCH_KEY,
    SCRIPT_KEY,
    SCRIPT_VALUE,
    URL_DATE,
    URL_YYMMDD,
)
from redian.pages.dates import relative_dates
from redian.pages.meta import (
    Fold,
    author_from_lines,
    clean_title,
    find_dates,
    is_handle,
    is_pen_name,
    is_person_name,
    parse_date,
    script_fold,
    title_parts,
)
from redian.types import CHINA_TZ

__all__ = ["extract_html"]

MAX_CHARS = 800_000  # markup left after scripts and styles; a news page is far below this
_NOISE = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)

_LD_SCRIPT = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


_MICRODATA = (
    "//*[@itemprop='datePublished' or @itemprop='datepublished' or @itemprop='author'][not(self::meta)]"
    " | //time[@pubdate]"
)


def _metas(doc: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv") or ""
        key = "".join(key.lower().split())  # Weibo's cards write "weibo: article:create_at"
        value = meta.get("content")
        if key and value and key not in found:
            found[key] = value.strip()
    # schema.org microdata on visible elements (<time itemprop="datePublished" datetime=…>,
    # <span itemprop="author">) and HTML5's <time pubdate>: declarations as good as a meta tag
    for el in doc.xpath(_MICRODATA):
        prop = (el.get("itemprop") or "pubdate").lower()
        value = el.get("content") or el.get("datetime") or " ".join(el.text_content().split())
        if value and len(value) <= 60:
            found.setdefault("itemprop:author" if prop == "author" else "datepublished", value.strip())
    return found


def _json_ld(texts: list[str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for text in texts:
        try:
            data = json.loads(text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        for item in stack:
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    found.extend(g for g in graph if isinstance(g, dict))
    return found


def _ld_author(items: list[dict[str, Any]]) -> str | None:
    for item in items:
        author = item.get("author")
        entries = author if isinstance(author, list) else [author]
        names = []
        for entry in entries:
            name = entry.get("name") if isinstance(entry, dict) else entry
            if isinstance(name, str) and name.strip():
                names.append(name.strip())
        if names:
            return " ".join(names)
    return None


def _text_of(el: Any) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _article_weight(blocks: list[Block]) -> int:
    """Characters of prose (punctuated, few links) in ``blocks``."""
    return sum(b.size for b in blocks if b.link_density < 0.3 and block_punct(b.text) >= 2)


def _first_post(blocks: list[Block]) -> list[Block]:
    """On a page listing several posts (title, time stamp, text, again and again), the first post.

    A blog or forum page repeats one layout per post; the page's article is the first post, and
    summing all of them would read as one long article.  A post starts at a short headline line
    followed by a line that is only a date and time.
    """
    starts = []
    for i in range(1, len(blocks)):
        text = blocks[i].text
        picks = find_dates(text)
        if not picks or not picks[0].with_time or len(DATEISH_STRIP.sub("", text)) > 6:
            continue
        head = blocks[i - 1].text
        if 2 <= len(head) <= 50 and block_punct(head) == 0 and not find_dates(head):
            starts.append(i - 1)
    if len(starts) < 3:
        return blocks
    prose = [sum(b.size for b in blocks[a:b]) for a, b in itertools.pairwise([*starts, len(blocks)])]
    if min(prose) < 80:
        return blocks
    return blocks[: starts[1]]


def _cut_feed(lines: list[str]) -> list[str]:
    """Cut a teaser feed after the story: groups of headline, summary and a bare time stamp."""
    stamps = [i for i, line in enumerate(lines) if len(line) <= 25 and _is_stamp(line)]
    for a, b, c in zip(stamps, stamps[1:], stamps[2:], strict=False):
        step = b - a
        if 2 <= step <= 4 and c - b == step and a - step + 1 > 0:
            return lines[: a - step + 1]
    return lines


def _is_stamp(line: str) -> bool:
    picks = find_dates(line)
    return bool(picks) and picks[0].with_time and not DATEISH_STRIP.sub("", line)


def _trim(blocks: list[Block], title: str | None, fold: Fold) -> list[str]:
    """The article's paragraphs: no headline repeat, meta lines, share bars or trailing boilerplate."""
    out: list[str] = []
    started = False
    blocks = _first_post(blocks)
    for i, block in enumerate(blocks):
        original = block.text
        text = fold(original)
        if not started:
            # leading furniture: title again, date/source lines, labels, bylines, link rows
            if title and (original == title or (block.heading and len(text) < 80)):
                continue
            if block.link_density > 0.5 or LABEL.match(text) or BOILER_START.match(text):
                continue
            if len(text) < 60 and (find_dates(text) or text.startswith("来源")):
                continue
            if len(text) < 40 and (block_punct(text) == 0 or BYLINE_ONLY.match(text)):
                continue
            started = True
        if CUT_AFTER.match(text) and len(text) < 160:
            # "相关报道" before the story (some portals print links first) is skipped, not an end
            if _article_weight(blocks[i + 1 :]) <= max(300, sum(map(len, out))):
                break
            continue
        if BOILER_START.match(text) and len(text) < 80:
            continue
        if len(text) < 60 and (LABEL.match(text) or CREDIT.match(text)):
            continue  # "来源：本站原创 作者：…", "时间：2019年10月31日 浏览：33" inside the story's box
        if block.link_density > 0.6 and len(text) < 200:
            continue
        out.append(original)
    out = _cut_feed(out)
    # trailing lines that are only dates, labels or links
    while out and len(out[-1]) < 40 and (find_dates(out[-1]) and block_punct(out[-1]) < 2):
        out.pop()
    return out


def block_punct(text: str) -> int:
    return len(re.findall(r"[，。；？！]", text))


def _link_lists(doc: Any, body: str) -> list[list[str]]:
    """Headline lists outside the article: ``<ul>``/``<ol>`` of links with headline-sized texts."""
    lists: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for lst in doc.iter("ul", "ol"):
        if lst.find(".//ul") is not None or lst.find(".//ol") is not None:
            continue  # the inner lists are the headline lists; the outer one only groups them
        items = []
        for a in lst.iter("a"):
            text = _text_of(a)
            if 6 <= len(text) <= 60:
                items.append(text)
        if len(items) >= 3 and tuple(items) not in seen and not any(item in body for item in items):
            seen.add(tuple(items))
            lists.append(items)
        if len(lists) >= 30:
            break
    return lists


def _crumb(text: str, fold: Fold) -> str | None:
    parts = [p for p in CRUMB_SPLIT.split(text) if p and not CRUMB_SKIP.match(fold(p))]
    parts = [p for p in parts if 2 <= len(p) <= 12 and not find_dates(p) and CRUMB_WORD.search(p)]
    return parts[-1] if parts else None


def _column(metas: dict[str, str], doc: Any, lines: list[str], lead: list[Block], fold: Fold) -> str | None:
    """The channel a story is filed under: declared, in the breadcrumb, or a 【栏目】 opening it."""
    for key in COLUMN_META:
        value = metas.get(key)
        value = (value or "").split(",")[0].strip()
        if value and len(value) <= 20 and re.search(r"[\u4e00-\u9fffA-Za-z]{2}", value):
            return value
    for line in lines[:80]:
        match = CRUMB_TEXT.match(fold(line))
        if match and len(line) < 120:
            crumb = _crumb(line[match.start(1) :], fold)
            if crumb:
                return crumb
    for el in doc.iter("div", "p", "span", "nav", "ul", "ol"):
        attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if any(
            k in attrs for k in ("crumb", "position", "location", "daohang", "dqwz", "nav-path", "navpath")
        ):
            text = _text_of(el)
            if len(text) < 120:
                match = CRUMB_TEXT.match(fold(text))
                crumb = _crumb(text[match.start(1) :] if match else text, fold)
                if crumb:
                    return crumb
    for block in lead[:6]:
        match = BRACKET_COLUMN.match(block.text)
        if match and not find_dates(match.group(1)):
            return match.group(1)
    return None


def _published(
    metas: dict[str, str],
    ld: list[dict[str, Any]],
    after_title: list[str],
    header: list[str],
    tail: list[str],
    everything: list[str],
    url: str | None,
    latest: date,
    script_date: str | None = None,
    fetched: datetime | None = None,
) -> str | None:
    # a government document's own date (成文日期) is its date, whatever the CMS says
    for line in everything:
        if DOC_DATE.match(line):
            picks = find_dates(line, latest)
            if picks:
                return picks[0].iso
    for key in DATE_META:
        value = metas.get(key)
        if value:
            iso = parse_date(value, latest)
            if iso:
                return iso
    for item in ld:
        for key in ("datePublished", "dateCreated", "uploadDate"):
            value = item.get(key)
            if isinstance(value, str):
                iso = parse_date(value, latest)
                if iso:
                    return iso
    # a publish time the page's scripts carry ("pubtime": "2019-09-07 19:02:26")
    if script_date:
        return script_date
    # a date the page labels as the publish time, wherever it is printed
    for line in everything:
        match = LABELLED_DATE.search(line)
        if match:
            picks = find_dates(line[match.start() :], latest)
            if picks:
                return picks[0].iso
    # visible text: the first date printed under the headline, then a dated line just above the
    # article (a date with a time beats a bare one: page tops print today's date without a time)
    picks = [p for line in after_title for p in find_dates(line, latest)]
    if picks:
        return picks[0].iso
    # apps and self-media print "3小时前" / "昨天 10:37" under the headline: read against the fetch
    if fetched is not None:
        picks = [p for line in after_title for p in relative_dates(line, fetched)]
        if picks:
            return picks[0].iso
    picks = [p for line in header for p in find_dates(line, latest)]
    timed = [p for p in picks if p.with_time]
    if timed:
        return timed[-1].iso
    if picks:
        return picks[-1].iso
    if fetched is not None:
        picks = [p for line in header[-5:] if len(line) <= 40 for p in relative_dates(line, fetched)]
        if picks:
            return picks[-1].iso
    if url:
        match = URL_DATE.search(url)
        if match:
            groups = [g for g in match.groups() if g]
            iso = parse_date("-".join(groups), latest)
            if iso:
                return iso
        match = URL_YYMMDD.search(url)  # cn.news.yahoo.com/050404/…
        if match:
            iso = parse_date(f"20{match.group(1)}-{match.group(2)}-{match.group(3)}", latest)
            if iso:
                return iso
    picks = [p for line in tail for p in find_dates(line, latest)]
    if picks:
        return picks[0].iso
    # last resort: the first short dated line with a time, else any date in a short line (a date
    # inside a sentence of the story is what happened, not when it was published)
    picks = [p for line in everything if len(line) <= 80 for p in find_dates(line, latest)]
    timed = [p for p in picks if p.with_time]
    return (timed or picks)[0].iso if picks else None


def _meta_author(metas: dict[str, str], ld: list[dict[str, Any]]) -> str | None:
    for key in AUTHOR_META:
        value = metas.get(key, "").strip()
        # a site that signs its pages with its own name ("CSDN.NET", also its copyright) names nobody
        site = " ".join(metas.get(k, "") for k in ("copyright", "og:site_name", "application-name"))
        if value and len(value) <= 30 and not re.search(r"https?:|www\.|\.(?:com|net|cn|org)\b", value, re.I):
            names = [n for n in re.split(r"[ ,，、;；/]+", value) if n]
            if value in site:
                continue
            if names and all(
                is_person_name(n) or re.fullmatch(r"[A-Za-z][A-Za-z .'-]{2,29}", n) for n in names
            ):
                return " ".join(names)
    name = _ld_author(ld)
    if name and len(name) <= 40 and all(is_person_name(n) for n in name.split()):
        return name
    return None


def _script_date(text: str, latest: date) -> str | None:
    """``"pubtime": "2019-09-07 19:02:26"`` in a page script (not a player's build date)."""
    for match in SCRIPT_VALUE.finditer(text):
        if SCRIPT_KEY.search(text[max(0, match.start() - 24) : match.start()]):
            return parse_date(match.group(1), latest)
    # a Unix time under the same keys (WeChat's ``var ct``), read as Beijing time
    for match in SCRIPT_EPOCH.finditer(text):
        start = match.start()
        if (start and text[start - 1] in "0123456789.") or not SCRIPT_EPOCH_KEY.search(
            text, max(0, start - 30), start
        ):
            continue
        moment = datetime.fromtimestamp(int(match.group(0)[:10]), CHINA_TZ)
        if moment.year >= 2000 and moment.date() <= latest:
            return moment.replace(tzinfo=None).isoformat(timespec="seconds")
    return None


@dataclass
class _Context:
    """The lines around the article that bylines are printed on."""

    window: list[Block]  # the blocks just above the article's first paragraph
    header: list[str]
    after_title: list[str]  # lines between the headline and the article
    above: list[str]  # the three lines right above the article
    all_blocks: list[Block]
    start: int  # index of the article's first paragraph in all_blocks
    tail: list[str]
    labelled: list[str]
    doc: Any  # the parsed page, for elements whose class/id says author (read only when needed)
    metas: dict[str, str]


def _title_shown(raw_title: str, title: str, window: list[Block]) -> str:
    """The headline as printed above the article when the cleaned ``<title>`` is not printed there.

    ``栏目名--标题`` puts the column first, and ``新闻动态--学会官网`` names no article at all; the
    page still prints its headline on its own line (often an ``<h5>``) just above the article.
    """
    lines = {b.text.strip() for b in window}
    printed = "".join("".join(b.text.split()) for b in window)
    if title in lines or "".join(title.split()) in printed:  # also a headline printed over two lines
        return title
    # "标题-纪检", "标题 东区办事处", "原创标题": the printed line without the site or label words
    inside = [line for line in lines if len(line) >= max(6, 0.6 * len(title)) and line in title]
    if inside:
        return max(inside, key=len)
    for part in title_parts(raw_title):
        if part != title and len(part) >= 6 and part in lines:
            return part
    for block in reversed(window[-8:]):
        text = block.text.strip()
        if block.heading and 6 <= len(text) <= 80 and not find_dates(text) and block.link_density < 0.5:
            return re.sub(r"[\s_|｜—–-]+$", "", text)
    return title


def _marked_authors(doc: Any, metas: dict[str, str]) -> list[str]:
    site = {metas.get(k, "").strip() for k in ("og:site_name", "application-name")} - {""}
    found: list[str] = []
    for el in doc.xpath(AUTHOR_XPATH):
        if len(el) > 6 or not AUTHOR_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
            continue
        text = " ".join(el.text_content().split()).removeprefix("@")
        if text not in site and text not in found and is_handle(text):
            found.append(text)
            if len(found) >= 8:
                break
    return found


def _visible_author(ctx: _Context, parts: PageParts, fold: Fold) -> str | None:
    """A byline printed on the page: credit lines near the article, a name alone above it, or an
    editor credited anywhere."""
    lead_window = [b.text for b in ctx.all_blocks[ctx.start : ctx.start + 15] if len(b.text) < 200]
    near = ctx.header + lead_window + parts.paragraphs[-3:] + ctx.tail
    name, rank = author_from_lines(near, fold)
    if name is not None:
        return name
    # a name alone on a line between the headline and the article (blogs, columns)
    between = ctx.after_title[-3:] if 0 < len(ctx.after_title) <= 8 else []
    links = {b.text for b in ctx.window if b.link_density > 0.5}

    def signed(word: str) -> bool:
        # a column's headline "茉莉：我是怎样卷入八九民运的" names the writer printed alone below it
        return any(line.startswith((f"{word}：", f"{word}:")) for line in ctx.header)

    for line in reversed(list(dict.fromkeys(between + ctx.above))):
        word = line.replace(" ", "")
        if word == parts.title or line in links:
            continue
        if is_person_name(word) or (is_pen_name(word) and (0 < len(ctx.after_title) <= 8 or signed(word))):
            return word
    # an account or pen name in an element the page marks as its author, printed above the article
    # (self-media platforms sign with the account; comments below the article also say "author")
    near_top = set(ctx.header)
    for name in _marked_authors(ctx.doc, ctx.metas):
        if name != parts.title and any(name == line or name in line.split() for line in near_top):
            return name
    # an editor credited anywhere on a short line (some pages print it under the ads)
    everything = [b.text for b in ctx.all_blocks] + ctx.labelled
    editors = [x for x in everything if len(x) < 40 and EDITOR_HINT.search(fold(x))]
    name, rank = author_from_lines(editors, fold)
    return name if rank == 3 else None


def extract_html(
    text: str, url: str | None = None, latest: date | None = None, fetched: datetime | None = None
) -> PageParts:
    """Fields of a Chinese news page; a result with ``problem`` set instead of any exception.

    ``fetched`` (when the page was fetched, if known) lets relative stamps like ``3小时前`` count.
    """
    latest = latest or date.today()
    parts = PageParts()
    text = _XML_DECL.sub("", text, count=1)
    ld_texts = _LD_SCRIPT.findall(text[: MAX_CHARS * 2])
    script_date = _script_date(text[: MAX_CHARS * 2], latest)
    if url is None:
        # saved pages often keep where they came from: an archive wrapper, canonical link, og:url
        found = PAGE_URL.search(text[:20_000])
        url = next((g for g in found.groups() if g), None) if found else None
    text = _NOISE.sub(" ", text[: MAX_CHARS * 8])
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        parts.problem = "page too large; only its start was read"
    if not text.strip():
        parts.problem = "empty page"
        return parts
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        parts.problem = f"unparsable HTML: {exc}"
        return parts
    metas = _metas(doc)
    ld = _json_ld(ld_texts)
    raw_title = metas.get("og:title") or ""
    title_el = doc.find(".//title")
    if title_el is not None and title_el.text_content().strip():
        raw_title = title_el.text_content()
    h1s = [_text_of(h) for tag in ("h1", "h2") for h in doc.iter(tag)][:12]
    parts.title = clean_title(raw_title, h1s) if (raw_title or h1s) else None
    if not raw_title and h1s:
        parts.title = h1s[0] or None

    body = doc.find("body")
    root = body if body is not None else doc
    container, score, all_blocks = best_container(root)
    chosen = blocks_of(container) if score > 0 else []
    fold = script_fold(text)
    parts.paragraphs = _trim(chosen, parts.title, fold)
    if not parts.paragraphs:
        parts.problem = "no article text found"

    # the lines around the body: where bylines and dates are printed
    first = chosen[0].text if chosen else None
    index = next((i for i, b in enumerate(all_blocks) if b.text == first), len(all_blocks))
    lead = parts.paragraphs[0] if parts.paragraphs else None
    skipped = next((i for i, b in enumerate(chosen) if b.text == lead), 0)
    start = index + skipped
    window = all_blocks[max(0, start - 30) : start]
    title_at = max((i for i, b in enumerate(window) if parts.title and b.text == parts.title), default=-1)
    header = [b.text for b in window if len(b.text) < 200]
    after_title = [b.text for b in window[title_at + 1 :] if len(b.text) < 200] if title_at >= 0 else []
    above = header[-3:]
    if parts.title is None or GENERIC_TITLE.match(parts.title):
        # a generic <title> ("显示"): the first headline-sized line above the article instead
        for line in header:
            if (
                4 <= len(line) <= 40
                and block_punct(line) == 0
                and not find_dates(line)
                and line != parts.title
            ):
                parts.title = line
                break
    else:
        parts.title = _title_shown(raw_title, parts.title, window)
    header += [p[:100] for p in parts.paragraphs[:1]]
    # the lines after the article's last paragraph (credits, source, editor)
    last = parts.paragraphs[-1] if parts.paragraphs else None
    end = next((i for i in range(start, len(all_blocks)) if all_blocks[i].text == last), start)
    tail_lines = [b.text for b in all_blocks[max(start, end - 15) : end + 20]]

    everything = [b.text for b in all_blocks]
    # "发文机关：" | "吉林省人民政府" in two table cells read as one labelled line
    labelled = [a + b for a, b in itertools.pairwise(everything) if len(a) <= 8 and a[-1] in ":："]
    parts.published = _published(
        metas,
        ld,
        after_title,
        header,
        tail_lines,
        [fold(x) for x in everything + labelled],
        url,
        latest,
        script_date,
        fetched,
    )
    parts.author = _meta_author(metas, ld) or _visible_author(
        _Context(
            window,
            header,
            after_title,
            above,
            all_blocks,
            start,
            tail_lines,
            labelled,
            doc,
            metas,
        ),
        parts,
        fold,
    )
    parts.column = _column(metas, doc, everything, chosen, fold)
    parts.lists = _link_lists(doc, "\n".join(parts.paragraphs))
    return parts
