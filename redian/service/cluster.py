"""Use case ``cluster``: headlines in (JSON Lines or TSV), one event id per headline out.

Batch clustering is streaming: the headlines are fed, in time order (input order when no
times are given), to a fresh engine exactly as ingestion would feed snapshots, so the answer is
the one the store would hold.  A TSV header line (``source<TAB>title…``) is skipped, and a
``desc`` without a Chinese character (an id or label column) is ignored rather than compared.
Events merged by later evidence are reported under their final id.  Bad input lines are
returned as problems (with their line number), never raised.
"""

from __future__ import annotations

import gc
import inspect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from redian.ahead import ahead, goes_ahead
from redian.events import EventEngine, StoryEngine, engine_or_default, follow_aliases
from redian.events.story import Prepared, prepare
from redian.text.normalize import clean_title, key_of_clean
from redian.times import parse_time
from redian.types import CHINA_TZ, Assignment, HeadlineIn

__all__ = [
    "ClusterInput",
    "ClusterProblem",
    "ClusterResult",
    "cluster_headlines",
    "parse_cluster_input",
    "result_json",
]

#: when the input gives no times, every headline is taken to arrive at this instant
DEFAULT_TIME = datetime(2000, 1, 1, tzinfo=CHINA_TZ)
#: headlines not seen for this long stop attracting new ones (the same window as ingestion)
WINDOW = timedelta(days=3)
_FORGET_EVERY = timedelta(hours=6)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class ClusterInput:
    """One headline to cluster; ``id`` is the caller's id, or the 1-based line number."""

    id: str | int
    title: str
    source: str = ""
    time: datetime | None = None
    desc: str | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class ClusterProblem:
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """Where one headline went: its final event id and the engine's explanation."""

    input: ClusterInput
    event: str
    assignment: Assignment


def _from_json(obj: Any, line: int) -> ClusterInput:
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    title = obj.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError('missing or empty "title"')
    ident = obj.get("id", line)
    if not isinstance(ident, str | int) or isinstance(ident, bool):
        raise ValueError('"id" must be a string or an integer')
    source = obj.get("source") or ""
    desc = obj.get("desc")
    at = obj.get("time")
    return ClusterInput(
        id=ident,
        title=title,
        source=str(source),
        time=_time(at) if at not in (None, "") else None,
        desc=_sentence(desc) if isinstance(desc, str) else None,
        line=line,
    )


def _time(value: Any) -> datetime:
    try:
        return parse_time(value)
    except ValueError:
        raise ValueError(f'"time" must be ISO 8601 or epoch seconds, not {value!r}') from None


def _sentence(value: str | None) -> str | None:
    """A description is a Chinese sentence; a value without a single CJK character (an id, a
    label column, a URL) says nothing about the story and is ignored."""
    if value and _CJK.search(value):
        return value
    return None


def _from_tsv(text: str, line: int) -> ClusterInput:
    parts = text.split("\t")
    if len(parts) < 2 or not parts[1].strip():
        raise ValueError("expected source<TAB>title[<TAB>desc]")
    desc = _sentence(parts[2]) if len(parts) > 2 else None
    return ClusterInput(id=line, title=parts[1], source=parts[0].strip(), desc=desc, line=line)


def parse_cluster_input(lines: Iterable[str]) -> tuple[list[ClusterInput], list[ClusterProblem]]:
    """JSON Lines or TSV (decided by the first non-blank line); blank lines are skipped."""
    items: list[ClusterInput] = []
    problems: list[ClusterProblem] = []
    mode: str | None = None
    for number, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n").lstrip("\ufeff")
        if not text.strip():
            continue
        if mode is None:
            mode = "json" if text.lstrip().startswith("{") else "tsv"
            if mode == "tsv" and text.lower().split("\t")[:2] == ["source", "title"]:
                continue  # a header line, not a headline
        try:
            if mode == "json":
                items.append(_from_json(json.loads(text), number))
            else:
                items.append(_from_tsv(text, number))
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            problems.append(ClusterProblem(number, str(exc)))
    return items, problems


@dataclass(frozen=True, slots=True)
class _Ready:
    """A headline as the engine takes it: cleaned title, match key and, the first time the key
    (with its description) comes, what the story engine would compute for it (:func:`prepare`)."""

    text: str
    key: str
    prepared: Prepared | None

    def __reduce__(self) -> tuple[type[_Ready], tuple[str, str, Prepared | None]]:
        return (_Ready, (self.text, self.key, self.prepared))  # (faster to load than the default)


class _Readying:
    """:class:`_Ready` of ``(title, desc)``; run ahead in a second process by a large batch
    (:func:`redian.ahead.ahead`).  A key met again is not prepared again: the engine knows it
    (or, past its window, computes it itself)."""

    def __init__(self, profiles: bool, meaning: bool) -> None:
        self.profiles = profiles
        self.meaning = meaning
        self.seen: set[tuple[str, str | None]] = set()

    def __call__(self, headline: tuple[str, str | None]) -> _Ready:
        title, desc = headline
        text = clean_title(title)
        key = key_of_clean(text) or text or title
        prepared = None
        if self.profiles and (key, desc) not in self.seen:
            self.seen.add((key, desc))
            prepared = prepare(key, desc, self.meaning)
        return _Ready(text, key, prepared)


def cluster_headlines(
    items: list[ClusterInput], engine: EventEngine | None = None, parallel: bool | None = None
) -> list[ClusterResult]:
    """Stream ``items`` into ``engine`` (a fresh default engine) and return results in input order.

    A large batch cleans and profiles headlines in a second process ahead of the engine
    (``parallel``: None decides by size and cores, see :func:`redian.ahead.ahead`); the results
    are the same either way."""
    engine = engine_or_default(engine)
    times: list[datetime] = []
    last = DEFAULT_TIME
    for item in items:  # a line without a time arrives with the line before it
        last = item.time or last
        times.append(last)
    order = sorted(range(len(items)), key=lambda i: times[i])  # stable: input order within a time
    alias: dict[str, str] = {}
    placed: dict[int, Assignment] = {}
    forgotten: datetime | None = None

    # A batch builds hundreds of thousands of long-lived, acyclic objects (profiles, members,
    # results); every full collection would walk them all to free nothing (a quarter of the
    # time over a year of titles).  Collection resumes, as it was, once the results are built.
    collecting = gc.isenabled()
    gc.disable()
    # (an engine that takes what is prepared ahead: the story engine, and subclasses that kept
    # its ``assign`` signature)
    story = (
        engine
        if isinstance(engine, StoryEngine) and "prepared" in inspect.signature(engine.assign).parameters
        else None
    )
    # in one process the engine profiles a headline itself, and only when it does not know it
    parallel = goes_ahead(len(items), parallel)
    readying = _Readying(story is not None and parallel, story is not None and story.by_meaning)
    ready = ahead(readying, [(items[i].title, items[i].desc) for i in order], parallel)
    try:
        for i, headline in zip(order, ready, strict=True):
            item, at = items[i], times[i]
            if forgotten is None or at - forgotten >= _FORGET_EVERY:
                engine.forget_before(at - WINDOW)
                forgotten = at
            line = HeadlineIn(headline.key, headline.text, item.source, at, item.desc)
            choice = story.assign(line, headline.prepared) if story is not None else engine.assign(line)
            for old in choice.merged:
                alias[old] = choice.event_id
            placed[i] = choice
        return [
            ClusterResult(item, follow_aliases(alias, placed[i].event_id), placed[i])
            for i, item in enumerate(items)
        ]
    finally:
        ready.close()  # (stops the worker process early if placing failed)
        if collecting:
            gc.enable()


def result_json(result: ClusterResult) -> dict[str, Any]:
    """The CONTRACT.md ``cluster`` object, plus the engine's ``reason`` and ``score``."""
    return {
        "id": result.input.id,
        "event": result.event,
        "score": result.assignment.score,
        "reason": result.assignment.reason,
    }
