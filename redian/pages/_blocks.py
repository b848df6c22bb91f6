"""Linearize an HTML tree into text blocks and score subtrees by Chinese text density.

The idea is GNE's (text and punctuation density) and readability's (paragraph scores summed
into their ancestors), made cheap: one ``iterwalk`` over the tree cuts the text into blocks at
block-level tags and ``<br>``, weighs each block (long punctuated text counts for, link lists
and short unpunctuated labels count against), and adds the weights up the tree.  The element
with the largest sum is the smallest subtree that holds the article and little else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

__all__ = ["Block", "best_container", "blocks_of"]

MAX_EVENTS = 80_000  # start+end events walked; real pages have a few thousand elements
CLIMB = 1.0  # share of the best weight a parent must keep to be taken instead

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "td",
        "th",
        "tr",
        "table",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "blockquote",
        "pre",
        "form",
        "center",
        "main",
        "figure",
        "figcaption",
        "address",
        "hr",
        "br",
        "body",
        "tbody",
        "thead",
    ]
)
_SKIP_TAGS = frozenset(
    # never article text; elements that a broken page may leave open (canvas, video, label…) are
    # *not* skipped, since libxml2 then nests the rest of the page inside them
    [
        "script",
        "style",
        "noscript",
        "iframe",
        "select",
        "option",
        "textarea",
        "button",
        "head",
        "svg",
        "template",
        "input",
    ]
)
_ALWAYS_SKIP_TAGS = frozenset({"nav", "footer", "aside"})
# class/id words of page furniture: always skipped unless the element also looks like content
_UNLIKELY = re.compile(
    r"comment|footer|sidebar|side-?bar|breadcrumb|crumb|copyright|recommend|related|relate|advert|"
    r"popup|login|pagination|pager|friend-?link|subscribe|qrcode|erweima",
    re.IGNORECASE,
)
# weaker hints ("js_img_share_area" wraps ifeng's story): skipped only when they hold no prose
_MAYBE = re.compile(
    r"share|foot|hot-?news|hotlist|rank|nav|menu|banner|\bads?\b|\bad-|toolbar|tags?\b|keyword|"
    r"bottom|header|topbar|top-bar|search",
    re.IGNORECASE,
)
_PROSE = re.compile(r"[，。！？；]")
_HIDDEN = re.compile(r"(?:^|\s)(?:hidden|hide|d-none|display-none|invisible|sr-only)(?:\s|$)", re.IGNORECASE)
_LIKELY = re.compile(
    r"article|artical|content|main|body|text|detail|post|story|entry|news|zw|正文", re.IGNORECASE
)
_PUNCT = re.compile(r"[，。、；：？！“”‘’《》（）,;:?!]")
_DATEISH = re.compile(r"(?:19|20)\d{2}\s*[年/.-]\s*\d{1,2}")
_STAMP_STRIP = re.compile(r"[\d\s:：\-/.年月日时分秒]")
STAMP_PENALTY = 150.0
_TIME = re.compile(r"(?:19|20)\d{2}.{1,8}\d{1,2}[:：]\d{2}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACE = re.compile(r"[ \t\r\n\f\v\u3000\xa0]+")


@dataclass(slots=True)
class Block:
    """One paragraph-like run of text and what it says about itself."""

    text: str
    links: int  # characters inside <a>
    tag: str  # innermost block-level tag around it
    heading: bool

    @property
    def size(self) -> int:
        return len(self.text)

    @property
    def link_density(self) -> float:
        return self.links / max(1, len(self.text))

    @property
    def punct(self) -> int:
        return len(_PUNCT.findall(self.text))

    def weight(self) -> float:
        """Positive for article text, negative for navigation and labels."""
        size = len(self.text.replace(" ", ""))
        if size == 0:
            return 0.0
        density = self.links / size
        if density > 0.5:
            return -1.0 * size
        if size <= 25 and _TIME.search(self.text) and not _STAMP_STRIP.sub("", self.text):
            # a bare time stamp: one per teaser in "为你推荐" feeds, rarely inside an article
            return -STAMP_PENALTY
        punct = self.punct
        cjk = len(_CJK.findall(self.text))
        if size < 40 and (punct == 0 or (punct == 1 and _DATEISH.search(self.text))):
            return -0.3 * size  # labels, headings, "2024年12月11日 08:32 来源：…" lines
        if cjk < size * 0.3 and punct < 3:
            return -0.2 * size
        return (size - 2.0 * self.links) * (1.0 + min(punct, 20) / 20)


def _attr_text(el: Any) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _skippable(el: Any, furniture: bool = True) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return True  # comments, processing instructions
    tag = tag.lower()
    if tag in _SKIP_TAGS or tag in _ALWAYS_SKIP_TAGS:
        return True
    if tag in ("body", "html", "article", "main") or not furniture:
        return False
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    attrs = _attr_text(el)
    if len(attrs) > 1:
        if _HIDDEN.search(attrs):
            return True
        if not _LIKELY.search(attrs):
            if _UNLIKELY.search(attrs):
                return True
            if _MAYBE.search(attrs) and len(_PROSE.findall(el.text_content())) < 8:
                return True
    style = str(el.get("style", ""))
    return "display:none" in style.replace(" ", "").lower()


class _Walker:
    """Collects blocks and per-element weight sums in one pass (no recursion: deep trees are fine)."""

    def __init__(self, score: bool, furniture: bool = True) -> None:
        self.score = score
        self.furniture = furniture
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.links = 0
        self.in_link = 0
        self.tags: list[str] = ["body"]
        self.heading = 0
        self.totals: dict[Any, float] = {}
        self.stack: list[Any] = []
        self.sums: list[float] = []
        self.truncated = False

    def add(self, text: str | None) -> None:
        if text:
            self.buf.append(text)
            if self.in_link:
                self.links += len(text.strip())

    def flush(self) -> None:
        if not self.buf:
            return
        text = _SPACE.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        links = self.links
        self.links = 0
        if not text:
            return
        block = Block(text, min(links, len(text)), self.tags[-1], self.heading > 0)
        self.blocks.append(block)
        if self.score and self.sums:
            self.sums[-1] += block.weight()

    def walk(self, root: Any) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        skipped: set[Any] = set()
        seen = 0
        for event, el in walker:
            seen += 1
            if seen > MAX_EVENTS:
                self.truncated = True
                break
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if event == "start":
                if el is not root and _skippable(el, self.furniture):
                    skipped.add(el)
                    walker.skip_subtree()
                    continue
                if tag in _BLOCK_TAGS:
                    self.flush()
                    self.tags.append(tag)
                if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    self.heading += 1
                if tag == "a":
                    self.in_link += 1
                if self.score:
                    self.stack.append(el)
                    self.sums.append(0.0)
                self.add(el.text)
                continue
            if el in skipped:
                skipped.discard(el)
                if tag in _BLOCK_TAGS:
                    self.flush()
                if el is not root:
                    self.add(el.tail)
                continue
            if tag in _BLOCK_TAGS:
                self.flush()
                self.tags.pop()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading -= 1
            if tag == "a":
                self.in_link -= 1
            if self.score:
                node = self.stack.pop()
                total = self.sums.pop()
                self.totals[node] = total
                if self.sums:
                    self.sums[-1] += total
            if el is not root:
                self.add(el.tail)
        self.flush()


def blocks_of(root: Any, furniture: bool = True) -> list[Block]:
    """Text blocks under ``root`` in document order; page furniture (by class) skipped if asked.

    Bylines and dates often sit in a ``header``- or ``info``-classed box the article text never
    does, so the metadata pass reads every block and only the body pass skips furniture.
    """
    walker = _Walker(score=False, furniture=furniture)
    walker.walk(root)
    return walker.blocks


def best_container(root: Any) -> tuple[Any, float, list[Block]]:
    """The element whose subtree has the largest summed block weight, that weight, and all blocks."""
    walker = _Walker(score=True)
    walker.walk(root)
    if not walker.totals:
        return root, 0.0, walker.blocks
    node, score = max(walker.totals.items(), key=lambda item: item[1])
    # climb while the parent costs (almost) nothing: text written directly in the parent, or a
    # story split by a small ad, belongs to the article too
    parent = node.getparent()
    while parent is not None and parent is not root.getparent() and parent in walker.totals:
        if walker.totals[parent] < score * CLIMB:
            break
        node = parent
        parent = node.getparent()
    return node, score, walker.blocks
