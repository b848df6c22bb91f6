"""Streaming our labelled ordinary day (``bench/data/events_labels_2023-05-17.tsv``) through a
story engine: a crowded live window of real headlines, as the engine meets in production.
Shared by the tests of the engine's rules that read the window (event-as-a-whole, meaning)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from redian.events.model import PairModel
from redian.events.story import StoryEngine
from redian.text.normalize import clean_title, match_key
from redian.types import CHINA_TZ, Assignment, HeadlineIn

T0 = datetime(2023, 5, 17, 9, 0, tzinfo=CHINA_TZ)
DAY = Path(__file__).resolve().parent.parent / "bench" / "data" / "events_labels_2023-05-17.tsv"


def assign(engine: StoryEngine, title: str) -> Assignment:
    return engine.assign(HeadlineIn(match_key(title), clean_title(title), "toutiao", T0))


def stream_day(model: PairModel) -> tuple[StoryEngine, dict[str, Assignment]]:
    """The engine after the whole day, and each distinct title's placement when it first came."""
    lines = [line for line in DAY.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    engine = StoryEngine(model)
    placed: dict[str, Assignment] = {}
    for line in lines[1:]:
        title = line.split("\t")[1]
        placed.setdefault(title, assign(engine, title))
    return engine, placed


def gold_stories() -> dict[str, str]:
    """Each title's story label on that day."""
    stories: dict[str, str] = {}
    for line in DAY.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not line.startswith("#") and len(parts) >= 3:
            stories[parts[1]] = parts[2]
    return stories
