"""Early warning on replayed Weibo per-minute days, against the naive rules, in one run.

    .venv/bin/python -m bench.trends_eval

Replays every ``../shared/data/streams/weibo_minutely/*.json.gz`` day minute by minute through
:class:`redian.heat.warning.RisingDetector` (only lists up to each minute are seen) and through
the issue's naive rules (rank jumped >= K places or hot value grew >= G times within W minutes).
Scores per day and pooled, with held-out days (not used to train the shipped model, see
``bench/train_warning.py``) reported apart.  Definitions are in ``bench/_trends_common.py``.
Targets: F1 >= 0.75, recall >= 0.80, median lead >= 10 minutes.  Last, the same scores read
from ``redian trends`` output, where titles are first merged into events by the story engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime

from bench._trends_common import (
    EMPTY,
    TRAIN_DAYS,
    Detector,
    Frame,
    NaiveRule,
    Score,
    day_files,
    day_name,
    frames,
    run,
    score,
    truth,
)
from redian.heat.warning import RisingDetector, WarningParams
from redian.text import clean_title, match_key

#: naive settings: the first is the best F1 on the training days; the others show the trade-off
NAIVE = ((20, 2.0, 10), (15, 1.5, 5), (10, 1.5, 5))
SENSITIVITIES = (0.35, 0.45, 0.55)


def detector(sensitivity: float) -> Callable[[], Detector]:
    def make() -> Detector:
        det = RisingDetector(WarningParams(sensitivity=sensitivity))

        def step(frame: Frame) -> Iterator[str]:
            for flag in det.update("weibo", frame.at, frame.observations):
                yield flag.event_id

        return step

    return make


def naive(k: int, g: float, w: int) -> Callable[[], Detector]:
    return lambda: NaiveRule(k, g, w)


def main() -> None:
    default = WarningParams().sensitivity
    methods: dict[str, Callable[[], Detector]] = {f"detector s={default:.2f} (default)": detector(default)}
    for s in SENSITIVITIES:
        if s != default:
            methods[f"detector s={s:.2f}"] = detector(s)
    for k, g, w in NAIVE:
        methods[f"naive K={k} G={g:g} W={w}"] = naive(k, g, w)

    held: dict[str, Score] = dict.fromkeys(methods, EMPTY)
    trained: dict[str, Score] = dict.fromkeys(methods, EMPTY)
    seconds: dict[str, float] = dict.fromkeys(methods, 0.0)
    for path in day_files():
        day = day_name(path)
        fr = frames(path)
        t = truth(fr)
        role = "train" if day in TRAIN_DAYS else "held-out"
        print(f"\n{day} ({role}): {len(fr)} lists, {len(t.first_seen)} titles, {len(t.climbers)} climbers")
        for name, make in methods.items():
            started = time.perf_counter()
            sc = score(run(fr, make), t)
            seconds[name] += time.perf_counter() - started
            print(f"  {name:<32} {sc.row()}")
            if day in TRAIN_DAYS:
                trained[name] = trained[name] + sc
            else:
                held[name] = held[name] + sc

    print("\npooled over held-out days (never seen in training):")
    for name in methods:
        print(f"  {name:<32} {held[name].row()}")
    print("pooled over training days (in-sample for the detector):")
    for name in methods:
        print(f"  {name:<32} {trained[name].row()}")
    print("pooled over all days:")
    for name in methods:
        print(f"  {name:<32} {(held[name] + trained[name]).row()}   [{seconds[name]:.1f} s]")
    best = held[next(iter(methods))]
    ok = best.f1 >= 0.75 and best.recall >= 0.80 and best.median_lead >= 10
    print(f"\ntargets on held-out days (F1>=0.75, R>=0.80, lead>=10): {'met' if ok else 'NOT met'}")
    through_the_engine()


def through_the_engine() -> None:
    """The same scores read from ``redian trends`` (the CONTRACT command), where titles are
    merged into events first: a climber counts as flagged at its event's ``rising_at``, so a
    climber merged into an event already at the top is missed, and a flagged event flags all its
    titles.  Event precision: flagged events with a title entering the top after the flag."""
    from redian.service.trends import trends

    print("\nthrough `redian trends` (events engine + detector, default sensitivity):")
    pooled = {"held-out": EMPTY, "all": EMPTY}
    for path in day_files():
        day = day_name(path)
        t = truth(frames(path))
        report = trends([path], "kfstorm")
        flags: dict[str, datetime] = {}
        correct = 0
        flagged = [e for e in report.events if e.rising_at is not None]
        for e in flagged:
            keys = [match_key(x) or clean_title(x) for x in e.titles]
            assert e.rising_at is not None
            for key in keys:
                flags.setdefault(key, e.rising_at)
            correct += any(k in t.entry and t.entry[k] > e.rising_at for k in keys)
        sc = score(flags, t)
        pooled["all"] = pooled["all"] + sc
        if day not in TRAIN_DAYS:
            pooled["held-out"] = pooled["held-out"] + sc
        share = correct / len(flagged) if flagged else 0.0
        print(f"  {day:<32} {sc.row()}  event precision {share:.3f} ({len(flagged)} events)")
    for name, sc in pooled.items():
        print(f"  {'pooled, ' + name:<32} {sc.row()}")


if __name__ == "__main__":
    main()
