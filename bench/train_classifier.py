"""Train the shipped headline classifier (``redian/models/classifier.npz``) from public data and
our hand labels of public hot-search terms.

Run: ``.venv/bin/python -m bench.train_classifier`` (about nine minutes on one core; needs ../shared
and scikit-learn, which only this script uses).  Deterministic: same data → same file.

Recipe, and why:

1. **Labelled titles** from three public sets, each label mapped to the CONTRACT taxonomy by
   :data:`LABEL_MAP` (the one table; ``None`` = not used, the label has no home in the taxonomy).
   TNEWS is a subset of the Toutiao set, so it is never used: neither for training nor testing.
   Every set is split by a hash of the title's match key: one fifth is held out for
   ``bench/classify_eval.py`` and never seen here.
2. **Shortened titles**: hot-search terms are 6–15 characters, newspaper titles 15–30, so each
   long title is also added as its first clause and as a crop of its middle; the model must then
   decide from fewer characters.
3. **Weak labels from hot lists** (self-training, the domain shift that matters): Baidu's daily
   board gives each term a news-like ``desc``; the model trained on 1+2 labels ``term + desc`` and
   confident answers become labels for the bare term.  Then the model labels the Weibo and Toutiao
   hot-search streams and the confident, class-balanced part joins training, so names that recur
   in hot lists (``关晓彤``, ``RW``, ``DeepSeek``) pick up their category from the terms around
   them.  Only stream rows dated before :data:`STREAM_CUTOFF` are used: the hand-labelled Weibo
   evaluation samples (bench/data/weibo_hot_labelled*.tsv) are drawn from 2026 and later, and
   their exact terms are excluded as well.
   **People** (session 9, :func:`name_categories`): self-training had taught both heads that a
   name beside everyday words is a star, so ``孙颖莎示意观众小声些``, ``王楚钦想给观众买含片``
   and even the bare name ``孙颖莎`` read as entertainment (0.93–0.98).  The Baidu terms of
   each round, labelled from their descriptions, say what a person is in the news for; an
   athlete or star named in at least :data:`NAME_MIN` of them, :data:`NAME_SHARE` under one of
   :data:`NAME_CATEGORIES`, gives that category to the stream terms naming them where the
   model said entertainment or society or was unsure (a labelling rule that agrees with the
   model still wins).  Auto accuracy, Weibo samples 1 / 2 / 3 / 4: 0.765 / 0.749 / 0.706 /
   0.721 → 0.765 / 0.751 / 0.716 / 0.746 (the fourth sample drawn after this choice),
   newspaper sets within 0.001.  Letting every category through (world, politics) was worse:
   ``习近平`` is mostly in Baidu's board for meeting foreign leaders, and every term naming
   him became world news.
   **Hand labels** (session 9, :data:`HAND_SAMPLES`): nine of the ten hand-labelled Weibo
   samples (4,220 terms) join the last self-training fit at :data:`HAND_WEIGHT`; the fourth is
   the held-out figure.  No public set files hot-search terms; these show how a desk files
   them.
4. Two heads over the same features go into the file: ``news`` (the model after steps 1–2,
   for article and newspaper titles) and ``hot`` (after step 3, for hot-list terms); step 3
   gains 13 points on Weibo terms and costs about 4 on newspaper titles.
5. **A gate** (:func:`fit_gate`): a binary logistic regression over the same features, the
   training titles against as many Weibo stream terms, says which form a text has; ``auto``
   mixes the heads by it (:func:`redian.interpret.classify.routed`).  It replaced routing by
   length (news head from 20 characters): THUCNews titles are 14–22 characters, Weibo terms
   7–16, so length sent most newspaper titles to the hot head.  Same heads (2^18 buckets),
   auto accuracy by length → gate: THUCNews 0.800 → 0.829, NLPCC 0.744 → 0.762, Toutiao
   0.806 → 0.817, Weibo terms 0.754 → 0.748 (341 terms, ±0.024).  A hard gate instead of the
   mixture: within ±0.004 everywhere.
6. A logistic regression (SGD, one-vs-rest, ``ALPHA`` = 1e-6) over character 1–3-grams,
   rjieba words and adjacent word pairs hashed into 2^19 buckets
   (:func:`redian.interpret.classify.features`), exported as int8 weights with a per-class
   scale, the smallest set to zero (:data:`PRUNE`).

Measured, one change at a time (news head after steps 1–2, float weights; held-out THUCNews /
NLPCC / Toutiao accuracy; quick fits in about 30 s):

* char 1–3-grams (the earlier recipe) 0.829 / 0.768 / 0.822; + words 0.833 / 0.774 / 0.822;
  + words and word pairs 0.831 / 0.772 / 0.825 (plain rjieba; redian's segmenter with its mined
  names 0.834 / 0.772 / 0.825, not used: its dictionary is re-mined by another stage);
  char 1–4-grams 0.824 / 0.763 / 0.814 (worse); 2^19 buckets with words 0.839 / 0.778 / 0.825
  (better; the full recipe 2^18 → 2^19, auto: THUCNews 0.829 → 0.829, NLPCC 0.762 → 0.769,
  Toutiao 0.817 → 0.819, Weibo terms 0.748 → 0.768, news head 0.837 → 0.843 on THUCNews; the
  file, 6.7 MB, is pruned to 4.1 MB).
* THUCNews weight (with words) 4 → 6: 0.831 → 0.841, NLPCC −0.2, Toutiao −0.2; 8: no further
  gain (0.841), so 6 (:data:`NEWSPAPER_WEIGHT`).
* Not better: class-balanced sample weights (0.835 / 0.773 / 0.823 at weight 6), ``ALPHA``
  2e-6 (0.842 / 0.765 / 0.820), 30 epochs, Complement NB (0.834 / 0.723 / 0.789), no shortened
  crops in the news head (0.825 / 0.770 / 0.817, and 0.551 on Weibo terms), the hot head with
  ``ALPHA`` 3e-6 (hot head −1 to −3 points on every set), prior-shift (EM) correction of the hot
  head to the streams' class mix (Weibo 0.733 → 0.739, newspapers −0.2 to −2.4 points).
* On THUCNews alone (its 8,000 training titles, its held-out fifth): SGD 0.867, multinomial
  L-BFGS logistic regression C = 10 / 30 / 100 0.858 / 0.862 / 0.866, + words 0.870, char
  4-grams 0.863, 2^20 buckets 0.869: a linear model over these features tops out near 0.87 on
  10,000 titles, whatever the solver.
* int8 export: the 99.99th-percentile scale (the old one) clipped the largest, most telling
  weights: news head Toutiao 0.820 float → 0.809 int8; the full range keeps float accuracy
  (see :data:`HOT_CLIP` for the hot head).

Shipped file (session 9; ``bench/classify_eval.py``, accuracy / macro-F1): auto THUCNews 0.830 /
0.831, NLPCC 0.762 / 0.760, Toutiao 0.818 / 0.796, the held-out Weibo sample 4 0.778 / 0.666;
news head THUCNews 0.841 / 0.845; about 16,000 titles/s on one core, 4.1 MB.  Before session 9
(the session-5 file): THUCNews 0.828, NLPCC 0.762, Toutiao 0.818, Weibo samples 1 / 2 / 3 / 4
0.765 / 0.749 / 0.706 / 0.721 (all four 0.733).  With the person labels but no hand labels:
THUCNews 0.829, Weibo 0.765 / 0.751 / 0.716 / 0.746 (all four 0.743).  The third and fourth
samples, labelled blind in session 9, showed that the first two (on which the recipe's choices
were made) overstated accuracy on hot-search terms: the session-5 file had 0.756 on those two.
The gate still reads ``国资委：央企去年实现利润6652.9亿元`` as a newspaper title (a test holds it).

Measured and not kept (session 9): shifting the hot head's class biases to the class mix of the
first three Weibo samples (a prior correction fitted on 1,302 terms, L2-regularised), instead of
training on them: 0.746 → 0.751–0.753 on the fourth sample, newspaper sets within 0.003.

What is left of the THUCNews errors (news head): ``时政`` titles about foreign politics read as
``world`` (51 of 1,992: 菅直人可能本月下台; the taxonomy is right, the label table cannot split
the class), finance/tech company news (THUCNews files 腾讯 earnings under science), games/tech.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from redian.interpret.classify import CATEGORIES, N_BUCKETS, category_key, features
from redian.text.normalize import clean_title, match_key
from redian.text.segment import cut, entity_type

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
MODEL_PATH = ROOT / "redian" / "models" / "classifier.npz"
WEIBO_EVAL = ROOT / "bench" / "data" / "weibo_hot_labelled.tsv"
#: a second sample, drawn and labelled later, after every choice of the shipped recipe (the hot
#: head's clipping was chosen partly on the first): the untouched measurement
WEIBO_EVAL_2 = ROOT / "bench" / "data" / "weibo_hot_labelled_2.tsv"
#: a third and a fourth, drawn and labelled blind in session 9; the fourth after every choice of
#: the shipped recipe (the third showed what the person labels of step 3 were worth)
WEIBO_EVAL_3 = ROOT / "bench" / "data" / "weibo_hot_labelled_3.tsv"
WEIBO_EVAL_4 = ROOT / "bench" / "data" / "weibo_hot_labelled_4.tsv"
#: six more, labelled in session 9 as training rows only (never scored alone)
WEIBO_TRAIN = tuple(ROOT / "bench" / "data" / f"weibo_hot_labelled_{n}.tsv" for n in range(5, 11))
#: every hand-labelled sample: their terms are left out of the weak labels
WEIBO_EVALS = (WEIBO_EVAL, WEIBO_EVAL_2, WEIBO_EVAL_3, WEIBO_EVAL_4, *WEIBO_TRAIN)
#: hand-labelled Weibo terms that train the hot head (its last fit, at :data:`HAND_WEIGHT` each):
#: every sample but the fourth, which stays held out.  Measured both ways round (session 9),
#: auto accuracy on the sample left out: trained on samples 1–3, sample 4 0.746 → 0.759 (weight
#: 10: 0.748, 100: 0.759); trained on 1, 2 and 4, sample 3 0.716 → 0.727 (10 and 100: 0.727);
#: with samples 5 and 6 as well, sample 4 0.765 and, trained on 1, 2, 4, 5 and 6, sample 3
#: 0.739; with 5 to 8, sample 4 0.773 and (trained on 1, 2, 4 and 5 to 8) sample 3 0.754; with 5
#: to 10 (shipped), sample 4 0.778 and sample 3 0.760; newspaper sets within 0.003 throughout.
#: They teach what no public set does: how hot-search terms are filed by hand (an Iranian strike
#: as military, a colloquial life term as society, not entertainment)
#: the hand-labelled sample (its number, 1-based in :data:`WEIBO_EVALS`) kept out of training
HELD_OUT_SAMPLE = 4


def hand_samples(held_out: int = HELD_OUT_SAMPLE) -> tuple[Path, ...]:
    """Every hand-labelled sample but the held-out one: the hot head's hand-labelled rows
    (``--hold-out 3`` measures the recipe the other way round)."""
    if not 1 <= held_out <= len(WEIBO_EVALS):
        raise ValueError(f"no hand-labelled sample {held_out} (1 to {len(WEIBO_EVALS)})")
    return WEIBO_EVALS[: held_out - 1] + WEIBO_EVALS[held_out:]


HAND_SAMPLES = hand_samples()
HAND_WEIGHT = 30.0
STREAM_CUTOFF = "2026-01-01"
ALPHA = 1e-6  # weak regularisation: hashed n-grams are many and mostly rare
#: THUCNews is the one set of newspaper titles; the other two label by web channel (``story``,
#: ``travel``) and disagree with it on the same kind of title.  Weighting it keeps the news
#: wording of the taxonomy: 1 → 4 took its held-out fifth from 0.802 to 0.829 (news head) and
#: 0.766 to 0.808 (hot head) for −0.4 to −1.2 points on the other sets; with word features
#: 4 → 6 gave 0.831 → 0.841 (news head, float) for −0.2 on NLPCC and Toutiao; 8 no more.
NEWSPAPER_WEIGHT = 6.0
#: self-training rounds for the hot head (step 3).  Measured in session 5 with a second Weibo
#: sample (``WEIBO_EVAL_2``, 482 terms) beside the first (341), auto accuracy first / second:
#: 2 rounds 0.765 / 0.737 (the earlier default), 3 rounds 0.765 / 0.749, 2 rounds with weak
#: labels weighing 3 0.762 / 0.751; THUCNews 0.831 → 0.828 / 0.829.  Chosen: 3 rounds, equal on
#: the first sample and better on the second (which both candidates were then scored on, so it is
#: no longer untouched: the 0.737 of the earlier default is the last untouched figure).
ROUNDS = 3

#: source set → its label → taxonomy id (None: dropped, no home in the taxonomy)
LABEL_MAP: dict[str, dict[str, str | None]] = {
    "thucnews": {
        "finance": "finance",
        "realty": "finance",
        "stocks": "finance",
        "education": "education",
        "science": "tech",
        "society": "society",
        "politics": "politics",
        "sports": "sports",
        "game": "games",
        "entertainment": "entertainment",
    },
    "nlpcc2017": {
        "entertainment": "entertainment",
        "sports": "sports",
        "car": "auto",
        "society": "society",
        "tech": "tech",
        "world": "world",
        "finance": "finance",
        "game": "games",
        "travel": "culture",
        "military": "military",
        "history": "culture",
        "baby": "health",  # parenting: pregnancy, infant care
        "fashion": "entertainment",
        "food": "culture",
        "discovery": "tech",  # science discoveries
        "story": "society",  # human-interest stories
        "regimen": "health",  # 养生
        "essay": "culture",
    },
    "toutiao": {
        "news_story": "society",
        "news_culture": "culture",
        "news_entertainment": "entertainment",
        "news_sports": "sports",
        "news_finance": "finance",
        "news_house": "finance",
        "news_car": "auto",
        "news_edu": "education",
        "news_tech": "tech",
        "news_military": "military",
        "news_travel": "culture",
        "news_world": "world",
        "news_stock": "finance",
        "news_agriculture": None,  # 三农: rural economy and society mixed, no single home
        "news_game": "games",
    },
}
_TOUTIAO_CODES = [
    "news_story", "news_culture", "news_entertainment", "news_sports", "news_finance", "news_house",
    "news_car", "news_edu", "news_tech", "news_military", "news_travel", "news_world", "news_stock",
    "news_agriculture", "news_game",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Labelled:
    title: str
    category: str
    dataset: str


def held_out(title: str) -> bool:
    """One fifth of each set, chosen by the title's match key, so duplicates fall on one side.

    Hashed without the decimal points, hyphens, slashes and colons between digits, as keys were
    written when the split was first drawn (:func:`~redian.interpret.classify.category_key`):
    match keys keep them since (``2.25亿``, ``3-1``), and a split that moves with the
    normalization would put titles the shipped model trained on into its test sets."""
    return zlib.crc32(category_key(title).encode("utf-8")) % 5 == 0


def _raw_sets(shared: Path) -> Iterator[tuple[str, str, str]]:
    classify = shared / "classify"
    thuc_classes = (classify / "thucnews_classes.txt").read_text(encoding="utf-8").split()
    for line in (classify / "thucnews_titles_dev.tsv").read_text(encoding="utf-8").splitlines():
        title, _, idx = line.rpartition("\t")
        if title and idx.isdigit():
            yield "thucnews", thuc_classes[int(idx)], title
    lines = (classify / "nlpcc2017_headlines.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        label, _, title = line.partition("\t")
        yield "nlpcc2017", label, title
    for line in (classify / "toutiao_titles.txt").read_text(encoding="utf-8").splitlines():
        title, _, idx = line.rpartition("_!_")
        if title and idx.isdigit():
            yield "toutiao", _TOUTIAO_CODES[int(idx)], title


def load_labelled(shared: Path = SHARED) -> list[Labelled]:
    """Every usable labelled title, mapped to the taxonomy (TNEWS excluded: see module doc)."""
    out = []
    for dataset, label, title in _raw_sets(shared):
        category = LABEL_MAP[dataset][label]
        title = clean_title(title)
        if category is not None and title:
            out.append(Labelled(title, category, dataset))
    return out


def load_weibo_eval(path: Path = WEIBO_EVAL, name: str = "weibo-hand") -> list[Labelled]:
    """A hand-labelled Weibo hot-search sample; ``?`` rows (no clear category) are left out,
    and so is a missing file (an empty list)."""
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        _date, title, category = line.split("\t")
        if category != "?":
            out.append(Labelled(title, category, name))
    return out


_CLAUSE = re.compile(r"[，,。！!？?；;：:、\s|丨｜]+")


def shortened(title: str, rng: random.Random) -> list[str]:
    """Hot-search-like forms of a newspaper title: its first clause and a middle crop."""
    out = []
    clauses = [c for c in _CLAUSE.split(title) if len(c) >= 4]
    if len(clauses) > 1:
        out.append(clauses[0])
        out.append(max(clauses, key=len))
    key = "".join(clauses) or title
    if len(key) > 14:
        size = rng.randint(8, 14)
        start = rng.randint(0, len(key) - size)
        out.append(key[start : start + size])
    return [t for t in dict.fromkeys(out) if t != title]


WORDS = True  # see module doc, step 5
GATE_ALPHA = 1e-5
HOT_ALPHA = ALPHA  # 3e-6 measured worse on every set (see module doc)
#: int8 scale of the hot head: its 99.99th percentile weight maps to 127, the rarer larger ones
#: (n-grams memorised from weak labels) are clipped.  The news head and gate keep every weight
#: (clipping cost the news head 1.1 points on Toutiao); for the hot head clipping measured
#: Weibo terms 0.733 → 0.751, THUCNews 0.782 → 0.786, Toutiao 0.800 → 0.792 (float → int8).
HOT_CLIP = 0.9999
#: int8 weights this small are set to 0 so the file compresses to a few MB: with 2^19 buckets
#: the file shrinks from 6.7 to 4.1 MB for ±0.4 points on every set (auto, held-out sets).
PRUNE = 2


def matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """The same features and scaling the run-time model uses (binary, divided by sqrt(n))."""
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for text in texts:
        feats = features(text, WORDS)
        indices.extend(feats)
        w = 1.0 / np.sqrt(max(len(feats), 1))
        data.extend([w] * len(feats))
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.array(data, dtype=np.float32), np.array(indices, dtype=np.int32), np.array(indptr)),
        shape=(len(texts), N_BUCKETS),
    )


def fit(  # type: ignore[no-untyped-def]
    texts: Sequence[str], labels: Sequence[str], weights: Sequence[float] | None = None, alpha: float = ALPHA
):
    """Logistic regression by SGD (one-vs-rest; the run-time softmax keeps its ranking).

    L-BFGS multinomial fits took four minutes for no better accuracy; SGD takes half a minute.
    """
    from sklearn.linear_model import SGDClassifier

    clf = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=15, tol=None, random_state=0)
    x = matrix(texts)
    y = np.array([CATEGORIES.index(c) for c in labels])
    clf.fit(x, y, sample_weight=None if weights is None else np.asarray(weights))
    return clf


def predict(clf, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    probs = clf.predict_proba(matrix(texts))
    best = probs.argmax(axis=1)
    return clf.classes_[best], probs[np.arange(len(texts)), best]


def _streams(shared: Path, cutoff: str, exclude: set[str]) -> Iterator[tuple[str, str, str]]:
    """(stream, date, term) of hot-list terms dated before ``cutoff``, deduplicated."""
    seen: set[str] = set()

    def fresh(term: str) -> bool:
        key = match_key(term)
        if len(key) < 4 or key in seen or key in exclude:
            return False
        seen.add(key)
        return True

    with gzip.open(shared / "streams" / "weibo_daily_titles.tsv.gz", "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            date, _, title = line.rstrip("\n").partition("\t")
            if date < cutoff and fresh(title):
                yield "weibo", date, clean_title(title)
    with gzip.open(shared / "streams" / "toutiao_weibo_daily.tsv.gz", "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            platform, date, title = line.rstrip("\n").split("\t", 2)
            if date < cutoff and fresh(title):
                yield platform.split("-")[0], date, clean_title(title)


def _baidu(shared: Path, cutoff: str, exclude: set[str]) -> list[tuple[str, str]]:
    out = []
    with gzip.open(shared / "streams" / "baidu_daily_last.tsv.gz", "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5 or parts[0] >= cutoff or match_key(parts[3]) in exclude:
                continue
            out.append((clean_title(parts[3]), clean_title(parts[4])))
    return list(dict.fromkeys(out))


#: labelling functions for hot-list terms: a term matching exactly one rule gets its category.
#: They name the cues a news desk files by (who acts, what kind of happening), never a term of
#: the evaluation sample; they label training rows only, the shipped model is linear n-grams.
RULES: dict[str, re.Pattern[str]] = {
    "politics": re.compile(
        r"习近平|总书记|李强|国务院|中共中央|党中央|全国人大|全国政协|政治局|纪委|监委|被查|落马|"
        r"双开|主席会见|两会|外交部|国台办|中央军委|新时代|党员|党建|省委|市委"
    ),
    "world": re.compile(
        r"特朗普|拜登|普京|泽连斯基|内塔尼亚胡|美国|俄罗斯|乌克兰|以色列|伊朗|日本首相|韩国总统|联合国|白宫|欧盟"
    ),
    "military": re.compile(r"导弹|战机|航母|军演|舰|解放军|空袭|无人机袭击|战斗机|国防部"),
    "society": re.compile(
        r"男子|女子|男孩|女孩|男童|女童|老人|大爷|大妈|阿姨|小伙|姑娘|夫妻|丈夫|妻子|婆婆|儿媳|网友|"
        r"民警|警方|派出所|通报|遇害|身亡|坠亡|溺亡|车祸|被拘|拘留|嫌疑人|判刑|殴打|外卖|快递|租房|"
        r"打工|上班|公司|员工|老板"
    ),
    "entertainment": re.compile(
        r"偶遇|综艺|新剧|主演|演唱会|官宣|恋情|路透|杀青|定档|票房|电视剧|电影|MV|春晚|选秀|"
        r"女团|男团|粉丝|红毯|造型|剧组|饰演|角色|番位|颁奖礼|热播|网剧|短剧"
    ),
    "sports": re.compile(
        r"国足|男篮|女篮|国乒|NBA|CBA|世界杯|奥运|亚运|全运|夺冠|决赛|金牌|冠军|球员|主帅|进球"
    ),
    "games": re.compile(
        r"LPL|LCK|KPL|英雄联盟|王者荣耀|原神|和平精英|电竞|战队|S\d+|MSI|Steam|手游|主机游戏"
    ),
    "finance": re.compile(
        r"A股|港股|美股|股市|基金|涨停|跌停|公积金|房贷|利率|降息|央行|GDP|CPI|营收|财报|IPO|上市公司|楼市|房价"
    ),
    "tech": re.compile(
        r"AI|人工智能|大模型|芯片|华为|苹果|iPhone|DeepSeek|OpenAI|ChatGPT|卫星|火箭|发射|机器人|鸿蒙|5G"
    ),
    "health": re.compile(
        r"医生|医院|患癌|癌症|确诊|病毒|感染|疫苗|症状|体检|血压|血糖|失眠|减肥|养生|流感|甲流|医保"
    ),
    "education": re.compile(
        r"高考|中考|考研|考公|国考|四六级|四级|六级|分数线|录取|大学生|学生|教师|老师|学校|毕业|开学|教育部"
    ),
    "auto": re.compile(
        r"汽车|新能源车|车型|小米SU7|特斯拉|比亚迪|理想汽车|蔚来|小鹏|问界|油价|车企|上市新车"
    ),
    "culture": re.compile(r"考古|文物|博物馆|非遗|古籍|诗词|书法|传统文化|故宫|敦煌|文旅"),
}
# rules that name the same actors as a stronger one yield to it ("被查" beats "公司")
_PRIORITY = ("politics", "military", "games", "auto", "education", "health", "finance", "sports",
             "tech", "world", "entertainment", "culture", "society")  # fmt: skip


#: the classes a model gives a person's term when it knows nothing of the person
_PEOPLE_DEFAULT = ("entertainment", "society")


def rule_label(term: str) -> str | None:
    """The first matching rule in :data:`_PRIORITY` order, or None."""
    for category in _PRIORITY:
        if RULES[category].search(term):
            return category
    return None


#: a person's category (:func:`name_categories`) needs this many confidently labelled Baidu
#: terms naming them, and this share of them in one category
NAME_MIN = 3
NAME_SHARE = 0.6
#: the categories a person's trade decides (an athlete's news is sports news, a singer's is
#: entertainment); not politics or world, which follow the happening: ``习近平`` is mostly
#: written about meeting foreign leaders, and filing every term naming him under world turned
#: ``习近平听取李家超述职报告`` into world news
NAME_CATEGORIES = ("sports", "entertainment")


def _persons(term: str) -> set[str]:
    return {w for w in cut(term) if entity_type(w) == "PER"}


def name_categories(labelled: Sequence[tuple[str, str]]) -> dict[str, str]:
    """The category of each person the Baidu board writes about mostly under one category.

    ``labelled``: (term, category) of Baidu terms labelled from term and description.  A bare
    name in a Weibo term (``孙颖莎示意观众小声些``) reads as entertainment to a model taught that
    a name beside everyday words is a star; the descriptions say what the person is in the news
    for (``女单决赛``), and that is what a news desk files such a term under."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for term, category in labelled:
        for name in _persons(term):
            counts[name][category] += 1
    table = {}
    for name, by_category in counts.items():
        category, n = by_category.most_common(1)[0]
        total = sum(by_category.values())
        if category in NAME_CATEGORIES and total >= NAME_MIN and n >= NAME_SHARE * total:
            table[name] = category
    return table


def name_label(term: str, names: dict[str, str]) -> str | None:
    """The category every known person of ``term`` shares, or None (none known, or they differ)."""
    found = {names[w] for w in _persons(term) if w in names}
    return found.pop() if len(found) == 1 else None


def weak_labels(  # type: ignore[no-untyped-def]
    clf, shared: Path, exclude: set[str], threshold: float, per_class: int, rng: random.Random
) -> list[Labelled]:
    """Confident, class-balanced labels for hot-list terms (see module doc, step 3)."""
    baidu = _baidu(shared, STREAM_CUTOFF, exclude)
    cats, conf = predict(clf, [f"{w}。{d[:80]}" for w, d in baidu])
    out = [
        Labelled(w, CATEGORIES[c], "baidu-weak")
        for (w, _), c, p in zip(baidu, cats, conf, strict=True)
        if p >= threshold
    ]
    names = name_categories([(r.title, r.category) for r in out])
    terms = [t for _, _, t in _streams(shared, STREAM_CUTOFF, exclude)]
    cats, conf = predict(clf, terms)
    by_class: dict[str, list[str]] = defaultdict(list)
    for term, c, p in zip(terms, cats, conf, strict=True):
        ruled = rule_label(term)
        named = name_label(term, names)
        if ruled is not None and CATEGORIES[c] == ruled:
            by_class[ruled].append(term)
        elif named is not None and (p < threshold or CATEGORIES[c] in _PEOPLE_DEFAULT):
            by_class[named].append(term)
        elif ruled is not None and p < threshold:
            by_class[ruled].append(term)
        elif p >= threshold:
            by_class[CATEGORIES[c]].append(term)
    for c, items in by_class.items():
        rng.shuffle(items)
        out.extend(Labelled(t, c, "stream-weak") for t in items[:per_class])
    return out


def _dense(clf) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """(N_BUCKETS × classes weights, bias) in :data:`CATEGORIES` order from a fitted model."""
    coef = np.zeros((N_BUCKETS, len(CATEGORIES)), dtype=np.float32)
    bias = np.zeros(len(CATEGORIES), dtype=np.float32)
    for j, c in enumerate(clf.classes_):
        coef[:, c] = clf.coef_[j]
        bias[c] = clf.intercept_[j]
    return coef, bias


def _quantized(coef: np.ndarray, quantile: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """int8 weights, one scale per class: the ``quantile`` of its absolute weights maps to 127
    and the rarer larger ones are clipped (see :data:`HOT_CLIP`)."""
    scale = np.quantile(np.abs(coef), quantile, axis=0) / 127.0
    scale = np.maximum(scale, 1e-9).astype(np.float32)
    q = np.clip(np.rint(coef / scale), -127, 127).astype(np.int8)
    q[np.abs(q) <= PRUNE] = 0
    return q, scale


def export(hot, path: Path = MODEL_PATH, news=None, gate=None) -> None:  # type: ignore[no-untyped-def]
    """One file: two heads over the same features, ``hot`` and ``news``, and the ``gate``."""
    parts = {}
    for suffix, clf in (("", hot), ("_news", news)):
        if clf is not None:
            parts[suffix] = _dense(clf)
    if gate is not None:  # binary: columns (hot, news) = (−w/2, +w/2) give sigmoid(w) by softmax
        w, b = gate.coef_[0].astype(np.float32) / 2, float(gate.intercept_[0]) / 2
        parts["_gate"] = (np.stack([-w, w], axis=1), np.array([-b, b], dtype=np.float32))
    arrays: dict[str, np.ndarray] = {"classes": np.array(CATEGORIES), "version": np.array(3 if WORDS else 1)}
    for suffix, (coef, bias) in parts.items():
        q, scale = _quantized(coef, HOT_CLIP if suffix == "" else 1.0)
        arrays.update({f"weights{suffix}": q, f"scale{suffix}": scale, f"bias{suffix}": bias})
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, allow_pickle=False, **arrays)


def fit_gate(train: Sequence[Labelled], shared: Path, exclude: set[str]):  # type: ignore[no-untyped-def]
    """The form gate: labelled titles (``news``) against as many Weibo hot-search terms (``hot``).

    Both sides are training material only: titles outside the held-out fifth, stream terms
    dated before :data:`STREAM_CUTOFF` and not in the evaluation sample.
    """
    from sklearn.linear_model import SGDClassifier

    titles = [r.title for r in train if not r.dataset.endswith("-short")]
    terms = [t for stream, _, t in _streams(shared, STREAM_CUTOFF, exclude) if stream == "weibo"]
    random.Random(0).shuffle(terms)
    terms = terms[: len(titles)]
    y = np.array([1] * len(titles) + [0] * len(terms))
    clf = SGDClassifier(loss="log_loss", alpha=GATE_ALPHA, max_iter=10, tol=None, random_state=0)
    return clf.fit(matrix(titles + terms), y)


def training_set(rng: random.Random, shared: Path = SHARED) -> list[Labelled]:
    base = [r for r in load_labelled(shared) if not held_out(r.title)]
    crops = [Labelled(s, r.category, r.dataset + "-short") for r in base for s in shortened(r.title, rng)]
    return base + crops


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.8, help="confidence for weak labels")
    parser.add_argument("--per-class", type=int, default=150000, help="cap on weak stream labels per class")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="self-training rounds")
    parser.add_argument(
        "--newspaper-weight", type=float, default=NEWSPAPER_WEIGHT, help="weight of THUCNews rows"
    )
    parser.add_argument("--weak-weight", type=float, default=2.0, help="weight of weak labels")
    parser.add_argument("--hot-alpha", type=float, default=HOT_ALPHA, help="regularisation of the hot head")
    parser.add_argument(
        "--hand-weight", type=float, default=HAND_WEIGHT, help="weight of hand-labelled Weibo terms (0: none)"
    )
    parser.add_argument(
        "--hold-out",
        type=int,
        default=HELD_OUT_SAMPLE,
        help="the hand-labelled Weibo sample (1-10) kept out of training; the others train the hot head",
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    rng = random.Random(0)
    t0 = time.perf_counter()
    train = training_set(rng)
    exclude = {match_key(r.title) for path in WEIBO_EVALS for r in load_weibo_eval(path)}
    print(f"labelled + shortened: {len(train)} rows  {Counter(r.category for r in train)}")
    base_weights = [args.newspaper_weight if r.dataset.startswith("thucnews") else 1.0 for r in train]
    clf = fit([r.title for r in train], [r.category for r in train], base_weights)
    news = clf  # the news head: labelled and shortened titles only
    hand = [r for path in hand_samples(args.hold_out) for r in load_weibo_eval(path)]
    for round_ in range(args.rounds):
        weak = weak_labels(clf, SHARED, exclude, args.threshold, args.per_class, random.Random(round_))
        print(f"round {round_ + 1}: {len(weak)} weak labels  {Counter(r.category for r in weak)}")
        rows = train + weak
        weights = base_weights + [args.weak_weight] * len(weak)
        if round_ == args.rounds - 1 and args.hand_weight:  # (the hot head: see HAND_SAMPLES)
            rows += hand
            weights += [args.hand_weight] * len(hand)
        clf = fit([r.title for r in rows], [r.category for r in rows], weights, args.hot_alpha)
    gate = fit_gate(train, SHARED, exclude)
    export(clf, args.out, news=news, gate=gate)
    meta = {"rows": len(train), "seconds": round(time.perf_counter() - t0, 1)}
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) {json.dumps(meta)}")


if __name__ == "__main__":
    main()
