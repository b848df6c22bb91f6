"""The store: the only place in redian that writes SQL.

SQLite in WAL mode by default (one file, readers never block the writer).  Writes happen inside
:meth:`Store.writing`, one transaction: when anything fails, nothing of it is kept, so a bad
input can never leave half of itself behind.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from redian.collect.platforms import source_of
from redian.errors import StoreError
from redian.store import schema as t
from redian.store.migrations import migrate
from redian.types import (
    CHINA_TZ,
    Alert,
    Article,
    EventView,
    Observation,
    Snapshot,
    SnapshotItem,
    SnapshotMeta,
    Source,
    Watch,
)

__all__ = ["HeadlineRow", "RawInput", "Store", "Writer", "from_epoch", "to_epoch"]


def to_epoch(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: redian only stores timezone-aware times")
    return int(moment.timestamp())


def from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=CHINA_TZ)


@dataclass(frozen=True, slots=True)
class RawInput:
    id: int
    sha256: str
    name: str
    format: str
    data: bytes
    time_hint: datetime | None


@dataclass(frozen=True, slots=True)
class HeadlineRow:
    id: int
    key: str
    text: str
    event_id: str
    last_seen: datetime


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


class Store:
    """An opened store.  Use :meth:`open`; close with :meth:`close` or as a context manager."""

    def __init__(self, engine: Engine, path: Path | None) -> None:
        self.engine = engine
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating and migrating when needed) the SQLite store at ``path``; ``:memory:`` works."""
        target = Path(path) if str(path) != ":memory:" else None
        try:
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{target}" if target is not None else "sqlite://"
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
            with engine.begin() as conn:
                migrate(conn)
        except (OSError, SQLAlchemyError) as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from exc
        return cls(engine, target)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        try:
            with self.engine.begin() as conn:
                yield Writer(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"store write failed, nothing was changed: {exc}") from exc

    # -- reading ----------------------------------------------------------------------------
    def raw_inputs(self) -> Iterator[RawInput]:
        """Every raw input in ingestion order (the order `rebuild` replays them in)."""
        with self.engine.connect() as conn:
            ids = [r[0] for r in conn.execute(select(t.raw_inputs.c.id).order_by(t.raw_inputs.c.id))]
        for raw_id in ids:
            with self.engine.connect() as conn:
                row = conn.execute(select(t.raw_inputs).where(t.raw_inputs.c.id == raw_id)).one()
            hint = from_epoch(row.time_hint) if row.time_hint is not None else None
            yield RawInput(row.id, row.sha256, row.name, row.format, zlib.decompress(row.data), hint)

    def recent_headlines(self, since: datetime) -> list[HeadlineRow]:
        """Headlines seen since ``since``: what the events engine must remember."""
        with self.engine.connect() as conn:
            return _recent_headlines(conn, since)

    def observations(self, start: datetime, end: datetime, sources: Sequence[str] = ()) -> list[Observation]:
        """Every appearance of every event with ``start < at <= end``."""
        o = t.observations
        q = select(o.c.event_id, o.c.source, o.c.at, o.c.rank, o.c.hot, o.c.size).where(
            o.c.at > to_epoch(start), o.c.at <= to_epoch(end)
        )
        if sources:
            q = q.where(o.c.source.in_(list(sources)))
        with self.engine.connect() as conn:
            return [Observation(r[0], r[1], from_epoch(r[2]), r[3], r[4], r[5]) for r in conn.execute(q)]

    def event_observations(self, event_id: str) -> list[Observation]:
        o = t.observations
        q = (
            select(o.c.event_id, o.c.source, o.c.at, o.c.rank, o.c.hot, o.c.size)
            .where(o.c.event_id == event_id)
            .order_by(o.c.at, o.c.source)
        )
        with self.engine.connect() as conn:
            return [Observation(r[0], r[1], from_epoch(r[2]), r[3], r[4], r[5]) for r in conn.execute(q)]

    def snapshot_metas(
        self, start: datetime, end: datetime, sources: Sequence[str] = ()
    ) -> list[SnapshotMeta]:
        s = t.snapshots
        q = select(s.c.source, s.c.taken_at, s.c.size, s.c.hot_max).where(
            s.c.taken_at > to_epoch(start), s.c.taken_at <= to_epoch(end)
        )
        if sources:
            q = q.where(s.c.source.in_(list(sources)))
        q = q.order_by(s.c.taken_at, s.c.source)
        with self.engine.connect() as conn:
            return [SnapshotMeta(r[0], from_epoch(r[1]), r[2], r[3]) for r in conn.execute(q)]

    def first_seen(self, event_ids: Iterable[str]) -> dict[str, datetime]:
        ids = list(event_ids)
        out: dict[str, datetime] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(ids, 500):
                q = select(t.events.c.id, t.events.c.first_seen).where(t.events.c.id.in_(chunk))
                out.update({r[0]: from_epoch(r[1]) for r in conn.execute(q)})
        return out

    def event_titles(self, event_ids: Iterable[str], start: datetime, end: datetime) -> dict[str, str]:
        """The headline each event is best known by in the window: most observed, then longest."""
        ids = list(event_ids)
        o, h = t.observations, t.headlines
        out: dict[str, tuple[int, int, str]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(ids, 500):
                q = (
                    select(o.c.event_id, h.c.text, func.count())
                    .join(h, h.c.id == o.c.headline_id)
                    .where(o.c.event_id.in_(chunk), o.c.at > to_epoch(start), o.c.at <= to_epoch(end))
                    .group_by(o.c.event_id, o.c.headline_id)
                )
                for event_id, text, count in conn.execute(q):
                    rank = (count, len(text), text)
                    if event_id not in out or rank > out[event_id]:
                        out[event_id] = rank
        return {k: v[2] for k, v in out.items()}

    def resolve_event(self, ident: str) -> str | None:
        """An event id from an id, an old (merged) id or a unique prefix of at least 4 characters."""
        e = t.events
        with self.engine.connect() as conn:
            row = conn.execute(select(e.c.id, e.c.merged_into).where(e.c.id == ident)).first()
            if row is None and len(ident) >= 4:
                rows = conn.execute(
                    select(e.c.id, e.c.merged_into).where(e.c.id.like(ident.replace("%", "") + "%")).limit(2)
                ).all()
                row = rows[0] if len(rows) == 1 else None
            seen: set[str] = set()
            while row is not None and row.merged_into and row.id not in seen:
                seen.add(row.id)
                row = conn.execute(select(e.c.id, e.c.merged_into).where(e.c.id == row.merged_into)).first()
            return None if row is None else str(row.id)

    def event_view(self, event_id: str) -> EventView | None:
        e, h = t.events, t.headlines
        with self.engine.connect() as conn:
            row = conn.execute(select(e).where(e.c.id == event_id)).first()
            if row is None:
                return None
            heads = conn.execute(
                select(h.c.text, h.c.first_source, h.c.score, h.c.reason)
                .where(h.c.event_id == event_id)
                .order_by(h.c.first_seen, h.c.id)
            ).all()
            aliases = [r[0] for r in conn.execute(select(e.c.id).where(e.c.merged_into == event_id))]
        obs = self.event_observations(event_id)
        sources = tuple(sorted({o.source for o in obs}))
        title = self.event_titles([event_id], from_epoch(row.first_seen - 1), from_epoch(row.last_seen))
        return EventView(
            id=event_id,
            title=title.get(event_id, heads[0][0] if heads else ""),
            first_seen=from_epoch(row.first_seen),
            last_seen=from_epoch(row.last_seen),
            headlines=tuple((r[0], r[1], float(r[2]), r[3]) for r in heads),
            observations=tuple(obs),
            aliases=tuple(sorted(aliases)),
            sources=sources,
        )

    def sources(self) -> list[Source]:
        """Every source with its number of snapshots, most snapshots first."""
        s = t.snapshots
        q = select(s.c.source, func.count()).group_by(s.c.source).order_by(func.count().desc(), s.c.source)
        with self.engine.connect() as conn:
            return [source_of(str(r[0]), int(r[1])) for r in conn.execute(q)]

    def snapshots(self, start: datetime, end: datetime, sources: Sequence[str] = ()) -> Iterator[Snapshot]:
        """Stored hot lists with ``start < taken_at <= end``, in time order, as they were shown."""
        s, i = t.snapshots, t.items
        q = select(s.c.id, s.c.source, s.c.taken_at, s.c.origin).where(
            s.c.taken_at > to_epoch(start), s.c.taken_at <= to_epoch(end)
        )
        if sources:
            q = q.where(s.c.source.in_(list(sources)))
        with self.engine.connect() as conn:
            heads = conn.execute(q.order_by(s.c.taken_at, s.c.source, s.c.id)).all()
            for snap_id, source, taken_at, origin in heads:
                rows = conn.execute(
                    select(i.c.rank, i.c.title, i.c.url, i.c.hot, i.c.desc)
                    .where(i.c.snapshot_id == snap_id)
                    .order_by(i.c.position)
                ).all()
                items = tuple(SnapshotItem(r[0], r[1], r[2], r[3], r[4]) for r in rows)
                yield Snapshot(source, from_epoch(taken_at), items, origin)

    def watches(self) -> list[Watch]:
        w = t.watches
        with self.engine.connect() as conn:
            rows = conn.execute(select(w).order_by(w.c.name)).all()
        return [
            Watch(r.name, tuple(json.loads(r.terms)), r.min_heat, tuple(json.loads(r.sources)), r.webhook)
            for r in rows
        ]

    def alerts(self, watch: str | None = None, limit: int = 100) -> list[Alert]:
        a = t.alerts
        q = select(a).order_by(a.c.at.desc(), a.c.heat.desc()).limit(limit)
        if watch is not None:
            q = q.where(a.c.watch == watch)
        with self.engine.connect() as conn:
            return [_alert(r) for r in conn.execute(q)]

    def alerted(self, watch: str) -> set[str]:
        """Events this watch has already announced (alerts whose push failed are not among them)."""
        a = t.alerts
        q = select(a.c.event_id).where(a.c.watch == watch, a.c.pushed == 1)
        with self.engine.connect() as conn:
            return {str(r[0]) for r in conn.execute(q)}

    def headline_texts(self, event_ids: Iterable[str]) -> dict[str, list[str]]:
        h = t.headlines
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(list(event_ids), 500):
                for event_id, text in conn.execute(
                    select(h.c.event_id, h.c.text).where(h.c.event_id.in_(chunk))
                ):
                    out.setdefault(event_id, []).append(text)
        return out

    def latest_time(self) -> datetime | None:
        with self.engine.connect() as conn:
            value = conn.execute(select(func.max(t.snapshots.c.taken_at))).scalar()
        return None if value is None else from_epoch(int(value))

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                table.name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
                for table in (t.raw_inputs, t.snapshots, t.items, t.headlines, t.events, t.pages, t.articles)
            }

    def table_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, sorted: used to prove that re-ingesting changes nothing."""
        with self.engine.connect() as conn:
            return {
                table.name: sorted(tuple(r) for r in conn.execute(select(table)))
                for table in t.metadata.sorted_tables
            }

    def articles(self, limit: int = 50) -> list[tuple[int, str | None, Article]]:
        """Recent articles (page id, page path, article), newest first."""
        p, a = t.pages, t.articles
        q = (
            select(p.c.id, p.c.path, p.c.url, a)
            .join(a, a.c.page_id == p.c.id)
            .order_by(p.c.at.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(r.id, r.path, _article(r)) for r in conn.execute(q)]


def _recent_headlines(conn: Connection, since: datetime) -> list[HeadlineRow]:
    h = t.headlines
    q = (
        select(h.c.id, h.c.key, h.c.text, h.c.event_id, h.c.last_seen)
        .where(h.c.last_seen >= to_epoch(since))
        .order_by(h.c.first_seen, h.c.id)
    )
    return [HeadlineRow(r.id, r.key, r.text, r.event_id, from_epoch(r.last_seen)) for r in conn.execute(q)]


def _article(r: Any) -> Article:
    return Article(
        kind=r.kind,
        title=r.title,
        author=r.author,
        published=r.published,
        column=r.column,
        body=r.body,
        lists=tuple(tuple(x) for x in json.loads(r.lists)),
        path=r.path,
        url=r.url,
        encoding=r.encoding,
        problem=r.problem,
    )


def _alert(r: Any) -> Alert:
    return Alert(
        r.watch, r.event_id, r.title, r.heat, from_epoch(r.at), tuple(json.loads(r.matched)), bool(r.pushed)
    )


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


# Statements of the ingestion hot path, built once: SQLAlchemy then only binds parameters
# (building ``insert(...).values(**row)`` per row costs more than SQLite's own work).
_SNAPSHOT_FIND = select(t.snapshots.c.id).where(
    t.snapshots.c.source == bindparam("b_source"),
    t.snapshots.c.taken_at == bindparam("b_at"),
    t.snapshots.c.items_hash == bindparam("b_hash"),
)
_HEADLINE_FIND = select(t.headlines.c.id, t.headlines.c.event_id).where(
    t.headlines.c.key == bindparam("b_key")
)
_HEADLINE_SEEN = (
    update(t.headlines)
    .where(t.headlines.c.id == bindparam("b_id"), t.headlines.c.last_seen < bindparam("b_seen"))
    .values(last_seen=bindparam("b_seen"))
)
_EVENT_SPAN = (
    update(t.events)
    .where(t.events.c.id == bindparam("b_id"))
    .values(first_seen=bindparam("b_first"), last_seen=bindparam("b_last"))
)


class Writer:
    """Write operations inside one transaction (see :meth:`Store.writing`)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def recent_headlines(self, since: datetime) -> list[HeadlineRow]:
        """As :meth:`Store.recent_headlines`, but seeing this transaction's own changes."""
        return _recent_headlines(self.conn, since)

    def latest_time(self) -> datetime | None:
        value = self.conn.execute(select(func.max(t.snapshots.c.taken_at))).scalar()
        return None if value is None else from_epoch(int(value))

    def raw_id(self, sha256: str) -> int | None:
        q = select(t.raw_inputs.c.id).where(t.raw_inputs.c.sha256 == sha256)
        found = self.conn.execute(q).scalar()
        return None if found is None else int(found)

    def has_raw(self, sha256: str) -> bool:
        return self.raw_id(sha256) is not None

    def add_raw(self, sha256: str, name: str, fmt: str, data: bytes, time_hint: datetime | None) -> int:
        values = {
            "sha256": sha256,
            "name": name,
            "format": fmt,
            "size": len(data),
            "data": zlib.compress(data, 6),
            "time_hint": to_epoch(time_hint) if time_hint else None,
        }
        return int(self.conn.execute(insert(t.raw_inputs).values(**values)).inserted_primary_key[0])  # type: ignore[index]

    def add_snapshot(
        self,
        source: str,
        taken_at: datetime,
        size: int,
        hot_max: float | None,
        items_hash: str,
        raw_id: int,
        origin: str,
    ) -> int | None:
        """Insert a snapshot; None when the very same list at the same time is already stored."""
        s = t.snapshots
        stamp = to_epoch(taken_at)
        found = self.conn.execute(
            _SNAPSHOT_FIND, {"b_source": source, "b_at": stamp, "b_hash": items_hash}
        ).first()
        if found is not None:
            return None
        values = {
            "source": source,
            "taken_at": stamp,
            "size": size,
            "hot_max": hot_max,
            "items_hash": items_hash,
            "raw_id": raw_id,
            "origin": origin,
        }
        return int(self.conn.execute(insert(s).values(**values)).inserted_primary_key[0])  # type: ignore[index]

    def headline(self, key: str) -> tuple[int, str] | None:
        """(headline id, event id) of a known match key."""
        row = self.conn.execute(_HEADLINE_FIND, {"b_key": key}).first()
        return None if row is None else (int(row[0]), str(row[1]))

    def next_headline_id(self) -> int:
        """The id the next new headline gets; the caller numbers a batch from it and adds them with
        :meth:`add_headlines` (ids are handed out here so rows can be written in bulk)."""
        value = self.conn.execute(select(func.max(t.headlines.c.id))).scalar()
        return int(value or 0) + 1

    @staticmethod
    def headline_row(
        headline_id: int,
        key: str,
        text: str,
        event_id: str,
        score: float,
        reason: str,
        signals: Sequence[tuple[str, float]],
        at: datetime,
        source: str,
    ) -> dict[str, Any]:
        stamp = to_epoch(at)
        return {
            "id": headline_id,
            "key": key,
            "text": text,
            "event_id": event_id,
            "score": round(score, 4),
            "reason": reason,
            "signals": json.dumps(dict(signals), ensure_ascii=False, sort_keys=True),
            "first_seen": stamp,
            "last_seen": stamp,
            "first_source": source,
        }

    def add_headlines(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(insert(t.headlines), rows)

    def touch_headlines(self, last_seen: dict[int, int]) -> None:
        if last_seen:
            self.conn.execute(_HEADLINE_SEEN, [{"b_id": k, "b_seen": v} for k, v in last_seen.items()])

    def touch_events(self, spans: dict[str, tuple[int, int]]) -> None:
        """Create events or widen their first/last seen to include the given (first, last) spans."""
        e = t.events
        known: dict[str, tuple[int, int]] = {}
        for chunk in _chunks(list(spans), 500):
            q = select(e.c.id, e.c.first_seen, e.c.last_seen).where(e.c.id.in_(chunk))
            known.update({r[0]: (int(r[1]), int(r[2])) for r in self.conn.execute(q)})
        new_rows = []
        changed = []
        for event_id, (first, last) in spans.items():
            row = known.get(event_id)
            if row is None:
                new_rows.append({"id": event_id, "first_seen": first, "last_seen": last})
            elif first < row[0] or last > row[1]:
                changed.append({"b_id": event_id, "b_first": min(first, row[0]), "b_last": max(last, row[1])})
        if new_rows:
            self.conn.execute(insert(e), new_rows)
        if changed:
            self.conn.execute(_EVENT_SPAN, changed)

    def merge_events(self, absorbed: Sequence[str], into: str) -> None:
        """Later evidence proved ``absorbed`` the same story as ``into``: their ids become aliases."""
        e = t.events
        for old in absorbed:
            if old == into:
                continue
            row = self.conn.execute(select(e.c.first_seen, e.c.last_seen).where(e.c.id == old)).first()
            if row is not None:
                self.touch_events({into: (int(row[0]), int(row[1]))})
            self.conn.execute(update(e).where(e.c.id == old).values(merged_into=into))
            self.conn.execute(update(e).where(e.c.merged_into == old).values(merged_into=into))
            self.conn.execute(update(t.headlines).where(t.headlines.c.event_id == old).values(event_id=into))
            self.conn.execute(
                update(t.observations).where(t.observations.c.event_id == old).values(event_id=into)
            )

    def add_items(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(insert(t.items), rows)

    def add_observations(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(insert(t.observations), rows)

    def add_page(self, raw_id: int, path: str | None, url: str | None, at: datetime) -> int:
        values = {"raw_id": raw_id, "path": path, "url": url, "at": to_epoch(at)}
        return int(self.conn.execute(insert(t.pages).values(**values)).inserted_primary_key[0])  # type: ignore[index]

    def add_article(self, page_id: int, article: Article) -> None:
        values = {
            "page_id": page_id,
            "kind": article.kind,
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "column": article.column,
            "body": article.body,
            "lists": json.dumps([list(x) for x in article.lists], ensure_ascii=False),
            "encoding": article.encoding,
            "problem": article.problem,
        }
        self.conn.execute(insert(t.articles).values(**values))

    def put_watch(self, watch: Watch) -> None:
        """Create or replace a watch (its past alerts stay: they were true when raised)."""
        w = t.watches
        values = {
            "terms": json.dumps(list(watch.terms), ensure_ascii=False),
            "min_heat": watch.min_heat,
            "sources": json.dumps(list(watch.sources), ensure_ascii=False),
            "webhook": watch.webhook,
        }
        if self.conn.execute(select(w.c.name).where(w.c.name == watch.name)).first() is None:
            created = int(datetime.now(CHINA_TZ).timestamp())
            self.conn.execute(insert(w).values(name=watch.name, created=created, **values))
        else:
            self.conn.execute(update(w).where(w.c.name == watch.name).values(**values))

    def remove_watch(self, name: str) -> bool:
        self.conn.execute(delete(t.alerts).where(t.alerts.c.watch == name))
        return bool(self.conn.execute(delete(t.watches).where(t.watches.c.name == name)).rowcount)

    def add_alert(self, alert: Alert) -> None:
        values = {
            "watch": alert.watch,
            "event_id": alert.event_id,
            "at": to_epoch(alert.at),
            "title": alert.title,
            "heat": alert.heat,
            "matched": json.dumps(list(alert.matched), ensure_ascii=False),
            "pushed": int(alert.pushed),
        }
        self.conn.execute(insert(t.alerts).prefix_with("OR REPLACE").values(**values))

    def clear_derived(self) -> None:
        for table in t.DERIVED:
            self.conn.execute(delete(table))
