"""Facts of a text: numbers with units, sums of money, percentages, dates and date ranges.

A 热解读 answers "how much" and "when" with the figures the article gives (``421家``,
``6000亿元``, ``12月11日至12日``), so each fact keeps the text as written, a normalized value
and the sentence it came from, for readers to check.

* Numbers, money and percentages are found by one regular expression (number, optional range,
  magnitude 万/亿…, unit) and normalized with cn2an, because jionlp's money extractor glues
  neighbouring clauses together (``元，1.6万``).
* Dates use jionlp's time extractor, resolved against the article's publish time.  Durations and
  frequencies (``三年``, ``每秒``) are not dates and are dropped, and so are expressions relative
  to an earlier sentence (``7天后``): jionlp would anchor them on the publish time and be wrong.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import Any, Literal

import cn2an

from redian.types import CHINA_TZ, Fact

__all__ = ["extract_facts", "sentences"]

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n+")
_CLOSERS = '”’"』」）)'
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_MAGNITUDE = r"万亿|千亿|百亿|亿|千万|百万|万|千"
_MONEY_UNITS = r"元人民币|人民币|美元|欧元|日元|英镑|港元|港币|韩元|卢布|元|块钱|块"
_PERCENT_UNITS = r"%|％|个百分点|百分点"
# measure words and units that make a bare number a fact; time units are left to the date pass
_UNITS = (
    r"平方公里|平方米|公里|千米|厘米|毫米|米|公斤|千克|克|吨|斤|亩|千瓦时|千瓦|瓦|"
    r"人次|人|名|位|家|个|件|起|次|项|台|辆|架|艘|户|所|座|部|只|头|条|篇|款|种|处|场|批|套|张|"
    r"倍|岁|天|小时|分钟|秒|周|个月|年|[A-Za-z]{1,8}(?:/[A-Za-z]{1,4})?"
)
_FACT = re.compile(
    rf"(?P<pre>超过|超|近|约|逾|达|高达)?"
    rf"(?P<num>{_NUM}|{_CN_NUM})(?:\s*(?P<dash>[-—–~～至到])\s*(?P<num2>{_NUM}|{_CN_NUM}))?"
    rf"(?P<approx>多|余)?\s*(?P<mag>{_MAGNITUDE})?"
    rf"(?:(?P<money>{_MONEY_UNITS})|(?P<pct>{_PERCENT_UNITS})|(?P<unit>{_UNITS}))?"
)
_PERCENT_WORDS = re.compile(rf"百分之(?P<num>{_NUM}|{_CN_NUM})")
_AS_OF = re.compile(r"(?:截至|截止到|截止|到)$")
_PLAUSIBLE = re.compile(r"^(?:19|20|21)\d\d-\d\d-\d\d$")
_RANGE = re.compile(r"[至到—\-–~～]")
_RELATIVE = re.compile(r"[前后]$|^(?:此后|之后|随后)|^(?:当|同|次|翌|那|这)(?:一)?(?:年|天|日|月|周)")
_DATE_WORD = re.compile(r"[年月日号]|[今昨前明]天|[上本下]周|星期|周[一二三四五六日天]|[上本下]个?月")


@cache
def _jionlp() -> Any:
    """jionlp, imported once and quietly (it prints a banner on stdout, which carries our JSON)."""
    with contextlib.redirect_stdout(io.StringIO()):
        import jionlp

    return jionlp


def sentences(text: str) -> list[str]:
    """Sentences of ``text`` with their closing punctuation (the unit a fact is shown with).

    A closing quote after the full stop (``…新质生产力。”``) belongs to the sentence it closes.
    """
    out: list[str] = []
    for part in _SENTENCE_END.split(text):
        part = part.strip() if part else ""
        closing = len(part) - len(part.lstrip(_CLOSERS))
        if closing and out:
            out[-1] += part[:closing]
            part = part[closing:].strip()
        if part:
            out.append(part)
    return out


def _number(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError):
        return None


def _scaled(num: str, mag: str | None) -> float | None:
    value = _number(num + (mag or ""))
    if value is None and mag:
        base = _number(num)
        factor = _number("1" + mag)
        value = base * factor if base is not None and factor is not None else None
    return value


def _numbers(sentence: str, taken: list[tuple[int, int]]) -> Iterator[Fact]:
    for m in _FACT.finditer(sentence):
        num = m.group("num")
        money, pct, unit, mag = m.group("money"), m.group("pct"), m.group("unit"), m.group("mag")
        start, end = m.start("num"), m.end()
        if any(a < end and start < b for a, b in taken):
            continue  # part of a date
        if len(num) > 1 and num[0] == "0" and num[1].isdigit():
            continue  # ``00万元``: the tail of a number broken across lines, not a figure
        is_cn = not num[0].isdigit()
        if is_cn and ((len(num) < 2 and not (mag and num in "一二两三四五六七八九")) or num[0] in "百千"):
            continue  # 一批, 九项, 百亿亿次: counting words and orders of size, not figures
        if not (mag or money or pct or unit):
            continue  # a bare number says nothing without its unit
        duration = unit in {"年", "天", "周", "个月", "小时", "分钟", "秒"} and not mag
        if duration and (is_cn or (unit == "年" and len(num) == 4)):
            continue  # durations are facts only with digits (``7天``), never words (``三年``)
        value = _scaled(num, mag)  # ``100多万元`` → 1000000, the lower bound
        kind: Literal["number", "money", "percent"]
        if money:
            kind, unit_out = "money", "元" if money in {"元人民币", "人民币", "块", "块钱"} else money
        elif pct:
            kind, unit_out = "percent", "%" if pct in {"%", "％"} else pct
        else:
            kind, unit_out = "number", unit
        text = sentence[start:end].strip()
        taken.append((start, end))
        yield Fact(text, kind, value, unit_out, None, None, sentence)
    for m in _PERCENT_WORDS.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        yield Fact(m.group(0), "percent", _number(m.group("num")), "%", None, None, sentence)


def _dates(sentence: str, base: datetime) -> Iterator[tuple[Fact, tuple[int, int]]]:
    jio = _jionlp()
    root = logging.getLogger()
    previous = root.manager.disable
    logging.disable(logging.CRITICAL)  # jionlp logs tracebacks for strings it gives up on
    try:
        # jionlp reads a timestamp in the machine's zone; give it Beijing wall-clock fields instead
        local = base.astimezone(CHINA_TZ)
        fields = [local.year, local.month, local.day, local.hour, local.minute, local.second]
        found = jio.ner.extract_time(sentence, time_base=fields, with_parsing=True)
    except Exception:  # a parser failure on one sentence must not lose the others
        found = []
    finally:
        logging.disable(previous)
    for item in found:
        detail = item.get("detail") or {}
        kind_j = detail.get("type")
        times = detail.get("time")
        text = str(item["text"])
        a, b = item["offset"]
        if kind_j not in {"time_point", "time_span"} or not isinstance(times, list):
            continue  # 三年 (time_delta), 每秒 (time_period)
        if _RELATIVE.search(text) or not _DATE_WORD.search(text):
            # relative to another sentence (``7天后``, ``当年``): the publish time is not its anchor
            continue
        prefix = _AS_OF.search(sentence[max(0, a - 3) : a])
        start_s, end_s = str(times[0])[:10].strip(), str(times[1])[:10].strip()
        if not (_PLAUSIBLE.match(start_s) and _PLAUSIBLE.match(end_s)):
            continue  # ``100年`` read as the year 100: a duration, not a date
        if prefix:
            a -= len(prefix.group(0))
            text = prefix.group(0) + text
            yield Fact(text, "date", None, None, None, end_s, sentence), (a, b)
            continue
        kind: Literal["date", "daterange"] = "daterange" if _RANGE.search(text) else "date"
        yield Fact(text, kind, None, None, start_s, end_s, sentence), (a, b)


def extract_facts(text: str, published: datetime | None = None) -> list[Fact]:
    """Every fact of ``text`` in reading order; dates resolved against ``published`` (default: now)."""
    base = published or datetime.now(CHINA_TZ)
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for sentence in sentences(text):
        if not any(
            ch.isdigit() or ch in "零〇一二两三四五六七八九十百千万亿今昨明前去本上下" for ch in sentence
        ):
            continue
        taken: list[tuple[int, int]] = []
        found: list[tuple[int, Fact]] = []
        for fact, span in _dates(sentence, base):
            taken.append(span)
            found.append((span[0], fact))
        for fact in _numbers(sentence, taken):
            found.append((sentence.find(fact.text), fact))
        for _, fact in sorted(found, key=lambda p: p[0]):
            if (fact.text, sentence) not in seen:
                seen.add((fact.text, sentence))
                facts.append(fact)
    return facts
