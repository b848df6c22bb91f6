"""The store: opening, migrating and reading; :mod:`redian.store.writer` holds the writes.

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
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Engine,
    create_engine,
    event,
    func,
    or_,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from redian.collect.platforms import source_of
from redian.errors import StoreError
from redian.store import schema as t
from redian.store._common import EventSpan, HeadlineRow, chunks, from_epoch, pins, recent_headlines, to_epoch
from redian.store.migrations import migrate
from redian.store.writer import Writer
from redian.types import (
    Alert,
    Article,
    EventView,
    HeadlineIn,
    Observation,
    Snapshot,
    SnapshotItem,
    SnapshotMeta,
    Source,
    Watch,
)

__all__ = ["EventSpan", "HeadlineRow", "RawInput", "Store", "from_epoch", "to_epoch"]

#: an event page names the event by its headlines of this last stretch of its life (the board's day)
_TITLE_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class RawInput:
    id: int
    sha256: str
    name: str
    format: str
    data: bytes
    time_hint: datetime | None


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
            return recent_headlines(conn, since)

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
            for chunk in chunks(ids, 500):
                q = select(t.events.c.id, t.events.c.first_seen).where(t.events.c.id.in_(chunk))
                out.update({r[0]: from_epoch(r[1]) for r in conn.execute(q)})
        return out

    def event_titles(self, event_ids: Iterable[str], start: datetime, end: datetime) -> dict[str, str]:
        """The headline each event is best known by in the window: most observed, then longest."""
        o = t.observations
        return self._best_known(event_ids, o.c.at > to_epoch(start), o.c.at <= to_epoch(end))

    def event_names(self, event_ids: Iterable[str]) -> dict[str, str]:
        """The headline each event is best known by over its last day, the title the board gave
        it then (over its whole life a bare early hashtag such as 极越 can outnumber the
        headlines): what its page, search and alerts call it."""
        o, e = t.observations, t.events
        since = func.max(e.c.first_seen - 1, e.c.last_seen - int(_TITLE_WINDOW.total_seconds()))
        return self._best_known(event_ids, o.c.at > since, o.c.at <= e.c.last_seen, events=True)

    def _best_known(self, event_ids: Iterable[str], *window: Any, events: bool = False) -> dict[str, str]:
        o, h = t.observations, t.headlines
        best: dict[str, tuple[int, int, str]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(event_ids), 500):
                q = select(o.c.event_id, h.c.text, func.count()).join(h, h.c.id == o.c.headline_id)
                if events:
                    q = q.join(t.events, t.events.c.id == o.c.event_id)
                q = q.where(o.c.event_id.in_(chunk), *window).group_by(o.c.event_id, o.c.headline_id)
                for event_id, text, count in conn.execute(q):
                    rank = (int(count), len(text), text)
                    if event_id not in best or rank > best[event_id]:
                        best[event_id] = rank
        return {k: v[2] for k, v in best.items()}

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
        title = self.event_names([event_id])
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

    def event_headlines(self, event_id: str) -> list[HeadlineIn]:
        """The event's headlines as first seen (text, source, time) with the platform's
        description when one was given (Baidu's ``desc``)."""
        h, i = t.headlines, t.items
        q = (
            select(h.c.id, h.c.key, h.c.text, h.c.first_source, h.c.first_seen)
            .where(h.c.event_id == event_id)
            .order_by(h.c.first_seen, h.c.id)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            descs: dict[int, str] = {}
            for chunk in chunks([str(r.id) for r in rows], 500):
                dq = select(i.c.headline_id, func.max(i.c.desc)).where(
                    i.c.headline_id.in_([int(x) for x in chunk]), i.c.desc.is_not(None)
                )
                descs.update({int(r[0]): str(r[1]) for r in conn.execute(dq.group_by(i.c.headline_id))})
        return [
            HeadlineIn(r.key, r.text, r.first_source, from_epoch(r.first_seen), descs.get(r.id)) for r in rows
        ]

    def articles_between(
        self, start: datetime, end: datetime, limit: int = 2000
    ) -> list[tuple[int, Article]]:
        """Articles of pages dated within ``[start, end]`` (page id, article), newest first."""
        p, a = t.pages, t.articles
        q = (
            select(p.c.id, p.c.path, p.c.url, a)
            .join(a, a.c.page_id == p.c.id)
            .where(p.c.at >= to_epoch(start), p.c.at <= to_epoch(end))
            .order_by(p.c.at.desc(), p.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(int(r.id), _article(r)) for r in conn.execute(q)]

    def pins(self) -> dict[str, tuple[str, str]]:
        """Headline key → (the event an editor put it in, why) (`redian split`)."""
        with self.engine.connect() as conn:
            return pins(conn)

    def event_exists(self, event_id: str) -> bool:
        """Whether the id was ever given to an event (live or merged into another)."""
        with self.engine.connect() as conn:
            return conn.execute(select(t.events.c.id).where(t.events.c.id == event_id)).first() is not None

    def watches(self) -> list[Watch]:
        w = t.watches
        with self.engine.connect() as conn:
            rows = conn.execute(select(w).order_by(w.c.name)).all()
        return [
            Watch(
                r.name,
                tuple(json.loads(r.terms)),
                r.min_heat,
                tuple(json.loads(r.sources)),
                r.webhook,
                bool(r.early),
            )
            for r in rows
        ]

    def alerts(self, watch: str | None = None, limit: int = 100) -> list[Alert]:
        a = t.alerts
        q = select(a).order_by(a.c.at.desc(), a.c.heat.desc()).limit(limit)
        if watch is not None:
            q = q.where(a.c.watch == watch)
        with self.engine.connect() as conn:
            return [_alert(r) for r in conn.execute(q)]

    def alert_counts(self) -> dict[str, int]:
        """How many alerts each watch has raised."""
        a = t.alerts
        with self.engine.connect() as conn:
            rows = conn.execute(select(a.c.watch, func.count()).group_by(a.c.watch)).all()
        return {str(r[0]): int(r[1]) for r in rows}

    def alerted(self, watch: str) -> set[str]:
        """Events this watch has already announced (alerts whose push failed are not among them)."""
        a = t.alerts
        q = select(a.c.event_id).where(a.c.watch == watch, a.c.pushed == 1)
        with self.engine.connect() as conn:
            return {str(r[0]) for r in conn.execute(q)}

    def headline_texts(self, event_ids: Iterable[str], until: datetime | None = None) -> dict[str, list[str]]:
        """Each event's headlines (first seen by ``until`` when given: what was known then)."""
        h = t.headlines
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(event_ids), 500):
                q = select(h.c.event_id, h.c.text).where(h.c.event_id.in_(chunk))
                if until is not None:
                    q = q.where(h.c.first_seen <= to_epoch(until))
                for event_id, text in conn.execute(q.order_by(h.c.id)):
                    out.setdefault(event_id, []).append(text)
        return out

    def headlines_containing(
        self, keys: Sequence[str], start: datetime, end: datetime, limit: int = 20_000
    ) -> dict[str, list[str]]:
        """Event id → its headlines whose match key contains any of ``keys`` (match keys too),
        among headlines seen between ``start`` and ``end``; at most ``limit`` headlines, the
        most recently seen first."""
        h = t.headlines
        wanted = [k for k in keys if k]
        if not wanted:
            return {}
        like = [h.c.key.like("%" + _escape_like(k) + "%", escape="\\") for k in wanted]
        q = (
            select(h.c.event_id, h.c.text)
            .where(or_(*like), h.c.last_seen >= to_epoch(start), h.c.first_seen <= to_epoch(end))
            .order_by(h.c.last_seen.desc(), h.c.id)
            .limit(limit)
        )
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for event_id, text in conn.execute(q):
                out.setdefault(str(event_id), []).append(str(text))
        return out

    def event_spans(self, event_ids: Iterable[str], sources: Sequence[str] = ()) -> dict[str, EventSpan]:
        """Life, platforms and best rank of each event, from its observations (only on
        ``sources`` when given; an event never seen there is left out)."""
        o = t.observations
        rows: dict[str, list[tuple[str, int, int, int, int]]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(event_ids), 500):
                q = select(
                    o.c.event_id,
                    o.c.source,
                    func.min(o.c.rank),
                    func.count(),
                    func.min(o.c.at),
                    func.max(o.c.at),
                ).where(o.c.event_id.in_(chunk))
                if sources:
                    q = q.where(o.c.source.in_(list(sources)))
                for event_id, source, rank, count, first, last in conn.execute(
                    q.group_by(o.c.event_id, o.c.source)
                ):
                    rows.setdefault(str(event_id), []).append((str(source), rank, count, first, last))
        return {
            event_id: EventSpan(
                event_id,
                from_epoch(min(r[3] for r in parts)),
                from_epoch(max(r[4] for r in parts)),
                tuple(sorted(r[0] for r in parts)),
                min(r[1] for r in parts),
                sum(r[2] for r in parts),
            )
            for event_id, parts in rows.items()
        }

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


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
        r.watch,
        r.event_id,
        r.title,
        r.heat,
        from_epoch(r.at),
        tuple(json.loads(r.matched)),
        bool(r.pushed),
        bool(r.early),
    )
