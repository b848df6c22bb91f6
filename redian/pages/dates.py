"""Publish dates in Chinese pages: the forms portals print and the window a publish date must fall in.

``2024年12月11日 08:32``, ``2024-12-11``, the US order of old portals (``9/17/2004 5:54:13 AM``),
two-digit years with a time (``19-09-07 12:30``) and Chinese numerals (``二〇一九年九月七日``); a date
after the page's fetch day, before 1990 or inside a version number (``2.3.1``) is no publish date.
Stamps that only mean something against the moment the page was fetched (``3小时前``, ``昨天 10:37``,
a year-less ``09-07 10:37``) are read by :func:`relative_dates`, only when that moment is known.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from redian.types import CHINA_TZ

__all__ = ["DatePick", "find_dates", "parse_date", "relative_dates"]

_DATE = re.compile(
    r"(?<![\d.vV])((?:19|20)\d{2})\s*(?:年\s*|[-/.](?=\d))(\d{1,2})\s*(?:月\s*|[-/.](?=\d))(\d{1,2})(?![\d.])\s*日?"
    r"(?:\s*(?:[日T ]|\s)*\s*(?:上午|下午|晚上|凌晨)?\s*"
    r"(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)
_US_DATE = re.compile(
    r"(?<![\d/.])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])"
    r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?"
)
_ISO_OFFSET = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?:T?(\d{2}):?(\d{2})(?::?(\d{2}))?)?(?!\d)")


_SHORT_YEAR = re.compile(
    r"(?<![\d./vV-])(\d{2})([-/])(\d{1,2})\2(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d./-])"
)
_CN_DIGITS = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_DATE = re.compile(
    r"([〇○零ＯO一二三四五六七八九]{4})\s*年\s*(十[一二]?|[一二三四五六七八九])\s*月\s*"
    r"([一二]?十[一二三四五六七八九]?|三十[一]?|[一二三四五六七八九])\s*日"
)


_AGO = re.compile(r"(?<!\d)(\d{1,3})\s*(分钟|小时|天)前|(刚刚)")
_NAMED_DAY = re.compile(r"(今天|今日|昨天|昨日|前天)\s*(?:(\d{1,2})\s*[:：]\s*(\d{2}))?")
_YEARLESS = re.compile(
    r"(?<![\d./-])(\d{1,2})\s*(?:月|[-/])\s*(\d{1,2})\s*日?\s+(\d{1,2})\s*[:：]\s*(\d{2})(?![\d:])"
)
_DAYS_BACK = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2}


class DatePick:
    """A date found in a page, with enough context to rank it against others."""

    __slots__ = ("iso", "offset", "with_time")

    def __init__(self, iso: str, offset: int, with_time: bool) -> None:
        self.iso = iso
        self.offset = offset
        self.with_time = with_time

    def __repr__(self) -> str:
        return f"DatePick({self.iso!r}, {self.offset}, {self.with_time})"


def _iso(y: int, mo: int, d: int, h: str | None, mi: str | None, s: str | None, latest: date) -> str | None:
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if day.year < 1990 or day > latest:
        return None
    text = day.isoformat()
    if h is not None and mi is not None and int(h) < 24 and int(mi) < 60:
        text += f"T{int(h):02d}:{mi}"
        if s is not None and int(s) < 60:
            text += f":{s}"
    return text


def _us(match: re.Match[str], latest: date) -> str | None:
    mo, d, y, h, mi, sec, half = match.groups()
    if h is not None and half:
        hour = int(h) % 12 + (12 if half.lower() == "pm" else 0)
        h = str(hour)
    return _iso(int(y), int(mo), int(d), h, mi, sec, latest)


def parse_date(value: str, latest: date | None = None) -> str | None:
    """An ISO date or date-time from a meta value, JSON-LD string or visible text; None if none.

    A value with a UTC offset (``2019-09-07T11:30:50Z``) is given in Beijing time, the time the
    page's readers saw; naive values are taken as printed.
    """
    stamp = value.strip()
    if _ISO_OFFSET.search(stamp):
        try:
            moment = datetime.fromisoformat(stamp.replace(" ", "T", 1))
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            local = moment.astimezone(CHINA_TZ)
            if local.year >= 1990 and local.date() <= (latest or date.today()):
                return local.replace(tzinfo=None).isoformat(timespec="seconds")
    picks = find_dates(value, latest, limit=1)
    if picks:
        return picks[0].iso
    match = _COMPACT.search(value)
    if match:
        y, mo, d, h, mi, s = match.groups()
        return _iso(int(y), int(mo), int(d), h, mi, s, latest or date.today())
    return None


def find_dates(text: str, latest: date | None = None, limit: int = 50) -> list[DatePick]:
    """Every plausible full date in ``text`` (year, month and day), in order of appearance.

    Chinese and ISO orders (``2024年12月11日 08:32``, ``2024-12-11``) and the US order some
    old portals print (``9/17/2004 5:54:13 AM``); a date after ``latest`` is no publish time.
    """
    latest = latest or date.today()
    found: list[DatePick] = []
    for match in _DATE.finditer(text):
        y, mo, d, h, mi, s = match.groups()
        iso = _iso(int(y), int(mo), int(d), h, mi, s, latest)
        if iso:
            found.append(DatePick(iso, match.start(), h is not None))
            if len(found) >= limit:
                break
    if "/" in text:
        for match in _US_DATE.finditer(text):
            iso = _us(match, latest)
            if iso:
                found.append(DatePick(iso, match.start(), match.group(4) is not None))
        found.sort(key=lambda pick: pick.offset)
    if not found and ":" in text:
        # "19-09-07 12:30" (forums print two-digit years), trusted only with a time after it
        for match in _SHORT_YEAR.finditer(text):
            y, _, mo, d, h, mi, sec = match.groups()
            iso = _iso(2000 + int(y), int(mo), int(d), h, mi, sec, latest)
            if iso:
                found.append(DatePick(iso, match.start(), True))
    if "年" in text and len(found) < limit:
        # documents date themselves in Chinese numerals: 成文日期：二〇一九年九月七日
        for match in _CN_DATE.finditer(text):
            y, mo, d = (_cn_number(g) for g in match.groups())
            iso = _iso(y, mo, d, None, None, None, latest)
            if iso:
                found.append(DatePick(iso, match.start(), False))
        found.sort(key=lambda pick: pick.offset)
    return found[:limit]


def relative_dates(text: str, fetched: datetime) -> list[DatePick]:
    """Stamps relative to the fetch moment, in order: ``刚刚``, ``5分钟前``, ``3小时前``, ``2天前``,
    ``昨天 10:37``, ``前天``, and a year-less ``09-07 10:37`` / ``9月7日 10:37`` (this year, or last
    year when that day is still ahead).

    Apps and self-media pages print these instead of a date; without the moment the page was
    fetched (``fetched``, read in Beijing time) they mean nothing, so callers pass it only when
    it is known.  Minutes and hours give a time, days only a day.
    """
    now = fetched.astimezone(CHINA_TZ).replace(tzinfo=None, microsecond=0)
    found: list[DatePick] = []
    for match in _AGO.finditer(text):
        count, unit, just_now = match.groups()
        if just_now:
            found.append(DatePick(now.isoformat(timespec="minutes"), match.start(), True))
        elif unit == "天":
            found.append(
                DatePick((now - timedelta(days=int(count))).date().isoformat(), match.start(), False)
            )
        else:
            step = timedelta(minutes=int(count)) if unit == "分钟" else timedelta(hours=int(count))
            found.append(DatePick((now - step).isoformat(timespec="minutes"), match.start(), True))
    for match in _NAMED_DAY.finditer(text):
        word, hour, minute = match.groups()
        day = now.date() - timedelta(days=_DAYS_BACK[word])
        if hour is not None and minute is not None and int(hour) < 24 and int(minute) < 60:
            moment = datetime(day.year, day.month, day.day, int(hour), int(minute))
            if moment <= now:
                found.append(DatePick(moment.isoformat(timespec="minutes"), match.start(), True))
        elif word not in ("今天", "今日") and len(text.strip()) <= 16:
            # a bare 昨天 is a stamp only in a short line of its own; 今天 never is
            found.append(DatePick(day.isoformat(), match.start(), False))
    for match in _YEARLESS.finditer(text):
        mo, d, h, mi = (int(g) for g in match.groups())
        if h >= 24 or mi >= 60:
            continue
        for year in (now.year, now.year - 1):
            try:
                moment = datetime(year, mo, d, h, mi)
            except ValueError:
                break
            if moment <= now:
                found.append(DatePick(moment.isoformat(timespec="minutes"), match.start(), True))
                break
    found.sort(key=lambda pick: pick.offset)
    return found


def _cn_number(text: str) -> int:
    """``二〇一九`` → 2019 (digit by digit), ``二十九`` → 29, ``十二`` → 12."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
