"""Reading and showing times.  Chinese hot lists live on Beijing time: a time written without an
offset means Asia/Shanghai, everywhere in redian."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from redian.types import CHINA_TZ

__all__ = ["day_end", "parse_time", "parse_until", "show_time"]


def parse_time(value: Any) -> datetime:
    """Epoch seconds or milliseconds, ISO 8601 (``2022-01-12 21:00`` too), or a date (its midnight)."""
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, int | float):
        seconds = float(value) / 1000 if value > 1e11 else float(value)
        return datetime.fromtimestamp(seconds, tz=CHINA_TZ)
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit():
            return parse_time(int(text))
        text = text.replace("Z", "+00:00").replace("/", "-")
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), time(0, 0), CHINA_TZ)
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=CHINA_TZ)
    raise ValueError(f"not a time: {value!r}")


def parse_until(value: Any) -> datetime:
    """The end of a span as people give it: a bare date (``2024-12-13``) means the whole day."""
    if isinstance(value, str) and len(value.strip()) == 10 and not value.strip().isdigit():
        return day_end(value.strip().replace("/", "-"))
    return parse_time(value)


def day_end(day: str) -> datetime:
    """A daily archive's list is known at the end of its (Beijing) day."""
    return datetime.combine(date.fromisoformat(day.strip()), time(23, 59, 59), CHINA_TZ)


def show_time(moment: datetime, seconds: bool = False) -> str:
    """Beijing time for people: ``2024-12-13 21:00``."""
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
