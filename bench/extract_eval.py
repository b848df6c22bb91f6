"""Extraction quality: redian vs trafilatura, readability-lxml and GNE on the same pages, same run.

    .venv/bin/python -m bench.extract_eval [--set dev|gne|all] [--data DIR] [--no-baselines] [--misses]

HTML pages (cwced-dev, hand-made gold): body precision/recall/F1 as character 4-gram shingles
(whitespace removed, multisets, micro-averaged over documents), publish-day accuracy on pages
whose gold has a full date, author accuracy on pages whose gold names one (same set of names),
and the share of pages without an author where the extractor says null.  Publish day is also
printed against the gold with the errata of ``bench/data/cwced_errata.tsv`` corrected: gold days
that the pages themselves contradict, each with its evidence (the gold as given stays the
headline figure).

Text dumps are built from the same gold texts the way the seed page looks: the article, then
one or two trailing hot lists from ``../shared/data/streams`` in several styles (``- `` bullets,
numbers, a ``热搜榜`` header over bare lines, bare lines alone).  Scored: body F1 and the share
of trailing headlines found in ``lists`` (and none of them in the body).

``--set gne`` is the second, independent measurement: the 62 pages of ``../shared/data/extract/gne-pages``
(31 sites) with hand labels in ``bench/data/gne_labels.tsv`` (publish day, credited author or none,
headline), written by reading the page sources before redian was looked at on them.  Scored: day
accuracy, author accuracy where the page credits someone, null-author rate where it credits nobody,
title exact match and containment (either way).  ``a|b`` labels accept either reading.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from redian.pages import decode, extract
from redian.types import Page

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT = SHARED / "data" / "extract" / "cwced-dev"
GNE_PAGES = SHARED / "data" / "extract" / "gne-pages"
GNE_LABELS = ROOT / "bench" / "data" / "gne_labels.tsv"
_NAME_SEP = re.compile(r"[\s、,，;；/|]+")
STREAMS = SHARED / "data" / "streams"
_WS = re.compile(r"\s+")
TODAY = date(2026, 11, 29)


@dataclass
class Gold:
    name: str
    raw: bytes
    body: str
    authors: frozenset[str] | None  # None: the page names nobody
    day: str | None  # YYYY-MM-DD when the gold has a full date


@dataclass
class Prediction:
    body: str
    author: str | None = None
    published: str | None = None
    title: str | None = None


@dataclass
class Score:
    overlap: int = 0
    predicted: int = 0
    gold: int = 0
    day_ok: int = 0
    day_n: int = 0
    day_errata_ok: int = 0  # against the gold with ERRATA applied
    author_ok: int = 0
    author_n: int = 0
    null_ok: int = 0
    null_n: int = 0
    seconds: float = 0.0
    pages: int = 0
    misses: list[str] = field(default_factory=list)

    def f1(self) -> tuple[float, float, float]:
        p = self.overlap / self.predicted if self.predicted else 0.0
        r = self.overlap / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shingles(text: str, n: int = 4) -> Counter[str]:
    text = _WS.sub("", text)
    return Counter(text[i : i + n] for i in range(max(0, len(text) - n + 1)))


def _gold_day(text: str) -> str | None:
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not match:
        return None
    y, m, d = (int(g) for g in match.groups())
    return f"{y:04d}-{m:02d}-{d:02d}"


ERRATA_FILE = Path(__file__).resolve().parent / "data" / "cwced_errata.tsv"


def load_errata(path: Path = ERRATA_FILE) -> dict[str, str]:
    """Gold publish days the pages themselves contradict: page stem → the day the page states."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _gold, stated, _evidence = line.split("\t")
            out[name] = stated
    return out


ERRATA = load_errata()


def load_gold(folder: Path) -> list[Gold]:
    pages = []
    for html in sorted((folder / "original").glob("*.htm*")):
        name = html.stem
        body = (folder / "cleaned" / f"{name}.txt").read_text("utf-8", errors="replace")
        author_raw = (folder / "author" / f"{name}.txt").read_text("utf-8", errors="replace").strip()
        date_raw = (folder / "date" / f"{name}.txt").read_text("utf-8", errors="replace").strip()
        authors = None if author_raw in ("", "UNKNOWN") else frozenset(author_raw.split())
        pages.append(Gold(name, html.read_bytes(), body, authors, _gold_day(date_raw)))
    return pages


def score(gold: list[Gold], run: Callable[[Gold], Prediction]) -> Score:
    total = Score()
    for page in gold:
        start = time.perf_counter()
        try:
            pred = run(page)
        except Exception as exc:  # a baseline failing on a page scores an empty prediction
            pred = Prediction("", None, None)
            total.misses.append(f"{page.name[:8]}: crashed ({type(exc).__name__})")
        total.seconds += time.perf_counter() - start
        total.pages += 1
        g, p = shingles(page.body), shingles(pred.body)
        total.overlap += sum((g & p).values())
        total.gold += sum(g.values())
        total.predicted += sum(p.values())
        if page.day is not None:
            total.day_n += 1
            ok = _any_day(pred.published) == page.day  # baselines print dates in their own formats
            total.day_ok += ok
            total.day_errata_ok += _any_day(pred.published) == ERRATA.get(page.name, page.day)
            if not ok:
                total.misses.append(f"{page.name[:8]}: date {pred.published} != {page.day}")
        if page.authors is None:
            total.null_n += 1
            total.null_ok += pred.author is None
            if pred.author is not None:
                total.misses.append(f"{page.name[:8]}: author {pred.author!r} != null")
        else:
            total.author_n += 1
            names = frozenset((pred.author or "").split())
            ok = names == page.authors or "".join(sorted(names)) == "".join(sorted(page.authors))
            total.author_ok += ok
            if not ok:
                total.misses.append(f"{page.name[:8]}: author {pred.author!r} != {' '.join(page.authors)!r}")
    return total


def _redian(page: Gold) -> Prediction:
    art = extract(Page(raw=page.raw, path=page.name, kind_hint="html"), TODAY)
    return Prediction(art.body, art.author, art.published, art.title)


def _trafilatura(page: Gold) -> Prediction:
    import trafilatura

    text = decode(page.raw).text
    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if doc is None or isinstance(doc, dict):  # a Document unless as_dict=True
        return Prediction("")
    return Prediction(doc.text or "", doc.author, doc.date, doc.title)


def _readability(page: Gold) -> Prediction:
    import lxml.html
    from readability import Document

    doc = Document(decode(page.raw).text)
    summary = doc.summary(html_partial=True)
    body = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
    return Prediction(body, title=doc.short_title() or None)


def _gne(page: Gold) -> Prediction:
    from gne import GeneralNewsExtractor

    result = GeneralNewsExtractor().extract(decode(page.raw).text)
    return Prediction(
        result.get("content", "") or "",
        result.get("author") or None,
        result.get("publish_time") or None,
        result.get("title") or None,
    )


def _hot_lists(count: int, rng: random.Random) -> list[list[str]]:
    """Real trailing hot lists: one day's Weibo titles (and sometimes Toutiao's) per dump."""
    by_day: dict[str, list[str]] = {}
    path = STREAMS / "weibo_daily_titles.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        next(handle)
        for i, line in enumerate(handle):
            if i % 7:
                continue
            day, _, title = line.rstrip("\n").partition("\t")
            by_day.setdefault(day, []).append(title)
            if i > 400_000:
                break
    days = sorted(by_day)
    lists = []
    for _ in range(count):
        titles = by_day[rng.choice(days)]
        size = rng.randint(8, 50)
        lists.append([rng.choice(titles) for _ in range(size)])  # with repeats, like the seed
    return lists


STYLES = ("bullet", "numbered", "header", "bare", "two", "ranked")


def build_dumps(gold: list[Gold], rng: random.Random) -> list[tuple[Gold, str, list[str]]]:
    """(page, dump text, trailing headlines) for every gold text and every style."""
    hot = _hot_lists(len(gold) * len(STYLES) * 2, rng)
    dumps = []
    k = 0
    for page in gold:
        paragraphs = [p.strip() for p in page.body.splitlines() if p.strip()]
        article = "\n".join(paragraphs)
        for style in STYLES:
            first, second = hot[k], hot[k + 1]
            k += 2
            if style == "bullet":
                tail, heads = "\n".join(f"- {t}" for t in first), first
            elif style == "numbered":
                tail, heads = "\n".join(f"{i}. {t}" for i, t in enumerate(first, 1)), first
            elif style == "header":
                tail, heads = "热搜榜\n" + "\n".join(first), first
            elif style == "ranked":  # "1 标题 4921843", as hot-list pages print them
                hots = [rng.randint(10_000, 5_000_000) for _ in first]
                tail = "\n".join(f"{i} {t} {h}" for i, (t, h) in enumerate(zip(first, hots, strict=True), 1))
                heads = first
            elif style == "bare":
                tail, heads = "\n".join(first), first
            else:
                tail = (
                    "相关阅读\n"
                    + "\n".join(f"· {t}" for t in first[:6])
                    + "\n\n微博热搜\n"
                    + "\n".join(second)
                )
                heads = first[:6] + second
            byline = rng.choice(["", "慕翠\n", "作者：张文攀\n"])
            dumps.append((page, f"{byline}{article}\n{tail}\n", heads))
    return dumps


def score_dumps(dumps: list[tuple[Gold, str, list[str]]]) -> tuple[Score, int, int, int]:
    total = Score()
    found = heads_n = leaked = 0
    for page, text, heads in dumps:
        art = extract(Page(raw=text.encode("utf-8"), path=page.name, kind_hint="text"), TODAY)
        g, p = shingles(page.body), shingles(art.body)
        total.overlap += sum((g & p).values())
        total.gold += sum(g.values())
        total.predicted += sum(p.values())
        listed = Counter(item for lst in art.lists for item in lst)
        body_lines = set(art.body.split("\n"))
        for head in heads:
            heads_n += 1
            if listed[head] > 0:
                listed[head] -= 1
                found += 1
            if head in body_lines:
                leaked += 1
    return total, found, heads_n, leaked


def _pct(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


@dataclass
class GneLabel:
    """One hand-labelled gne page; each field holds the accepted readings ("a|b" in the file)."""

    name: str
    raw: bytes
    days: frozenset[str]  # empty: the page states no date
    authors: tuple[frozenset[str], ...]  # empty: the page credits nobody
    title: str
    author_text: str = ""  # as written in the label file, for the misses list


@dataclass
class GneScore:
    day_ok: int = 0
    day_n: int = 0
    author_ok: int = 0
    author_n: int = 0
    null_ok: int = 0
    null_n: int = 0
    title_exact: int = 0
    title_contained: int = 0
    title_n: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def _any_day(text: str | None) -> str | None:
    """The first Y-M-D in a tool's date string, whatever its separators (baselines differ in format)."""
    match = re.search(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", text or "")
    if not match:
        return None
    y, m, d = (int(g) for g in match.groups())
    return f"{y:04d}-{m:02d}-{d:02d}"


def _names(text: str | None) -> frozenset[str]:
    return frozenset(n.casefold() for n in _NAME_SEP.split(text or "") if n)


def _same_names(pred: frozenset[str], gold: frozenset[str]) -> bool:
    """Same people; names joined differently ("Demi Xia", "路闻卓立" vs "路闻 卓立") count as the same."""
    return pred == gold or "".join(sorted(pred)) == "".join(sorted(gold))


def load_gne(labels: Path = GNE_LABELS, pages: Path = GNE_PAGES) -> list[GneLabel]:
    rows = []
    lines = [ln for ln in labels.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    for line in lines[1:]:  # header
        name, published, author, title = line.split("\t")
        days = frozenset(d for d in (_any_day(p) for p in published.split("|")) if d)
        authors = tuple(_names(a) for a in author.split("|")) if author else ()
        rows.append(GneLabel(name, (pages / name).read_bytes(), days, authors, title, author))
    return rows


def _squash(text: str | None) -> str:
    return _WS.sub("", text or "")


def score_gne(labels: list[GneLabel], run: Callable[[Gold], Prediction]) -> GneScore:
    total = GneScore()
    for page in labels:
        start = time.perf_counter()
        try:
            pred = run(Gold(page.name, page.raw, "", None, None))
        except Exception as exc:  # a baseline failing on a page scores an empty prediction
            pred = Prediction("")
            total.misses.append(f"{page.name}: crashed ({type(exc).__name__})")
        total.seconds += time.perf_counter() - start
        if page.days:
            total.day_n += 1
            if _any_day(pred.published) in page.days:
                total.day_ok += 1
            else:
                total.misses.append(f"{page.name}: date {pred.published} != {'|'.join(sorted(page.days))}")
        names = _names(pred.author)
        if page.authors:
            total.author_n += 1
            if any(_same_names(names, gold) for gold in page.authors):
                total.author_ok += 1
            else:
                total.misses.append(f"{page.name}: author {pred.author!r} != {page.author_text!r}")
        else:
            total.null_n += 1
            total.null_ok += not names
            if names:
                total.misses.append(f"{page.name}: author {pred.author!r} != null")
        total.title_n += 1
        got, want = _squash(pred.title), _squash(page.title)
        total.title_exact += got == want
        contained = bool(got) and (got in want or want in got)
        total.title_contained += contained
        if not contained:
            total.misses.append(f"{page.name}: title {pred.title!r} != {page.title!r}")
    return total


NO_METADATA = {"readability"}  # reads bodies and titles only: no date or author to score


def run_gne(tools: list[tuple[str, Callable[[Gold], Prediction]]], misses: bool) -> None:
    labels = load_gne()
    print(f"HTML pages: {GNE_PAGES} ({len(labels)} pages, hand labels {GNE_LABELS.relative_to(ROOT)})")
    print(
        f"{'tool':<12} {'day':<16} {'author':<16} {'null-author':<14} {'title exact':<16} "
        f"{'title contained':<16} {'ms/page':>8}"
    )
    for name, run in tools:
        s = score_gne(labels, run)
        day, author, null = (
            ("—", "—", "—")
            if name in NO_METADATA
            else (_pct(s.day_ok, s.day_n), _pct(s.author_ok, s.author_n), _pct(s.null_ok, s.null_n))
        )
        if name in NO_METADATA:
            s.misses = [m for m in s.misses if ": title " in m or ": crashed" in m]
        print(
            f"{name:<12} {day:<16} {author:<16} {null:<14} {_pct(s.title_exact, s.title_n):<16} "
            f"{_pct(s.title_contained, s.title_n):<16} {1000 * s.seconds / max(1, len(labels)):8.1f}"
        )
        if misses:
            for miss in s.misses:
                print(f"    {miss}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list the pages each tool got wrong")
    parser.add_argument(
        "--set",
        choices=("dev", "gne", "all"),
        default="dev",
        help="dev: cwced-dev gold and text dumps; gne: hand-labelled gne-pages; all: both",
    )
    args = parser.parse_args(argv)
    tools: list[tuple[str, Callable[[Gold], Prediction]]] = [("redian", _redian)]
    if not args.no_baselines:
        tools += [("trafilatura", _trafilatura), ("readability", _readability), ("gne", _gne)]
    if args.set in ("gne", "all"):
        if not GNE_PAGES.is_dir():
            print(f"no pages at {GNE_PAGES}", file=sys.stderr)
            return 2
        run_gne(tools, args.misses)
        if args.set == "gne":
            return 0
        print()
    if not (args.data / "original").is_dir():
        print(f"no pages at {args.data}", file=sys.stderr)
        return 2
    gold = load_gold(args.data)
    print(f"HTML pages: {args.data} ({len(gold)} pages)")
    print(
        f"{'tool':<12} {'P':>6} {'R':>6} {'F1':>6}  {'day':<16} {'author':<16} "
        f"{'null-author':<14} {'ms/page':>8}"
    )
    errata_days: list[str] = []
    for name, run in tools:
        s = score(gold, run)
        p, r, f = s.f1()
        if name not in NO_METADATA:
            errata_days.append(f"{name} {_pct(s.day_errata_ok, s.day_n)}")
        meta = (
            ("—", "—", "—")
            if name in NO_METADATA
            else (_pct(s.day_ok, s.day_n), _pct(s.author_ok, s.author_n), _pct(s.null_ok, s.null_n))
        )
        print(
            f"{name:<12} {p:6.3f} {r:6.3f} {f:6.3f}  {meta[0]:<16} {meta[1]:<16} {meta[2]:<14} "
            f"{1000 * s.seconds / max(1, s.pages):8.1f}"
        )
        if name in NO_METADATA:
            s.misses = [m for m in s.misses if ": crashed" in m]
        if args.misses:
            for miss in s.misses:
                print(f"    {miss}")
    print(
        f"day with the {len(ERRATA)} gold errata of {ERRATA_FILE.name} corrected (evidence in the file): "
        + ", ".join(errata_days)
    )
    rng = random.Random(20261129)
    dumps = build_dumps(gold, rng)
    s, found, heads_n, leaked = score_dumps(dumps)
    p, r, f = s.f1()
    print(f"\nText dumps built from the gold texts: {len(dumps)} dumps, styles {', '.join(STYLES)}")
    print(
        f"redian       body P {p:.3f} R {r:.3f} F1 {f:.4f}; trailing headlines in lists "
        f"{_pct(found, heads_n)}; headlines leaked into body {leaked}"
    )
    print("(trafilatura, readability and GNE read HTML only: they have no text-dump mode)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
