"""The seed page's trending list: the merges issue 4 requires, the separations, nothing else."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from redian.events import default_engine
from redian.events.model import PairModel
from redian.events.story import StoryEngine
from redian.text.normalize import clean_title, match_key
from redian.types import CHINA_TZ, HeadlineIn

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_d7004dcb5a26c41a.txt"

#: each group must end in one event
MUST_MERGE = (
    ("五金加工厂负责人被控造枪案二审",),
    ("45岁医生被撞身亡肇事者开车看手机", "医生被撞身亡肇事者开车看手机", "浙江45岁胸外科主任因车祸逝世"),
    ("与男顾客暧昧的LV柜姐离职后开始卖货", "与顾客暖昧LV柜姐离职后开始卖货"),
    ("深圳彩民80元中双色球2.25亿巨奖", "中2.25亿巨奖的男子尚未兑奖"),
)
#: pairs a reader could see either way (the same person's two statements, the same drama): not judged
EITHER = (
    ("被指责擦边的吴柳芳:我就是要改命", "吴柳芳哭了:我只能靠自己"),
    ("#我是刑警比重案六组还重案#", "《我是刑警》打码太影响观感了"),
)


def seed_titles(path: Path = SEED) -> list[str]:
    return [
        line[2:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("- ")
    ]


def cluster_seed(titles: list[str], model: PairModel | None = None) -> dict[str, str]:
    """Title → final event id, streaming the list in page order into a fresh engine."""
    engine = StoryEngine(model) if model is not None else default_engine()
    at = datetime(2024, 12, 15, 12, tzinfo=CHINA_TZ)
    placed = {}
    for title in titles:
        placed[title] = engine.assign(HeadlineIn(match_key(title), clean_title(title), "seed", at)).event_id
    if isinstance(engine, StoryEngine):
        placed = {t: engine.resolve(e) for t, e in placed.items()}
    return placed


def check_seed(path: Path = SEED, model: PairModel | None = None) -> list[str]:
    """Human-readable verdicts; a line starting with FAIL is a wrong or missing merge."""
    placed = cluster_seed(seed_titles(path), model)
    out = []
    for group in MUST_MERGE:
        ok = len({placed[t] for t in group}) == 1
        out.append(f"{'ok  ' if ok else 'FAIL'} merged: {' = '.join(group)}")
    allowed = {frozenset(g) for g in EITHER}
    required = {t: i for i, g in enumerate(MUST_MERGE) for t in g}
    titles = sorted(placed)
    wrong = []
    for i, a in enumerate(titles):
        for b in titles[i + 1 :]:
            same_group = a in required and required.get(a) == required.get(b)
            if (
                placed[a] == placed[b]
                and not same_group
                and frozenset((a, b)) not in allowed
                and match_key(a) != match_key(b)
            ):
                wrong.append(f"{a} = {b}")
    out.append(f"{'ok  ' if not wrong else 'FAIL'} wrong merges: {len(wrong)}")
    out.extend(f"FAIL wrongly merged: {w}" for w in wrong)
    for a, b in EITHER:
        out.append(f"info {'merged' if placed[a] == placed[b] else 'apart '}: {a} / {b}")
    return out
