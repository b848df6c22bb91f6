"""Why big stories split: every dev-gold headline the story engine starts a new event for while
its gold story already has an event, and what the engine saw.

    python -m bench.events_splits [--gold PATH] [--show N]

Each split is put in one bucket:
  * ``no candidate``: no live headline of the story shares an indexed (rare) word or name with it,
    so candidate generation never offers the story;
  * ``best < join_best``: offered, but no member of the story reaches the best-member threshold;
  * ``mean < join_mean``: the best member passes, the mean over the closest members does not.
The shipped model over the whole day (in-sample): a diagnostic for choosing what to improve next,
not a quality figure (``bench.events_eval`` gives the cross-validated one).
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import datetime
from pathlib import Path

from bench.train_events import GOLD, gold_rows
from redian.events.features import profile
from redian.events.story import StoryEngine
from redian.text.normalize import clean_title, match_key
from redian.types import CHINA_TZ, HeadlineIn


def main() -> None:
    parser = argparse.ArgumentParser(description="Why big stories split (dev gold, shipped model)")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--show", type=int, default=20, help="examples printed")
    args = parser.parse_args()
    rows = gold_rows(args.gold)
    engine = StoryEngine()
    model = engine.model
    at = datetime(2024, 8, 1, tzinfo=CHINA_TZ)
    stories_of: dict[str, list[str]] = {}  # event id → gold stories of its members
    buckets: Counter[str] = Counter()
    examples: list[str] = []
    for row in rows:
        key = match_key(row.title) or clean_title(row.title)
        scored = engine._score_events(profile(key))  # what assign is about to see
        placed = engine.assign(HeadlineIn(key, clean_title(row.title), "gold", at))
        if placed.new and any(row.story in s for s in stories_of.values()):
            own = [
                s
                for s in scored
                if Counter(stories_of[engine.resolve(s.event)]).most_common(1)[0][0] == row.story
            ]
            if not own:
                bucket = "no candidate"
            elif max(s.best for s in own) < model.join_best:
                bucket = "best < join_best"
            else:
                bucket = "mean < join_mean"
            buckets[bucket] += 1
            detail = ", ".join(f"mean {s.mean:.2f} best {s.best:.2f} n {s.size}" for s in own[:3])
            examples.append(f"{bucket:<17} {row.story[-4:]} {key[:28]:<28} {detail}")
        stories_of.setdefault(engine.resolve(placed.event_id), []).append(row.story)
    total = sum(buckets.values())
    print(f"{len(rows)} headlines; {total} started a new event although their story had one")
    print(f"thresholds: join_mean {model.join_mean} join_best {model.join_best} top_k {model.top_k}")
    for bucket, n in buckets.most_common():
        print(f"  {bucket:<17} {n:4d} ({n / max(1, total):.0%})")
    for line in examples[: args.show]:
        print("  " + line)


if __name__ == "__main__":
    main()
