"""Page understanding: raw page bytes (HTML in any Chinese encoding, or a text dump) → Article.

``extract`` never raises on bad input: binary data, an empty page or a page without an article
come back as an :class:`~redian.types.Article` with an empty body and ``problem`` saying why,
so ingestion can store what it could and report the rest.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from redian.collect.pages import looks_binary
from redian.pages.encoding import Decoded, decode
from redian.pages.html import extract_html
from redian.pages.textdump import segment_dump
from redian.types import Article, Page

__all__ = ["Decoded", "decode", "extract", "extract_file", "looks_like_html"]

_DOC_MARKERS = ("<!doctype html", "<html", "<body", "<head>", "<head ")
_HTML_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<div", "<title", "<p>", "<table")
MAX_DUMP_CHARS = 4_000_000  # a dump beyond this is not one article and its lists
MAX_BYTES = 64_000_000  # larger inputs are not pages; we read this much and say so


def looks_like_html(text: str) -> bool:
    """HTML markup near the start (dumps may mention a tag, but do not start with markup).

    Document tags count anywhere in the first 64 KiB (a page may open with a long comment or
    script); looser markers such as ``<p>`` only in the first 4 KiB.
    """
    head = text[:65536].lower()
    if any(marker in head for marker in _DOC_MARKERS):
        return True
    return any(marker in head[:4096] for marker in _HTML_MARKERS)


def extract(page: Page, today: date | None = None) -> Article:
    """The article in ``page``: body, title, author, publish time, column and headline lists.

    ``today`` bounds plausible publish dates (a page cannot be published after it was fetched);
    it defaults to the page's ``fetched_at`` day, else the current day.
    """
    latest = today or (page.fetched_at.date() if page.fetched_at else date.today())
    raw = page.raw
    kind = page.kind_hint
    if not raw or not raw.strip():
        return Article(
            kind or "text", None, None, None, None, "", path=page.path, url=page.url, problem="empty page"
        )
    if looks_binary(raw) and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Article(
            kind or "text",
            None,
            None,
            None,
            None,
            "",
            path=page.path,
            url=page.url,
            problem="binary data, not a page or a text dump",
        )
    problem = None
    if len(raw) > MAX_BYTES:
        raw = raw[:MAX_BYTES]
        problem = f"input larger than {MAX_BYTES} bytes; only the start was read"
    decoded = decode(raw)
    if kind is None:
        kind = "html" if looks_like_html(decoded.text) else "text"
    if kind == "html":
        parts = extract_html(decoded.text, url=page.url, latest=latest, fetched=page.fetched_at)
        body = "\n".join(parts.paragraphs)
        return Article(
            "html",
            parts.title,
            parts.author,
            parts.published,
            parts.column,
            body,
            tuple(tuple(lst) for lst in parts.lists),
            page.path,
            page.url,
            decoded.encoding,
            parts.problem or problem,
        )
    text = decoded.text
    if len(text) > MAX_DUMP_CHARS:
        text = text[:MAX_DUMP_CHARS]
        problem = problem or f"text dump longer than {MAX_DUMP_CHARS} characters; only the start was read"
    dump = segment_dump(text, latest)
    body = "\n".join(dump.paragraphs)
    if not body and problem is None:
        problem = "no article text found"
    return Article(
        "text",
        dump.title,
        dump.author,
        dump.published,
        dump.column,
        body,
        tuple(tuple(lst) for lst in dump.lists),
        page.path,
        page.url,
        decoded.encoding,
        problem,
    )


def extract_file(path: str | Path, today: date | None = None) -> Article:
    """:func:`extract` on a file; the kind comes from the content (an ``.html`` name hints HTML)."""
    path = Path(path)
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    hint = "html" if path.suffix.lower() in {".html", ".htm", ".shtml", ".xhtml"} else None
    return extract(Page(raw=raw, path=str(path), kind_hint=hint), today)  # type: ignore[arg-type]
