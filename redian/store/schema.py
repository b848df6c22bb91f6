"""Tables of the embedded store (SQLAlchemy Core).  Times are UTC epoch seconds (INTEGER).

Raw inputs are the truth; everything else is derived from them and can be rebuilt
(``redian rebuild``).  ``observations`` is the compact, indexed series that heat and history
queries read: one row per (snapshot, item), carrying the event the item's headline belongs to.
"""

from __future__ import annotations

from sqlalchemy import (
    BLOB,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),  # file name as given, for provenance
    Column("format", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", BLOB, nullable=False),  # zlib-compressed bytes (after gunzip)
    Column("time_hint", Integer),  # --time, or the file's mtime for pages without a date
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("taken_at", Integer, nullable=False),
    Column("size", Integer, nullable=False),
    Column("hot_max", Float),  # largest platform hot value on the list, None when it gives none
    Column("items_hash", Text, nullable=False),
    Column("raw_id", Integer, ForeignKey("raw_inputs.id"), nullable=False),
    Column("origin", Text, nullable=False),
    UniqueConstraint("source", "taken_at", "items_hash", name="uq_snapshot"),
)
Index("ix_snapshots_taken_at", snapshots.c.taken_at, snapshots.c.source)

events = Table(
    "events",
    metadata,
    Column("id", Text, primary_key=True),
    Column("first_seen", Integer, nullable=False),
    Column("last_seen", Integer, nullable=False),
    Column("merged_into", Text),  # set when later evidence proved it the same story as another
)

headlines = Table(
    "headlines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),  # redian.text.match_key
    Column("text", Text, nullable=False),  # display form, as first seen
    Column("event_id", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("reason", Text, nullable=False),
    Column("signals", Text, nullable=False),  # JSON object: signal name → value
    Column("first_seen", Integer, nullable=False),
    Column("last_seen", Integer, nullable=False),
    Column("first_source", Text, nullable=False),
)
Index("ix_headlines_event", headlines.c.event_id)
Index("ix_headlines_last_seen", headlines.c.last_seen)

items = Table(
    "items",
    metadata,
    Column("snapshot_id", Integer, ForeignKey("snapshots.id"), primary_key=True),
    Column("position", Integer, primary_key=True),  # 0-based place in the list
    Column("rank", Integer, nullable=False),  # as the platform gave it
    Column("title", Text, nullable=False),
    Column("headline_id", Integer, ForeignKey("headlines.id"), nullable=False),
    Column("url", Text),
    Column("hot", Float),
    Column("desc", Text),
)
Index("ix_items_headline", items.c.headline_id)

observations = Table(
    "observations",
    metadata,
    Column("snapshot_id", Integer, ForeignKey("snapshots.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("rank", Integer, nullable=False),
    Column("event_id", Text, nullable=False),
    Column("headline_id", Integer, nullable=False),
    Column("source", Text, nullable=False),
    Column("at", Integer, nullable=False),
    Column("hot", Float),
    Column("size", Integer, nullable=False),
)
Index("ix_observations_at", observations.c.at)
Index("ix_observations_event_at", observations.c.event_id, observations.c.at)

pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("raw_id", Integer, ForeignKey("raw_inputs.id"), nullable=False, unique=True),
    Column("path", Text),
    Column("url", Text),
    Column("at", Integer, nullable=False),  # published, else the time hint
)

articles = Table(
    "articles",
    metadata,
    Column("page_id", Integer, ForeignKey("pages.id"), primary_key=True),
    Column("kind", Text, nullable=False),
    Column("title", Text),
    Column("author", Text),
    Column("published", Text),
    Column("column", Text),
    Column("body", Text, nullable=False),
    Column("lists", Text, nullable=False),  # JSON list of lists of strings
    Column("encoding", Text),
    Column("problem", Text),
)

watches = Table(
    "watches",
    metadata,
    Column("name", Text, primary_key=True),
    Column("terms", Text, nullable=False),  # JSON list: "词" any of, "+词" must, "!词" must not
    Column("min_heat", Float, nullable=False),
    Column("sources", Text, nullable=False),  # JSON list; empty = every source
    Column("webhook", Text),
    Column("created", Integer, nullable=False),
    Column("early", Integer, nullable=False, server_default="0"),  # since v4: alert on 即将爆发 too
)

alerts = Table(
    "alerts",
    metadata,
    Column("watch", Text, ForeignKey("watches.name", ondelete="CASCADE"), primary_key=True),
    Column("event_id", Text, primary_key=True),
    Column("at", Integer, nullable=False),  # the board moment that raised it
    Column("title", Text, nullable=False),
    Column("heat", Float, nullable=False),
    Column("matched", Text, nullable=False),  # JSON list of the terms that matched
    Column("pushed", Integer, nullable=False),  # 1 once the webhook took it (or there is none)
    Column("early", Integer, nullable=False, server_default="0"),  # since v4: raised by 即将爆发
)

#: an editor's corrections of the story engine (`redian split`): this headline belongs to this
#: event, whatever the engine would say; placement follows them in every later ingest and rebuild
pins = Table(
    "pins",
    metadata,
    Column("key", Text, primary_key=True),  # headline match key
    Column("event_id", Text, nullable=False),
    Column("created", Integer, nullable=False),
    Column("note", Text, nullable=False),  # why, for people: 拆分自 <event>
)

#: an editor's merges of stories the engine kept apart (`redian merge`): the merged-away id stays an
#: alias of the event it went into, through rebuilds (the headlines themselves are pinned)
merges = Table(
    "merges",
    metadata,
    Column("old_id", Text, primary_key=True),
    Column("event_id", Text, nullable=False),
    Column("created", Integer, nullable=False),
)

#: tables derived from raw inputs, emptied and refilled by `redian rebuild` (children first)
DERIVED = (observations, items, articles, pages, snapshots, headlines, events)
