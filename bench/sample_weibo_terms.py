"""Draw a second, independent sample of Weibo hot-search terms for hand labelling.

Why: the first hand-labelled sample (``bench/data/weibo_hot_labelled.tsv``) gives the headline
classifier only 341 scored terms, too few to tell small differences apart.  This script draws
500 further terms the same way (distinct 2026 terms, fixed seed), leaving out every term of the
first sample, so the two samples together measure accuracy on ~850 terms.  The labels were then
given by hand in ``bench/data/weibo_hot_labelled_2.tsv``; this script only makes the draw
reproducible.  Samples 3 to 10 (``bench/data/weibo_hot_labelled_3.tsv`` … ``_10.tsv``, session 9)
were drawn the same way with ``--exclude`` and seeds 2027 to 2034, each leaving out the terms of
the samples labelled before it (5 and 6, 7 and 8, 9 and 10 were drawn in pairs: neither of a
pair leaves out the other).

Run from the repository root::

    .venv/bin/python -m bench.sample_weibo_terms > terms.tsv
    .venv/bin/python -m bench.sample_weibo_terms --exclude bench/data/weibo_hot_labelled.tsv \
        --exclude bench/data/weibo_hot_labelled_2.tsv --seed 2027 > terms3.tsv

It prints ``date<TAB>title`` lines in sample order.  ``--exclude`` (repeatable) names labelled
``date<TAB>title<TAB>category`` files whose terms are left out (default: the first sample only);
``--seed`` sets the shuffle seed (default 2026, the second sample's).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import random
import sys
from pathlib import Path

from redian.text.normalize import clean_title, match_key

ROOT = Path(__file__).resolve().parent.parent
STREAM = ROOT.parent / "shared" / "data" / "streams" / "weibo_daily_titles.tsv.gz"
FIRST_SAMPLE = ROOT / "bench" / "data" / "weibo_hot_labelled.tsv"
FROM_DATE = "2026-01-01"
SEED = 2026
SIZE = 500
MIN_KEY = 4


def first_sample_keys(path: Path = FIRST_SAMPLE) -> set[str]:
    """Match keys of a labelled sample (the first by default), so a new draw never repeats its terms."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            match_key(row["title"]) for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        }


def distinct_terms(stream: Path = STREAM) -> list[tuple[str, str]]:
    """(date, clean title) of each distinct 2026 term, first occurrence wins."""
    seen: set[str] = set()
    terms: list[tuple[str, str]] = []
    with gzip.open(stream, "rt", encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            date, _, title = line.rstrip("\n").partition("\t")
            if date < FROM_DATE:
                continue
            clean = clean_title(title)
            key = match_key(clean)
            if key in seen:
                continue
            seen.add(key)
            terms.append((date, clean))
    return terms


def sample(exclude: list[Path] | None = None, seed: int = SEED) -> list[tuple[str, str]]:
    """The 500 terms to label, in sample order."""
    excluded: set[str] = set()
    for path in exclude or [FIRST_SAMPLE]:
        excluded |= first_sample_keys(path)
    pool = [
        (date, title)
        for date, title in distinct_terms()
        if len(match_key(title)) >= MIN_KEY and match_key(title) not in excluded
    ]
    random.Random(seed).shuffle(pool)
    return pool[:SIZE]


def main() -> None:
    parser = argparse.ArgumentParser(description="Draw Weibo hot-search terms for hand labelling.")
    parser.add_argument(
        "--exclude",
        action="append",
        type=Path,
        help="labelled date<TAB>title<TAB>category TSV whose terms are left out "
        "(repeatable; default: the first sample)",
    )
    parser.add_argument("--seed", type=int, default=SEED, help=f"shuffle seed (default {SEED})")
    args = parser.parse_args()
    for date, title in sample(args.exclude, args.seed):
        sys.stdout.write(f"{date}\t{title}\n")


if __name__ == "__main__":
    main()
