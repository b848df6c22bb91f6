"""Use case ``split``: an editor takes headlines out of a story they do not belong to.

The story engine is right most of the time, not always (``与男顾客暧昧的LV柜姐`` is not
``爷爷看中LV皮鞋柜姐配合孙女砍价``).  A split moves the chosen headlines, with their whole
history on the boards, to a new event and *pins* both sides: every later ingest and
``redian rebuild`` puts each pinned headline back where the editor said, and the engine never
merges the two events again.  The old event keeps its id; the new one gets a fresh, stable id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redian.errors import ConfigError
from redian.events import event_id_for
from redian.store import Store
from redian.text import match_key

__all__ = ["SplitResult", "split_event"]


@dataclass(frozen=True, slots=True)
class SplitResult:
    event: str
    new_event: str
    moved: tuple[str, ...]  # headline texts now in ``new_event``
    kept: int  # headlines left in ``event``


def split_event(store: Store, ident: str, headlines: Sequence[str]) -> SplitResult:
    """Move ``headlines`` (as shown by ``redian event``: the text, or its number in that list)
    out of event ``ident`` into a new event; ConfigError when the request makes no sense."""
    event_id = store.resolve_event(ident)
    if event_id is None:
        raise ConfigError(f"no event {ident!r}")
    members = store.event_headlines(event_id)
    by_key = {m.key: m for m in members}
    chosen: list[str] = []
    for given in headlines:
        text = given.strip()
        if text.isdigit() and 1 <= int(text) <= len(members):
            key = members[int(text) - 1].key
        else:
            key = match_key(text)
            if key not in by_key:
                raise ConfigError(f"event {event_id} has no headline {given!r} (see redian event {event_id})")
        if key not in chosen:
            chosen.append(key)
    if not chosen:
        raise ConfigError("name at least one headline to split off")
    kept = [m.key for m in members if m.key not in chosen]
    if not kept:
        raise ConfigError(f"that is every headline of {event_id}: nothing would be left to split from")
    new_id = _fresh_id(store, min(chosen, key=lambda k: (by_key[k].at, k)))
    with store.writing() as w:
        w.split_event(event_id, chosen, kept, new_id)
    return SplitResult(event_id, new_id, tuple(by_key[k].text for k in chosen), len(kept))


def _fresh_id(store: Store, key: str) -> str:
    """The id the headline would found an event with, or a derived one when that is taken
    (by the event it leaves, when it founded it): stable for the same split."""
    candidate, n = event_id_for(key), 0
    while store.event_exists(candidate):
        n += 1
        candidate = event_id_for(f"{key}#split{n}")
    return candidate
