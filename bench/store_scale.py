"""A year in the store: ingest a year of daily Toutiao + Weibo lists, then time what people ask of
it — the board, a category tab, a search — each against a named baseline in the same run.

    python -m bench.store_scale [--year 2024] [--db PATH]

* ingest: the year's rows of ``toutiao_weibo_daily.tsv.gz`` (about 470,000 items) into a fresh
  store; baseline: reading and parsing the same rows (the floor);
* board (top 30, 24 h) at three moments; baseline: the board's heat alone (observations,
  ``score_board``, titles), i.e. the board without its categories;
* a category tab (体育, 军事) at the same moments, against the same baseline;
* searches; baseline: the bare SQL ``LIKE`` scan of headline keys that search starts from.

Times are the best of three after one warm-up.  With ``--db`` an existing store of that year is
reused (the ingest line is then skipped).
"""

from __future__ import annotations

import argparse
import gzip
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from bench.train_events import STREAMS
from redian.collect import read_records
from redian.heat import score_board
from redian.service.board import board
from redian.service.ingest import ingest_paths
from redian.service.search import search
from redian.store import Store
from redian.store import schema as t
from redian.text import match_key
from redian.times import parse_time

SOURCE = STREAMS / "toutiao_weibo_daily.tsv.gz"
MOMENTS = ("03-15 23:59:59", "08-01 23:59:59", "12-13 23:59:59")
TERMS = (["极越"], ["王楚钦"], ["中国"], ["王楚钦", "+樊振东"])
WINDOW = timedelta(hours=24)


def best_of(run: Callable[[], Any], times: int = 3) -> float:
    run()
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def year_file(year: str, folder: Path) -> Path:
    out = folder / f"huqi_{year}.tsv.gz"
    with gzip.open(SOURCE, "rt", encoding="utf-8") as src, gzip.open(out, "wt", encoding="utf-8") as dst:
        dst.write(next(src))
        for line in src:
            if line.split("\t", 2)[1].startswith(year):
                dst.write(line)
    return out


def heat_only(store: Store, moment: str) -> None:
    at = parse_time(moment)
    obs = store.observations(at - 2 * WINDOW, at)
    metas = store.snapshot_metas(at - 2 * WINDOW, at)
    scored = score_board(obs, metas, at, WINDOW, store.first_seen({o.event_id for o in obs}), top=30)
    store.event_titles([s.event_id for s in scored], at - WINDOW, at)


def like_scan(store: Store, terms: list[str]) -> None:
    h = t.headlines
    keys = [match_key(x.lstrip("+")) for x in terms if not x.startswith("!")]
    with store.engine.connect() as conn:
        conn.execute(select(h.c.event_id, h.c.text).where(or_(*[h.c.key.like(f"%{k}%") for k in keys]))).all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", default="2024")
    parser.add_argument("--db", type=Path, default=None, help="reuse a store of that year")
    args = parser.parse_args()
    if not SOURCE.exists():
        raise SystemExit(f"{SOURCE} not found: this benchmark needs ../shared")
    with tempfile.TemporaryDirectory() as tmp:
        if args.db is None:
            path = year_file(args.year, Path(tmp))
            start = time.perf_counter()
            _, _, records = read_records(path, "huqi")
            items = sum(len(r.items) for r in records if hasattr(r, "items"))
            floor = time.perf_counter() - start
            store = Store.open(Path(tmp) / "year.db")
            start = time.perf_counter()
            report = ingest_paths(store, [str(path)], fmt="huqi")
            full = time.perf_counter() - start
            print(f"ingest {args.year}: {items} items, {report.new_events} events")
            print(f"  parse only (floor) {floor:7.1f} s")
            rate, ratio = items / full, full / floor
            print(f"  ingest             {full:7.1f} s  {rate:7.0f} items/s  ratio to floor {ratio:.1f}x")
        else:
            store = Store.open(args.db)
        for moment in (f"{args.year}-{m}" for m in MOMENTS):
            at = parse_time(moment)
            base = best_of(partial(heat_only, store, moment))
            full_board = best_of(partial(board, store, at, WINDOW, 30))
            sports = best_of(partial(board, store, at, WINDOW, 30, category="sports"))
            military = best_of(partial(board, store, at, WINDOW, 30, category="military"))
            print(
                f"{moment}: heat only {base:5.0f} ms | board {full_board:5.0f} ms ({full_board / base:.2f}x)"
                f" | 体育 tab {sports:5.0f} ms ({sports / base:.2f}x) | 军事 tab {military:5.0f} ms"
                f" ({military / base:.2f}x)"
            )
        for terms in TERMS:
            base = best_of(partial(like_scan, store, terms))
            found = search(store, terms)
            took = best_of(partial(search, store, terms))
            print(
                f"search {' '.join(terms):12s} {took:5.0f} ms ({found.total} stories) | "
                f"LIKE scan {base:5.0f} ms | {took / base:.1f}x"
            )
        store.close()


if __name__ == "__main__":
    main()
