"""Extraction speed: redian vs trafilatura (and readability, GNE) on the same pages, same run, 1 core.

    .venv/bin/python -m bench.extract_speed [--data ../shared/data/extract/gne-pages] [--rounds 3]

Every tool gets the same bytes (the baselines get them decoded by redian, so decoding costs
only redian), and the tools take turns page by page so that other load on the machine is
shared.  Prints pages/second, the ratio to trafilatura, and each tool's p50/p99/max latency
per page (over all rounds).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from redian.pages import decode, extract
from redian.types import Page

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "extract" / "gne-pages"


def _redian(raw: bytes) -> object:
    return extract(Page(raw=raw, kind_hint="html"))


def _trafilatura(raw: bytes) -> object:
    import trafilatura

    return trafilatura.bare_extraction(decode(raw).text, with_metadata=True)


def _readability(raw: bytes) -> object:
    from readability import Document

    return Document(decode(raw).text).summary(html_partial=True)


def _gne(raw: bytes) -> object:
    from gne import GeneralNewsExtractor

    return GeneralNewsExtractor().extract(decode(raw).text)


def timed(
    tools: list[tuple[str, Callable[[bytes], object]]], pages: list[bytes], rounds: int
) -> dict[str, list[float]]:
    """Seconds per page for every tool; the tools take turns page by page, so that the load of a
    shared machine falls on all of them alike (a first warm-up call per tool is not counted)."""
    for _name, run in tools:
        with contextlib.suppress(Exception):
            run(pages[0])
    times: dict[str, list[float]] = {name: [] for name, _run in tools}
    for _ in range(rounds):
        for raw in pages:
            for name, run in tools:
                start = time.perf_counter()
                with contextlib.suppress(Exception):  # a baseline crashing on a page still spent the time
                    run(raw)
                times[name].append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only-trafilatura", action="store_true", help="skip readability and GNE")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.data.rglob("*.htm*") if p.is_file())
    if not files:
        print(f"no pages under {args.data}", file=sys.stderr)
        return 2
    pages = [p.read_bytes() for p in files]
    size = sum(map(len, pages)) / len(pages) / 1024
    print(
        f"pages: {args.data} ({len(pages)} pages, mean {size:.0f} KiB), {args.rounds} rounds each, 1 process"
    )
    tools: list[tuple[str, Callable[[bytes], object]]] = [("redian", _redian), ("trafilatura", _trafilatura)]
    if not args.only_trafilatura:
        tools += [("readability", _readability), ("gne", _gne)]
    rates: dict[str, float] = {}
    rows = []
    for name, spent in timed(tools, pages, args.rounds).items():
        rates[name] = len(spent) / sum(spent)
        ordered = sorted(spent)
        p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
        rows.append((name, statistics.median(spent), p99, ordered[-1]))
    print(f"{'tool':<12} {'pages/s':>8} {'vs traf.':>9} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, p50, p99, worst in rows:
        ratio = rates[name] / rates["trafilatura"]
        ms = " ".join(f"{1000 * t:8.1f}" for t in (p50, p99, worst))
        print(f"{name:<12} {rates[name]:8.1f} {ratio:9.2f} {ms}")
    print(f"\nredian / trafilatura speed ratio: {rates['redian'] / rates['trafilatura']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
