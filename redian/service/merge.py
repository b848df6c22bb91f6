"""Use case ``merge``: an editor joins stories the engine kept apart.

The complement of :mod:`redian.service.split`.  The engine merges only on evidence it can weigh;
an editor knows that ``经济工作会议`` and ``部署2025年经济工作`` are one story on their board.  The
merged-away events become aliases of the one named first (their links keep working), every
headline of the story is pinned to it, so later ingests and ``redian rebuild`` keep it whole,
and the engine makes no further merges into it on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redian.errors import ConfigError
from redian.store import Store

__all__ = ["MergeResult", "merge_stories"]


@dataclass(frozen=True, slots=True)
class MergeResult:
    event: str
    merged: tuple[str, ...]  # ids now aliases of ``event``
    headlines: int  # headlines of the story after the merge


def merge_stories(store: Store, ident: str, others: Sequence[str]) -> MergeResult:
    """Merge the events ``others`` (ids, old ids or unique prefixes) into event ``ident``;
    ConfigError when the request makes no sense."""
    into = store.resolve_event(ident)
    if into is None:
        raise ConfigError(f"no event {ident!r}")
    absorbed: list[str] = []
    for given in others:
        found = store.resolve_event(given)
        if found is None:
            raise ConfigError(f"no event {given!r}")
        if found == into:
            raise ConfigError(f"{given} is already part of {into}")
        if found not in absorbed:
            absorbed.append(found)
    if not absorbed:
        raise ConfigError("name at least one other event to merge into it")
    with store.writing() as w:
        w.merge_by_editor(into, absorbed)
    return MergeResult(into, tuple(absorbed), len(store.event_headlines(into)))
