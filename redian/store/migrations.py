"""Versioned schema migrations.

``MIGRATIONS[n]`` takes a store from version ``n`` to ``n + 1``; the version lives in
``meta.schema_version``.  A store newer than this code is refused rather than guessed at.
Add a migration by appending a function; never edit one that has shipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import Connection, or_, select, update

from redian.errors import StoreError
from redian.store import schema

__all__ = ["SCHEMA_VERSION", "migrate"]


_V1_TABLES = (
    "meta",
    "raw_inputs",
    "snapshots",
    "events",
    "headlines",
    "items",
    "observations",
    "pages",
    "articles",
)


def _v0_to_v1(conn: Connection) -> None:
    """The first schema: raw inputs, snapshots, items, headlines, events, observations, pages."""
    schema.metadata.create_all(conn, tables=[schema.metadata.tables[n] for n in _V1_TABLES])


def _v1_to_v2(conn: Connection) -> None:
    """Watchlists and the alerts they raised (not derived: user data, kept by `rebuild`)."""
    schema.metadata.create_all(conn, tables=[schema.watches, schema.alerts])


def _v2_to_v3(conn: Connection) -> None:
    """Editors' corrections of the story engine (`redian split`): user data, kept by `rebuild`."""
    schema.metadata.create_all(conn, tables=[schema.pins])


def _v3_to_v4(conn: Connection) -> None:
    """Early-warning alerts: ``watches.early`` (alert on 即将爆发 too) and ``alerts.early``.
    A store created at v2 or later by this code already has them (v2 creates today's tables)."""
    for table in ("watches", "alerts"):
        columns = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        if "early" not in columns:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN early INTEGER NOT NULL DEFAULT 0")


#: a decimal point (stored texts are :func:`~redian.text.clean_title`'s NFKC form: ``．`` is ``.``)
_DECIMAL = re.compile(r"\d\.\d")


def _v4_to_v5(conn: Connection) -> None:
    """Match keys keep decimal points since v5 (``2.25亿`` had the key of ``225亿``, so the two
    amounts agreed): headlines whose title has one, and the editors' pins on them, are re-keyed.
    A new key without its points is the old key, so two rows never meet on one new key; a row
    whose key was not made from its text as :func:`~redian.text.match_key` makes it (a title
    without letters keeps its clean form as key) is left as it is."""
    from redian.text.normalize import key_of_clean

    renamed: dict[str, str] = {}
    found = conn.execute(
        select(schema.headlines.c.id, schema.headlines.c.key, schema.headlines.c.text).where(
            schema.headlines.c.text.like("%.%")
        )
    )
    for row_id, key, text in found.all():
        if not _DECIMAL.search(text):
            continue
        new = key_of_clean(text)
        if new != key and new.replace(".", "") == key:
            conn.execute(update(schema.headlines).where(schema.headlines.c.id == row_id).values(key=new))
            renamed[key] = new
    for old, new in renamed.items():
        conn.execute(update(schema.pins).where(schema.pins.c.key == old).values(key=new))


def _v5_to_v6(conn: Connection) -> None:
    """Editors' merges of stories (`redian merge`): user data, kept by `rebuild`."""
    schema.metadata.create_all(conn, tables=[schema.merges])


#: a hyphen, slash, colon or range mark between two digits (stored texts are NFKC)
_JOINED = re.compile(r"\d[-/:~〜—–]\d")


def _v6_to_v7(conn: Connection) -> None:
    """Match keys keep the hyphens, slashes and colons between digits since v7 (``3-1`` had the
    key of ``31``, ``7-11岁`` read as an age of 711, ``1/4决赛`` as ``14决赛``): headlines whose
    title has one, and the editors' pins on them, are re-keyed.  A new key without those marks
    (and decimal points) is the old key without its points, so rows do not meet on one new key;
    one that would (or whose key was not made from its text) is left as it is."""
    from redian.text.normalize import key_of_clean, unmarked

    taken = {key for (key,) in conn.execute(select(schema.headlines.c.key))}
    renamed: dict[str, str] = {}
    texts = schema.headlines.c.text
    found = conn.execute(
        select(schema.headlines.c.id, schema.headlines.c.key, texts).where(
            or_(*[texts.like(f"%{mark}%") for mark in "-/:~〜—–"])
        )
    )
    for row_id, key, text in found.all():
        if not _JOINED.search(text):
            continue
        new = key_of_clean(text)
        if new == key or new in taken or unmarked(new) != key.replace(".", ""):
            continue
        conn.execute(update(schema.headlines).where(schema.headlines.c.id == row_id).values(key=new))
        taken.add(new)
        renamed[key] = new
    for old, new in renamed.items():
        conn.execute(update(schema.pins).where(schema.pins.c.key == old).values(key=new))


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v0_to_v1,
    _v1_to_v2,
    _v2_to_v3,
    _v3_to_v4,
    _v4_to_v5,
    _v5_to_v6,
    _v6_to_v7,
]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "meta"):
        return 0
    row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection) -> int:
    """Bring the store to :data:`SCHEMA_VERSION`; returns the version it was at."""
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {found}, newer than this redian ({SCHEMA_VERSION}): upgrade redian"
        )
    for version in range(found, SCHEMA_VERSION):
        MIGRATIONS[version](conn)
        conn.execute(
            schema.meta.insert()
            .prefix_with("OR REPLACE")
            .values(key="schema_version", value=str(version + 1))
        )
    return found
