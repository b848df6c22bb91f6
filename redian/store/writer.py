"""Write operations of the store, all inside one transaction (see :meth:`Store.writing`)."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from redian.store import schema as t
from redian.store._common import HeadlineRow, chunks, from_epoch, pins, recent_headlines, to_epoch
from redian.types import CHINA_TZ, Alert, Article, Watch

__all__ = ["Writer"]


# Statements of the ingestion hot path, built once: SQLAlchemy then only binds parameters
# (building ``insert(...).values(**row)`` per row costs more than SQLite's own work).
_SNAPSHOT_FIND = select(t.snapshots.c.id).where(
    t.snapshots.c.source == bindparam("b_source"),
    t.snapshots.c.taken_at == bindparam("b_at"),
    t.snapshots.c.items_hash == bindparam("b_hash"),
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

#: the signals of a headline placed by an editor (``redian split``, ``redian merge``)
_PINNED = json.dumps({"pinned": 1.0})


class Writer:
    """Write operations inside one transaction (see :meth:`Store.writing`)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def recent_headlines(self, since: datetime) -> list[HeadlineRow]:
        """As :meth:`Store.recent_headlines`, but seeing this transaction's own changes."""
        return recent_headlines(self.conn, since)

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

    def headlines_by_key(self, keys: Sequence[str]) -> dict[str, tuple[int, str]]:
        """(headline id, event id) of each stored match key among ``keys``, in a few queries: a
        list of new titles would otherwise cost one round trip each."""
        h = t.headlines
        out: dict[str, tuple[int, str]] = {}
        for chunk in chunks(list(keys), 500):
            q = select(h.c.key, h.c.id, h.c.event_id).where(h.c.key.in_(chunk))
            for key, ident, event_id in self.conn.execute(q):
                out[str(key)] = (int(ident), str(event_id))
        return out

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
        for chunk in chunks(list(spans), 500):
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
            "early": int(watch.early),
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
            "early": int(alert.early),
        }
        self.conn.execute(insert(t.alerts).prefix_with("OR REPLACE").values(**values))

    def pins(self) -> dict[str, tuple[str, str]]:
        """As :meth:`Store.pins`, but seeing this transaction's own changes."""
        return pins(self.conn)

    def split_event(self, event_id: str, moved: Sequence[str], kept: Sequence[str], new_id: str) -> None:
        """Move the headlines ``moved`` (match keys) of ``event_id`` to a new event ``new_id``
        with their observations, and pin both sides (``kept`` stay) so that no later ingest or
        rebuild puts them together again."""
        h, o, e = t.headlines, t.observations, t.events
        self._pin(moved, new_id, f"人工拆分：从 {event_id} 拆出")
        self._pin(kept, event_id, f"人工拆分：与 {new_id} 分开")
        ids = [int(r[0]) for r in self.conn.execute(select(h.c.id).where(h.c.key.in_(list(moved))))]
        self.conn.execute(update(o).where(o.c.headline_id.in_(ids)).values(event_id=new_id))
        for event in (new_id, event_id):
            first, last = self.conn.execute(
                select(func.min(h.c.first_seen), func.max(h.c.last_seen)).where(h.c.event_id == event)
            ).one()
            if self.conn.execute(select(e.c.id).where(e.c.id == event)).first() is None:
                self.conn.execute(insert(e).values(id=event, first_seen=first, last_seen=last))
            else:
                self.conn.execute(update(e).where(e.c.id == event).values(first_seen=first, last_seen=last))

    def merge_by_editor(self, into: str, others: Sequence[str]) -> None:
        """An editor's merge: ``others`` become aliases of ``into`` (as the engine's merges do),
        and every headline of the story is pinned to ``into``, so later ingests and rebuilds
        keep it one story; :meth:`restore_merges` makes the old ids aliases again after a
        rebuild."""
        h = t.headlines
        now = int(datetime.now(CHINA_TZ).timestamp())
        self.merge_events(others, into)
        keys = [str(r[0]) for r in self.conn.execute(select(h.c.key).where(h.c.event_id == into))]
        self._pin(keys, into, f"人工合并：{'、'.join(others)} 并入 {into}")
        for old in others:
            row = {"old_id": old, "event_id": into, "created": now}
            self.conn.execute(insert(t.merges).prefix_with("OR REPLACE").values(**row))

    def restore_merges(self) -> None:
        """After a rebuild: each id an editor merged away is an alias of its event again (the
        pinned headlines never found the old event, so it has no row of its own)."""
        e = t.events
        rows = self.conn.execute(select(t.merges.c.old_id, t.merges.c.event_id)).all()
        pending: list[tuple[str, str]] = [(str(old), str(into)) for old, into in rows]
        while pending:  # (a chain, A into B and later B into C: B's alias first, then A's)
            waiting: list[tuple[str, str]] = []
            for old, into in pending:
                span = self.conn.execute(select(e.c.first_seen, e.c.last_seen).where(e.c.id == into)).first()
                if span is None:
                    waiting.append((old, into))
                elif self.conn.execute(select(e.c.id).where(e.c.id == old)).first() is None:
                    self.conn.execute(
                        insert(e).values(id=old, first_seen=span[0], last_seen=span[1], merged_into=into)
                    )
                else:
                    self.merge_events([old], into)
            if len(waiting) == len(pending):
                break  # those stories are no longer in the raw inputs
            pending = waiting

    def _pin(self, keys: Sequence[str], event_id: str, note: str) -> None:
        """An editor's decision (split or merge): the headlines ``keys`` belong to ``event_id``
        whatever the engine says, in every later ingest and rebuild, and their explanation
        becomes the note, as a rebuild will place them."""
        now = int(datetime.now(CHINA_TZ).timestamp())
        placed = {"event_id": event_id, "score": 1.0, "reason": note, "signals": _PINNED}
        for chunk in chunks(list(keys), 500):
            rows = [{"key": k, "event_id": event_id, "created": now, "note": note} for k in chunk]
            self.conn.execute(insert(t.pins).prefix_with("OR REPLACE"), rows)
            self.conn.execute(update(t.headlines).where(t.headlines.c.key.in_(chunk)).values(**placed))

    def clear_derived(self) -> None:
        for table in t.DERIVED:
            self.conn.execute(delete(table))
