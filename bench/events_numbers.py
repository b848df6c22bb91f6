"""Do different numbers of one unit mean two stories?  Counted on the labelled days.

    python -m bench.events_numbers

For every pair of distinct headlines of a labelled day (``bench.train_events.GOLDS``) whose
:attr:`~redian.events.features.Profile.unit_numbers` give the same unit with different numbers
and no number in common, prints per unit how many pairs are one story and how many are two, with
examples of the first kind, and which units :func:`~redian.events.features.numbers_conflict`
treats as a veto.  This is the evidence for the veto (``docs/events.md``): on these days no
pair with different counts is one story, yet the streams show counts growing within one story
(``河南强降雨已致58人遇难`` → ``71人遇难``), which single labelled days cannot show, so only the
units that say *which* happening (rounds, medals, ages, dates) veto.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from bench.train_events import GOLDS, gold_rows
from redian.events.features import numbers_conflict, profile
from redian.text.normalize import match_key


def main() -> None:
    same: Counter[str] = Counter()
    apart: Counter[str] = Counter()
    vetoed: Counter[str] = Counter()
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for path in GOLDS:
        rows = list({r.title: r for r in gold_rows(path)}.values())
        units = {r.title: profile(match_key(r.title)).unit_numbers for r in rows}
        for a, b in combinations(rows, 2):
            ua, ub = units[a.title], units[b.title]
            if not ua or not ub or not ua.isdisjoint(ub):
                continue
            for unit in {u for u, _ in ua} & {u for u, _ in ub}:
                if a.story == b.story:
                    same[unit] += 1
                    examples[unit].append((a.title, b.title))
                else:
                    apart[unit] += 1
                if numbers_conflict(ua, ub) is not None:
                    vetoed[unit] += 1
    print(f"{'unit':<6}{'one story':>10}{'two stories':>13}  veto")
    for unit in sorted(same.keys() | apart.keys(), key=lambda u: -(same[u] + apart[u])):
        shown = "; ".join(" / ".join(pair) for pair in examples[unit][:2])
        print(f"{unit:<6}{same[unit]:>10}{apart[unit]:>13}  {'yes' if vetoed[unit] else 'no':<4} {shown}")
    print(f"total: {sum(same.values())} pairs of one story, {sum(apart.values())} of two")


if __name__ == "__main__":
    main()
