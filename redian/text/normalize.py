"""Title normalization: the one definition of "the same words" used across redian.

Two forms are produced:

* :func:`clean_title` is what users see: width-folded, simplified, hashtags unwrapped and spaces
  tidied, but punctuation kept, so ``#王楚钦球拍被踩#`` displays as ``王楚钦球拍被踩``.
* :func:`match_key` is what the store and the events engine compare: also lower-cased, with all
  punctuation, symbols and emoji removed, except the book-title marks ``《》`` (a work's name is
  part of the story: 《我是刑警》 is not 我是刑警组) and decimal points (``2.25亿``).

Both are pure and cached: the same title recurs thousands of times in a day of snapshots.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

__all__ = ["NUMBER_MARKS", "clean_title", "key_of_clean", "match_key", "to_simplified", "unmarked"]

_T2S = opencc.OpenCC("t2s")
_HASHTAG = re.compile(r"#([^#]{1,80})#")
_SPACES = re.compile(r"\s+")
# Weibo and Baidu decorate hot terms with markers that are not part of the title.
_DECORATIONS = re.compile(r"(?:\[(?:热|新|沸|爆|荐)\]|【(?:热|新|沸|爆)】)")


def to_simplified(text: str) -> str:
    """Traditional → simplified characters (OpenCC ``t2s``); a no-op on simplified text."""
    return str(_T2S.convert(text))


@lru_cache(maxsize=200_000)
def clean_title(title: str) -> str:
    """Display form of a headline: NFKC, simplified, hashtags unwrapped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", title)
    text = _DECORATIONS.sub("", text)
    text = _HASHTAG.sub(lambda m: m.group(1), text)
    text = text.replace("#", " ")
    text = to_simplified(text)
    return _SPACES.sub(" ", text).strip()


#: what a match key drops: all but letters (L*), numerals (N*) and 《》, and a full stop, hyphen,
#: slash or colon between two digits (``NUMBER_MARKS``; a decimal point: ``2.25亿`` is not
#: ``225亿``, and ``5.2级`` is no ``52级``; a score, range, fraction or time: ``3-1`` is no ``31``,
#: ``7-11岁`` no age of 711, ``1/4决赛`` no ``14决赛``, ``0-2日本`` no date ``02日``; the events stage
#: reads numbers off the key).  ``\w`` is exactly the letters, the numerals and ``_`` (a test checks
#: all 1,114,112 code points); one regex pass is 5× a per-character test in Python
NUMBER_MARKS = ".-/:"
_MARK = re.escape(NUMBER_MARKS)  # (inside a character class)
_DROP = re.compile(rf"[^\w《》{_MARK}]|_|(?<!\d)[{_MARK}]|[{_MARK}](?!\d)")
_MARKS = re.compile(f"[{_MARK}]")
#: a range written with a tilde or a dash between two digits (``7~11岁``, ``2—3个``) is keyed as
#: with a hyphen (NFKC has made ``～`` and ``－`` the ASCII ones)
_RANGE = re.compile(r"(?<=\d)[~〜—–](?=\d)")
_RANGE_MARKS = ("~", "〜", "—", "–")


def unmarked(key: str) -> str:
    """A match key without the marks it keeps between digits (:data:`NUMBER_MARKS`): keys as
    they were written before they kept them, which the category model was trained on and which
    store migrations start from."""
    return _MARKS.sub("", key) if any(mark in key for mark in NUMBER_MARKS) else key


@lru_cache(maxsize=200_000)
def match_key(title: str) -> str:
    """Comparison key: :func:`clean_title`, lower-cased, punctuation/emoji/space removed."""
    return key_of_clean(clean_title(title))


def key_of_clean(text: str) -> str:
    """:func:`match_key` of a title already through :func:`clean_title` (a batch that needs both
    forms of every title normalizes it once)."""
    text = text.lower()
    if any(mark in text for mark in _RANGE_MARKS):
        text = _RANGE.sub("-", text)
    return _DROP.sub("", text)
