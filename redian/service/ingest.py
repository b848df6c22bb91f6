"""Ingestion: inputs → raw store → snapshots, pages, headlines, events, observations.

Two phases, so that a bad input can never leave part of itself behind:

1. *read*: every file is read and parsed completely in memory (pages are extracted).  A file that
   cannot be read is reported and dropped here, before anything is written.
2. *write*: one transaction stores the raw inputs (by content hash: a file already ingested is
   skipped whole, so ingesting twice changes nothing) and places every new snapshot's items into
   events, in time order.

`redian rebuild` empties the derived tables and replays every raw input through phase 2 in one
pass, which is the canonical result: incremental ingestion equals it whenever data arrives in
time order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from redian.collect import DEFAULT_MAX_BYTES, Problem, detect_format, read_input
from redian.collect import FORMATS as _FORMATS
from redian.errors import InputError
from redian.events import EventEngine, engine_or_default, follow_aliases
from redian.store import Store, Writer, to_epoch
from redian.text import clean_title, match_key
from redian.types import CHINA_TZ, Article, Assignment, HeadlineIn, Page, Snapshot, SnapshotItem

__all__ = ["ACTIVE_WINDOW", "FileReport", "IngestReport", "ingest_blobs", "ingest_paths", "rebuild"]

#: how long a headline stays in the events engine's memory after it was last seen
ACTIVE_WINDOW = timedelta(days=3)

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class FileReport:
    path: str
    format: str | None = None
    snapshots: int = 0
    items: int = 0
    pages: int = 0
    duplicate: bool = False  # the same content was ingested before: nothing to do
    error: str | None = None  # the whole file was rejected
    problems: tuple[str, ...] = ()  # lines that were skipped


@dataclass(frozen=True, slots=True)
class IngestReport:
    files: tuple[FileReport, ...]
    new_events: int = 0
    #: some new lists are older than lists already stored: they were merged after them, and
    #: `redian rebuild` would place everything in time order instead
    late: bool = False
    #: the late lists made ingestion re-place everything in time order (see ``reorder``)
    reordered: bool = False

    @property
    def snapshots(self) -> int:
        return sum(f.snapshots for f in self.files)

    @property
    def items(self) -> int:
        return sum(f.items for f in self.files)

    @property
    def pages(self) -> int:
        return sum(f.pages for f in self.files)

    @property
    def rejected(self) -> int:
        """Rejected files plus skipped lines: anything non-zero means exit code 3."""
        return sum((1 if f.error else 0) + len(f.problems) for f in self.files)


@dataclass(slots=True)
class _Parsed:
    path: str
    format: str
    data: bytes
    sha256: str
    time_hint: datetime | None
    snapshots: list[Snapshot] = field(default_factory=list)
    pages: list[tuple[Page, Article]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def ingest_paths(
    store: Store,
    paths: Sequence[str | Path],
    fmt: str = "auto",
    time_hint: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    engine: EventEngine | None = None,
    reorder: bool = True,
) -> IngestReport:
    """Ingest files; bad files are reported and skipped, good ones are stored in one transaction.

    Lists are placed into events in time order.  When some are older than what the store already
    holds, ``reorder`` re-places everything in time order (a rebuild), so the events and their
    heat do not depend on the order inputs arrived in; without it they are only flagged ``late``.
    """
    if fmt != "auto" and fmt not in _FORMATS:
        raise InputError(str(paths[0]) if paths else "-", f"unknown format {fmt!r}")
    reports: dict[str, FileReport] = {}
    parsed: list[_Parsed] = []
    for done, path in enumerate(paths, start=1):
        try:
            parsed.append(_read(str(path), fmt, time_hint, max_bytes))
        except InputError as exc:
            reports[str(path)] = FileReport(str(path), error=str(exc))
        if progress:
            progress("read", done, len(paths))
    written, new_events, late = _write(store, parsed, engine_or_default(engine), progress)
    reports.update({r.path: r for r in written})
    report = IngestReport(tuple(reports[str(p)] for p in paths if str(p) in reports), new_events, late)
    return _reordered(store, report, reorder and engine is None, progress)


def _reordered(store: Store, report: IngestReport, reorder: bool, progress: Progress | None) -> IngestReport:
    """Re-place everything in time order when late lists arrived (see :func:`ingest_paths`)."""
    if not (report.late and reorder):
        return report
    rebuilt = rebuild(store, progress)
    return dataclasses.replace(report, new_events=rebuilt.new_events, reordered=True)


def rebuild(
    store: Store, progress: Progress | None = None, engine: EventEngine | None = None
) -> IngestReport:
    """Empty every derived table and derive them again from the raw inputs."""
    parsed: list[_Parsed] = []
    raws = list(store.raw_inputs())
    for done, raw in enumerate(raws, start=1):
        item = _Parsed(raw.name, raw.format, raw.data, raw.sha256, raw.time_hint)
        _parse_into(item, _FORMATS[raw.format].parse(raw.name, raw.data))
        parsed.append(item)
        if progress:
            progress("read", done, len(raws))
    with store.writing() as w:
        w.clear_derived()
        reports, new_events, _ = _place_all(w, parsed, engine_or_default(engine), progress, rebuild=True)
        w.restore_merges()  # (editors' merges: their headlines are pinned, their old ids aliases)
    return IngestReport(tuple(reports), new_events)


# -- phase 1: read ---------------------------------------------------------------------------
def _read(path: str, fmt: str, time_hint: datetime | None, max_bytes: int) -> _Parsed:
    data = read_input(path, max_bytes)
    hint = time_hint
    if hint is None:
        # a page without a date of its own is dated by its file; kept with the raw input so
        # that a rebuild dates it the same way
        hint = datetime.fromtimestamp(int(Path(path).stat().st_mtime), tz=CHINA_TZ)
    return _parse_blob(path, data, fmt, hint)


def _parse_blob(name: str, data: bytes, fmt: str, hint: datetime | None) -> _Parsed:
    chosen = detect_format(name, data) if fmt == "auto" else _FORMATS[fmt]
    item = _Parsed(
        name,
        chosen.name,
        data,
        hashlib.sha256(data).hexdigest(),
        hint if chosen.name in ("text", "html") else None,
    )
    _parse_into(item, chosen.parse(name, data))
    return item


def ingest_blobs(
    store: Store,
    blobs: Sequence[tuple[str, bytes, datetime]],
    fmt: str = "auto",
    engine: EventEngine | None = None,
    reorder: bool = True,
) -> IngestReport:
    """Ingest inputs already in memory, e.g. fetched responses: (name or URL, bytes, fetch time).

    The fetch time dates pages that carry no date of their own; hot lists carry their own time.
    """
    reports: dict[str, FileReport] = {}
    parsed: list[_Parsed] = []
    for name, data, at in blobs:
        try:
            if not data:
                raise InputError(name, "empty response")
            parsed.append(_parse_blob(name, data, fmt, at))
        except InputError as exc:
            reports[name] = FileReport(name, error=str(exc))
    written, new_events, late = _write(store, parsed, engine_or_default(engine), None)
    reports.update({r.path: r for r in written})
    report = IngestReport(tuple(reports[name] for name, _, _ in blobs if name in reports), new_events, late)
    return _reordered(store, report, reorder and engine is None, None)


def _parse_into(item: _Parsed, records: Iterable[Snapshot | Page | Problem]) -> None:
    from redian.pages import extract  # the page stage is heavy to import; only pages need it

    for record in records:
        if isinstance(record, Problem):
            item.problems.append(str(record))
        elif isinstance(record, Snapshot):
            item.snapshots.append(record)
        else:
            if record.fetched_at is None and item.time_hint is not None:
                # extraction bounds plausible dates by the fetch day: pin it, so that a rebuild
                # years later reads the page exactly as ingestion did
                record = dataclasses.replace(record, fetched_at=item.time_hint)
            article = extract(record)
            if article.problem and not article.body and not article.lists:
                raise InputError(item.path, f"no article or headline list found: {article.problem}")
            item.pages.append((record, article))


# -- phase 2: write --------------------------------------------------------------------------
def _write(
    store: Store, parsed: list[_Parsed], engine: EventEngine, progress: Progress | None
) -> tuple[list[FileReport], int, bool]:
    with store.writing() as w:
        return _place_all(w, parsed, engine, progress, rebuild=False)


def _page_time(article: Article, hint: datetime | None) -> datetime:
    if article.published:
        try:
            moment = datetime.fromisoformat(article.published)
            return moment if moment.tzinfo else moment.replace(tzinfo=CHINA_TZ)
        except ValueError:
            pass
    return hint or datetime.now(CHINA_TZ)


def _place_all(
    w: Writer,
    parsed: list[_Parsed],
    engine: EventEngine,
    progress: Progress | None,
    rebuild: bool,
) -> tuple[list[FileReport], int, bool]:
    reports: list[FileReport] = []
    pending: list[tuple[Snapshot, int, int]] = []  # snapshot, raw id, index of its file report
    seen_hashes: set[str] = set()
    for item in parsed:
        if not rebuild and (item.sha256 in seen_hashes or w.has_raw(item.sha256)):
            reports.append(FileReport(item.path, item.format, duplicate=True, problems=tuple(item.problems)))
            continue
        seen_hashes.add(item.sha256)
        raw_id = _raw_id(w, item, rebuild)
        index = len(reports)
        snaps = list(item.snapshots)
        for page, article in item.pages:
            at = _page_time(article, item.time_hint)
            url = page.url or (item.path if item.path.startswith(("http://", "https://")) else None)
            page_id = w.add_page(raw_id, page.path or item.path, url, at)
            w.add_article(page_id, article)
            source = f"page:{Path(page.path or item.path).name}"
            # a text dump's lists are the hot lists it captured; an HTML page's link lists are
            # mostly related links and navigation: kept with the article, not taken as hot lists
            for lines in article.lists if article.kind == "text" else ():
                list_items = tuple(
                    SnapshotItem(rank, text) for rank, text in enumerate(lines, start=1) if text.strip()
                )
                if list_items:
                    snaps.append(Snapshot(source, at, list_items, f"{item.path}#list"))
        pending.extend((s, raw_id, index) for s in snaps)
        reports.append(
            FileReport(item.path, item.format, pages=len(item.pages), problems=tuple(item.problems))
        )

    placer = _Placer(w, engine)
    late = False
    if pending:
        start = min(s.taken_at for s, _, _ in pending)
        newest = w.latest_time()
        late = newest is not None and start < newest
        placer.load(start - ACTIVE_WINDOW)
    counts = [[0, 0] for _ in reports]
    pending.sort(key=lambda p: (p[0].taken_at, p[0].source, p[0].origin))
    for done, (snap, raw_id, index) in enumerate(pending, start=1):
        placed = placer.place(snap, raw_id)
        if placed:
            counts[index][0] += 1
            counts[index][1] += placed
        if progress and (done % 50 == 0 or done == len(pending)):
            progress("place", done, len(pending))
    placer.flush()
    final = [
        FileReport(r.path, r.format, c[0], c[1], r.pages, r.duplicate, r.error, r.problems)
        for r, c in zip(reports, counts, strict=True)
    ]
    return final, placer.new_events, late


def _raw_id(w: Writer, item: _Parsed, rebuild: bool) -> int:
    if rebuild:
        found = w.raw_id(item.sha256)
        assert found is not None, "rebuild replays only stored raw inputs"
        return found
    return w.add_raw(item.sha256, item.path, item.format, item.data, item.time_hint)


def _items_hash(items: tuple[SnapshotItem, ...]) -> str:
    payload = json.dumps([[i.rank, i.title, i.url, i.hot, i.desc] for i in items], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


class _Placer:
    """Places snapshot items into events and writes items and observations."""

    def __init__(self, w: Writer, engine: EventEngine) -> None:
        self.w = w
        self.engine = engine
        self.known: dict[str, tuple[int, str]] = {}  # match key → (headline id, event id)
        #: merged event id → the id it lives on as; ``known`` is brought up to date lazily (a
        #: rewrite of every known headline at each merge made a year of daily lists quadratic)
        self._alias: dict[str, str] = {}
        #: stored headlines of the list being placed (see :meth:`place`)
        self._stored: dict[str, tuple[int, str]] = {}
        self.headline_seen: dict[int, int] = {}
        self.event_spans: dict[str, tuple[int, int]] = {}
        self.new_events = 0
        self._forgotten_at: datetime | None = None
        self._told: dict[str, int] = {}  # key → the time the engine last heard it was seen
        self._item_rows: list[dict[str, Any]] = []
        self._obs_rows: list[dict[str, Any]] = []
        self._headline_rows: list[dict[str, Any]] = []
        self._next_headline = w.next_headline_id()
        #: editors' corrections (`redian split`): headline key → its event, whatever the engine says
        self.pins = w.pins()
        for event_id, _ in set(self.pins.values()):
            engine.keep_apart(event_id)

    def load(self, since: datetime) -> None:
        """Rebuild the engine's memory as a continuous run would hold it: each headline from when
        it was first seen (engines date events by it) to when it was last seen."""
        for row in self.w.recent_headlines(since):
            self.engine.remember(row.key, row.text, row.event_id, row.first_seen)
            self.engine.remember(row.key, row.text, row.event_id, row.last_seen)

    def place(self, snap: Snapshot, raw_id: int) -> int:
        """Store one snapshot; returns how many items it placed (0 when it was a duplicate)."""
        size = len(snap.items)
        hots = [i.hot for i in snap.items if i.hot is not None]
        snapshot_id = self.w.add_snapshot(
            snap.source,
            snap.taken_at,
            size,
            max(hots) if hots else None,
            _items_hash(snap.items),
            raw_id,
            snap.origin,
        )
        if snapshot_id is None:
            return 0
        self._maybe_forget(snap.taken_at)
        stamp = to_epoch(snap.taken_at)
        item_rows = self._item_rows
        obs_rows = self._obs_rows
        keys = [match_key(item.title) or clean_title(item.title) or item.title for item in snap.items]
        # the stored headlines among this list's titles, in one query: their event ids may be
        # merged away while the list is placed, which _headline resolves through the aliases
        self._stored = self.w.headlines_by_key([k for k in set(keys) if k not in self.known])
        for position, (item, key) in enumerate(zip(snap.items, keys, strict=True)):
            headline_id, event_id = self._headline(key, item, snap, stamp)
            item_rows.append(
                {
                    "snapshot_id": snapshot_id,
                    "position": position,
                    "rank": item.rank,
                    "title": item.title,
                    "headline_id": headline_id,
                    "url": item.url,
                    "hot": item.hot,
                    "desc": item.desc,
                }
            )
            obs_rows.append(
                {
                    "snapshot_id": snapshot_id,
                    "position": position,
                    "rank": item.rank,
                    "event_id": event_id,
                    "headline_id": headline_id,
                    "source": snap.source,
                    "at": stamp,
                    "hot": item.hot,
                    "size": size,
                }
            )
            if self.headline_seen.get(headline_id, -1) < stamp:
                self.headline_seen[headline_id] = stamp
            first, last = self.event_spans.get(event_id, (stamp, stamp))
            self.event_spans[event_id] = (min(first, stamp), max(last, stamp))
        if len(obs_rows) >= 20_000:
            self._flush_rows()
        return size

    def _headline(self, key: str, item: SnapshotItem, snap: Snapshot, stamp: int) -> tuple[int, str]:
        # known here, or stored before this list (its event perhaps merged away since)
        found = self.known.get(key) or self._stored.get(key)
        if found is not None and found[1] in self._alias:
            found = (found[0], follow_aliases(self._alias, found[1]))
        if found is not None and self._told.get(key) == stamp:
            return found  # a repeat within one list: the engine already knows
        text = clean_title(item.title)
        if found is not None:
            self.known[key] = found
            self._told[key] = stamp
            self.engine.remember(key, text, found[1], snap.taken_at)
            return found
        pinned = self.pins.get(key)
        if pinned is not None:
            # an editor's split: the headline goes where they said, explained as they did
            self.engine.remember(key, text, pinned[0], snap.taken_at)
            choice = Assignment(pinned[0], False, 1.0, pinned[1], (("pinned", 1.0),))
        else:
            choice = self.engine.assign(HeadlineIn(key, text, snap.source, snap.taken_at, item.desc))
        if choice.merged:
            self._merge(choice.merged, choice.event_id)
        if choice.new:
            self.new_events += 1
        headline_id = self._next_headline
        self._next_headline += 1
        self._headline_rows.append(
            self.w.headline_row(
                headline_id,
                key,
                text,
                choice.event_id,
                choice.score,
                choice.reason,
                choice.signals,
                snap.taken_at,
                snap.source,
            )
        )
        self.known[key] = (headline_id, choice.event_id)
        self._told[key] = stamp
        return self.known[key]

    def _merge(self, absorbed: Sequence[str], into: str) -> None:
        self.flush()
        self.w.merge_events(absorbed, into)
        for old in absorbed:
            if old != into:
                self._alias[old] = into

    def _maybe_forget(self, at: datetime) -> None:
        # at every new list time, exactly: the engine's memory is then a function of the store
        # (what `load` rebuilds), so ingesting in one call or in many gives the same events
        if self._forgotten_at is None or at > self._forgotten_at:
            self.engine.forget_before(at - ACTIVE_WINDOW)
            self._forgotten_at = at

    def _flush_rows(self) -> None:
        self.w.add_headlines(self._headline_rows)
        self._headline_rows.clear()
        self.w.add_items(self._item_rows)
        self.w.add_observations(self._obs_rows)
        self._item_rows.clear()
        self._obs_rows.clear()

    def flush(self) -> None:
        """Write what is pending; merges call it first so that their updates see every row."""
        self._flush_rows()
        self.w.touch_events(self.event_spans)
        self.w.touch_headlines(self.headline_seen)
        self.event_spans.clear()
        self.headline_seen.clear()
