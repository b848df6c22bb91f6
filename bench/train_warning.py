"""Train the early-warning model and write ``redian/models/heat_warning.json``.

    .venv/bin/python -m bench.train_warning            # cross-validate, then train and write
    .venv/bin/python -m bench.train_warning --cv-only  # only the leave-one-day-out table

Rows are what :meth:`redian.heat.warning.RisingDetector.candidates` sees at runtime (so training
and use read the same numbers): every title below the top 10 that has not yet been in it, every
minute.  Label: the title reaches the top 10 later that day.  The shipped model is trained on
``TRAIN_DAYS`` only; the other days stay held out for ``bench/trends_eval.py``.  A depth-3
gradient-boosted model (scikit-learn, only here) is exported as plain arrays and evaluated with
numpy at runtime; deeper or longer models did worse across days.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from bench._trends_common import EMPTY, TRAIN_DAYS, Frame, Score, day_files, day_name, frames, score, truth
from redian.heat.warning import FEATURE_NAMES, RisingDetector, WarningModel, WarningParams
from redian.types import CHINA_TZ

MODEL_PATH = "redian/models/heat_warning.json"
SETTINGS = {"max_depth": 3, "max_iter": 80, "learning_rate": 0.1, "min_samples_leaf": 100, "random_state": 0}
SENSITIVITIES = (0.35, 0.4, 0.45, 0.5)


@dataclass(frozen=True, slots=True)
class DayRows:
    day: str
    frames: list[Frame]
    keys: list[str]
    times: list[float]
    x: np.ndarray
    y: np.ndarray


def rows_for(day: str, fr: list[Frame]) -> DayRows:
    t = truth(fr)
    det = RisingDetector(WarningParams())
    keys: list[str] = []
    times: list[float] = []
    feats: list[tuple[float, ...]] = []
    for frame in fr:
        for c in det.candidates("weibo", frame.at, frame.observations):
            keys.append(c.event_id)
            times.append(frame.at.timestamp())
            feats.append(c.features)
    y = np.array([1 if k in t.entry else 0 for k in keys])
    return DayRows(day, fr, keys, times, np.array(feats, dtype=np.float64), y)


def fit(days: Sequence[DayRows]) -> HistGradientBoostingClassifier:
    x = np.vstack([d.x for d in days])
    y = np.concatenate([d.y for d in days])
    return HistGradientBoostingClassifier(**SETTINGS).fit(x, y)


def export(model: HistGradientBoostingClassifier) -> tuple[WarningModel, str]:
    trees = []
    depth = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        depth = max(depth, int(nodes["depth"].max()))
        trees.append(
            {
                "feature": [int(v) for v in nodes["feature_idx"]],
                "threshold": [float(v) for v in nodes["num_threshold"]],
                "left": [int(v) for v in nodes["left"]],
                "right": [int(v) for v in nodes["right"]],
                "leaf": [int(v) for v in nodes["is_leaf"]],
                "value": [float(v) for v in nodes["value"]],
            }
        )
    doc = {
        "kind": "gradient-boosted trees (sklearn HistGradientBoostingClassifier, exported)",
        "features": list(FEATURE_NAMES),
        "trained_on": list(TRAIN_DAYS),
        "settings": SETTINGS,
        "baseline": float(np.ravel(model._baseline_prediction)[0]),
        "depth": depth,
        "trees": trees,
    }
    text = json.dumps(doc, separators=(",", ":"))
    return WarningModel.from_json(text), text


def day_score(rows: DayRows, probs: np.ndarray, sensitivity: float) -> Score:
    """Flags as the detector would raise them: the first minute a title's probability clears the cut."""
    cut = 1 - sensitivity
    flags: dict[str, datetime] = {}
    for key, t, p in zip(rows.keys, rows.times, probs, strict=True):
        if p >= cut and key not in flags:
            flags[key] = datetime.fromtimestamp(t, CHINA_TZ)
    return score(flags, truth(rows.frames))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cv-only", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    days = [rows_for(day_name(p), frames(p)) for p in day_files()]
    elapsed = time.perf_counter() - started
    print(f"{sum(len(d.y) for d in days)} rows from {len(days)} days in {elapsed:.1f} s")

    print("\nleave-one-day-out (model trained on the other days), per sensitivity:")
    totals = {s: EMPTY for s in SENSITIVITIES}
    train_totals = {s: EMPTY for s in SENSITIVITIES}
    for held in days:
        model = fit([d for d in days if d.day != held.day])
        probs = model.predict_proba(held.x)[:, 1]
        for s in SENSITIVITIES:
            sc = day_score(held, probs, s)
            totals[s] = totals[s] + sc
            if held.day in TRAIN_DAYS:
                train_totals[s] = train_totals[s] + sc
            print(f"  {held.day} sensitivity {s:.2f}: {sc.row()}")
    for s in SENSITIVITIES:
        print(f"  all days     sensitivity {s:.2f}: {totals[s].row()}")
    for s in SENSITIVITIES:
        print(f"  train days   sensitivity {s:.2f}: {train_totals[s].row()}  <- choose the default here")
    if args.cv_only:
        return

    model = fit([d for d in days if d.day in TRAIN_DAYS])
    exported, text = export(model)
    check = np.vstack([d.x[:2000] for d in days])
    diff = float(np.abs(exported.probability(check) - model.predict_proba(check)[:, 1]).max())
    if diff > 1e-6:
        raise SystemExit(f"exported model disagrees with sklearn by {diff}")
    with open(MODEL_PATH, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    print(
        f"\nwrote {MODEL_PATH} ({len(text) // 1024} KiB, {len(model._predictors)} trees, trained on "
        f"{', '.join(TRAIN_DAYS)}; numpy evaluation matches sklearn within {diff:.1e})"
    )


if __name__ == "__main__":
    main()
