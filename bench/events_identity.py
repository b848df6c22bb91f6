"""Fingerprint of the story engine's answers over a year of Weibo daily titles.

    python -m bench.events_identity [--year 2024] [--limit N]

Speed work on the events stage must not change a single answer: this runs the same batch as
:mod:`bench.events_speed` (``redian.service.cluster.cluster_headlines``, the path of
``redian cluster``) and prints, in input order, a sha256 of every (title, event id) and one of
everything the engine answered (new, score, reason, signals, merged, floats in full ``repr``),
with the event count, so two versions of the engine can be compared by one line.

Before the speed work of November 2026 (commit fa15fc9) the 2024 year printed 145,655 titles,
94,335 events, ``6271fc9ba1b7fce3…`` (title, event) and ``b08849a51051b379…`` (everything);
it printed the same after every step of that work.  The event-level join (commit c068390, a
change of answers on purpose) made it 91,955 events, ``5cad3687e5a8edc4…`` and
``1fc6c8c9d68fbb99…``.  Merging by meaning (step 4 of ``redian.events.story``, November 2026,
again on purpose; with its match-result veto) made it 89,661 events, ``6a63cb41db95ff93…`` and
``dbfd41c97b0501f2…``.  The veto of other rounds, medals, ages and dates (``16强`` / ``4强``,
Chinese numerals read as digits), with the model refitted and step 3 calibrated jointly with
step 4, made it 89,688 events, ``662f36889f9e76bc…`` and (with the reason naming the numbers that
differ) ``e6dcd75138d681ec…``.  Match keys keeping decimal points (``2.25亿`` is no longer
``225亿``; a number's idle decimals dropped: ``7.0`` is ``7``), with the pair model refitted on
the new keys, made it 89,966 events, ``b12899fbdac4b0b8…`` and ``b2179d1cd07d2aa5…``.  Crowding
that counts only for people and rare words (``redian.events.features.BURST_IDF``: ``选手`` and
``春晚`` no longer glue a day's list together), refitted, made it 94,072 events; with a merged
event's members kept in the order they were first placed (as a reload from the store lists them)
94,043 events, ``1e797a0682dc3c60…`` and ``2b39f86e7fb6067c…``; with the veto of other opponents
(``樊振东vs张本智和`` / ``樊振东vs贾哈``) 94,228 events, ``cb79e91045939ccf…`` and
``9d8daf52216a719e…``.  Profiles built ahead by a second process (:mod:`redian.ahead`, the
default for a batch this size on two cores) printed the same as ``--one-process``.  Match keys
keeping the hyphens, slashes and colons between digits (``3-1`` is no ``31``, ``7-11岁`` no age
of 711; the model not refitted) made it 94,223 events, ``d49af24dddb839a9…`` and
``188f3b0b405a6714…``, either way.  The model fitted on three labelled days (a second ordinary
day; best member 0.6, meaning 0.45) made it 89,242 events, ``c1d4c599b63f36b7…`` and
``5aef86b7d48fadec…``.  Comparing a headline with an event's 8 most recent members instead of 16
made it 89,348 events, ``01eb866e05d1cad5…`` and ``5a767bcbf2c49946…``.  Vetoing another
sports division (``女团`` / ``男团``), no ordinal as a rare word (``第五``) and the model fitted on
four labelled days made it 88,619 events, ``5cbc5e88ac9046ea…`` and ``e929c724c319e9b3…`` (the
same with ``--one-process``): the reference since.
"""

from __future__ import annotations

import argparse
import hashlib
import time

from bench.events_speed import warm_up, year_of_titles
from redian.events import StoryEngine
from redian.service.cluster import cluster_headlines


def main() -> None:
    parser = argparse.ArgumentParser(description="fingerprint of the story engine's answers")
    parser.add_argument("--year", default="2024")
    parser.add_argument("--limit", type=int, default=None, help="only the first N titles of the year")
    parser.add_argument(
        "--one-process", action="store_true", help="no worker process profiling ahead (redian.ahead)"
    )
    args = parser.parse_args()
    items = year_of_titles(args.year, args.limit)
    warm_up()
    start, cpu = time.perf_counter(), time.process_time()
    results = cluster_headlines(items, StoryEngine(), False if args.one_process else None)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    events = hashlib.sha256()
    full = hashlib.sha256()
    for r in results:
        events.update(f"{r.input.title}\t{r.event}\n".encode())
        a = r.assignment
        full.update(
            f"{r.input.title}\t{r.event}\t{a.new}\t{a.score!r}\t{a.reason}\t{a.signals!r}\t{a.merged!r}\n".encode()
        )
    events_n = len({r.event for r in results})
    print(f"{len(items)} titles, {events_n} events ({took:.2f} s, {cpu:.2f} s of CPU time)")
    print(f"sha256 (title, event):       {events.hexdigest()}")
    print(f"sha256 (with score, reason): {full.hexdigest()}")


if __name__ == "__main__":
    main()
