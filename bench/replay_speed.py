"""Replay speed: one day of per-minute Weibo lists through the whole trends path, vs parsing alone.

    .venv/bin/python -m bench.replay_speed [DAY.json.gz]

Floor: decompress and ``json.loads`` the same file (nothing can be faster than reading it).
Full: :func:`redian.service.trends.trends`, i.e. the kfstorm reader (typed snapshots), title
normalization, the default events engine (one event per story), the early-warning detector on
every list, and the heat module's final trend states.  Also timed apart: the detector alone,
and :func:`redian.heat.score_board` at the end of the day.  Targets: full <= 20 s, peak memory
<= 1 GB (peak resident size of this process).
"""

from __future__ import annotations

import gzip
import json
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

from bench._trends_common import day_files, frames
from redian.heat import score_board
from redian.heat.warning import RisingDetector
from redian.service.trends import trends
from redian.types import SnapshotMeta


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else day_files()[0]

    started = time.perf_counter()
    doc = json.loads(gzip.decompress(path.read_bytes()))
    floor = time.perf_counter() - started
    items = sum(len(s.get("hotwords") or []) for s in doc)
    del doc

    started = time.perf_counter()
    report = trends([path], "kfstorm")
    full = time.perf_counter() - started

    fr = frames(path)
    det = RisingDetector()
    started = time.perf_counter()
    for frame in fr:
        det.update("weibo", frame.at, frame.observations)
    detect = time.perf_counter() - started

    observations = [o for f in fr for o in f.observations]
    metas = [
        SnapshotMeta("weibo", f.at, len(f.observations), max((o.hot or 0.0) for o in f.observations))
        for f in fr
    ]
    started = time.perf_counter()
    board = score_board(observations, metas, fr[-1].at, timedelta(hours=24), {})
    board_s = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{path.name}: {report.snapshots} lists, {items} items, {len(report.events)} events, "
        f"{len(report.flags)} early warnings"
    )
    print(f"floor  (gunzip + json.loads)          {floor:6.2f} s")
    print(f"full   (parse + events + warning + heat) {full:6.2f} s   ratio {full / floor:5.1f}x the floor")
    print(f"  detector alone on {len(fr)} lists      {detect:6.2f} s")
    print(f"  score_board at day end ({len(board)} events) {board_s:6.2f} s")
    print(f"peak memory (max RSS)                  {peak_mb:6.0f} MB")
    ok = full <= 20 and peak_mb <= 1024
    print(f"targets (<= 20 s, <= 1 GB): {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
