"""Run every evaluation and benchmark in turn: ``python -m bench`` (or ``make bench``).

Each one is also a command of its own (``python -m bench.<name>``); they read ../shared.
"""

from __future__ import annotations

import runpy
import sys
import time

SUITE = (
    ("extract_eval", "page understanding: body/date/author vs trafilatura, readability, GNE"),
    ("extract_speed", "page understanding speed vs trafilatura"),
    ("events_eval", "story merging: B-cubed and pairwise F1 vs three baselines"),
    ("events_speed", "story merging speed: batch titles/s and streaming latency"),
    ("trends_eval", "early warning: precision, recall, lead vs naive rules"),
    ("replay_speed", "replay of a per-minute day vs the parse-only floor"),
    ("ingest_speed", "ingestion into the store vs the parse-only floor"),
    ("store_scale", "a year in the store: ingest, board, category tabs, search vs baselines"),
    ("classify_eval", "categories: accuracy and macro-F1 on unseen sets"),
    ("interpret_eval", "热解读: facts found in the seed, interpretation time"),
    ("meaning_eval", "watch terms by meaning vs literal keywords"),
)


def main() -> None:
    for name, what in SUITE:
        print(f"\n=== bench.{name}: {what}", flush=True)
        started = time.perf_counter()
        sys.argv = [f"bench.{name}"]
        try:
            runpy.run_module(f"bench.{name}", run_name="__main__")
        except SystemExit as exc:
            if exc.code not in (None, 0):
                print(f"bench.{name} exited with {exc.code}")
        print(f"=== bench.{name} took {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
