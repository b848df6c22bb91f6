"""Ingestion speed: one day of per-minute Weibo snapshots into a fresh store.

Baseline in the same run: only reading and parsing the same file (the floor no ingestion can
beat).  Reports items per second and the ratio to the floor, since absolute times on a shared
2-core machine mean little.

    python -m bench.ingest_speed [--day 2022-01-12]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from redian.collect import read_records
from redian.service.ingest import ingest_paths
from redian.store import Store

STREAMS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "streams" / "weibo_minutely"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--day", default="2022-01-12")
    args = parser.parse_args()
    path = STREAMS / f"{args.day}.json.gz"
    if not path.exists():
        raise SystemExit(f"{path} not found: this benchmark needs ../shared")

    start = time.perf_counter()
    _, _, records = read_records(path)
    items = sum(len(r.items) for r in records if hasattr(r, "items"))
    floor = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.db")
        start = time.perf_counter()
        report = ingest_paths(store, [str(path)])
        full = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest_paths(store, [str(path)])
        repeat = time.perf_counter() - start
        store.close()

    print(f"input: {path.name}, {report.snapshots} snapshots, {items} items, {report.new_events} events")
    print(f"parse only (floor)   {floor:6.2f} s  {items / floor:9.0f} items/s")
    rate = report.items / full
    print(f"ingest (full path)   {full:6.2f} s  {rate:9.0f} items/s   ratio to floor {full / floor:.1f}x")
    print(f"re-ingest (no-op)    {repeat:6.2f} s  (duplicate: {again.files[0].duplicate})")


if __name__ == "__main__":
    main()
