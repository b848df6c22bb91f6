"""Facts: numbers with units and magnitude, money, percentages, dates and ranges, with sentences."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from redian.interpret.facts import extract_facts, sentences
from redian.pages import extract_file
from redian.types import CHINA_TZ, Fact

BASE = datetime(2024, 12, 13, 9, 0, tzinfo=CHINA_TZ)


@pytest.fixture(scope="module")
def seed_facts(samples: Path) -> list[Fact]:
    article = extract_file(samples / "seed_rejiedu.txt")
    return extract_facts(article.body, BASE)


def _find(facts: list[Fact], text: str) -> Fact:
    hits = [f for f in facts if text in f.text]
    assert hits, f"{text} not found in {[f.text for f in facts]}"
    return hits[0]


def test_seed_dates(seed_facts: list[Fact]) -> None:
    span = _find(seed_facts, "12月11日至12日")
    assert (span.kind, span.start, span.end) == ("daterange", "2024-12-11", "2024-12-12")
    assert span.sentence.startswith("12月11日至12日") and "中央经济工作会议" in span.sentence
    as_of = _find(seed_facts, "截至2024年6月")
    assert as_of.kind == "date" and as_of.end == "2024-06-30"
    assert "4500家" in as_of.sentence
    year_end = _find(seed_facts, "2023年末")
    assert year_end.end == "2023-12-31" and "421家" in year_end.sentence
    plan = _find(seed_facts, "2018—2020年")
    assert (plan.kind, plan.start, plan.end) == ("daterange", "2018-01-01", "2020-12-31")
    relative = _find(seed_facts, "今年1月22日")
    assert relative.start == "2024-01-22"  # resolved against the publish time, not today


def test_seed_no_false_dates(seed_facts: list[Fact]) -> None:
    date_texts = [f.text for f in seed_facts if f.kind in ("date", "daterange")]
    assert not any("三年" in t or "每秒" in t or t.endswith("后") for t in date_texts), date_texts
    assert not any(f.text in ("三年", "每秒", "百亿") for f in seed_facts)


def test_seed_figures(seed_facts: list[Fact]) -> None:
    for text, value, unit in [("421家", 421, "家"), ("4500家", 4500, "家"), ("40EFLOPS", 40, "EFLOPS"),
                              ("2—3个", 2, "个")]:  # fmt: skip
        fact = _find(seed_facts, text)
        assert (fact.kind, fact.value, fact.unit) == ("number", value, unit)
        assert text in fact.sentence
    big = _find(seed_facts, "6000亿元")
    assert (big.kind, big.value, big.unit) == ("money", 600_000_000_000, "元")
    gd = _find(seed_facts, "3000亿元")
    assert gd.value == 300_000_000_000 and "广东" in gd.sentence


@pytest.mark.parametrize(
    ("text", "fact_text", "kind", "value", "unit"),
    [
        ("2025国考最热岗1.6万人挑一", "1.6万人", "number", 16_000, "人"),
        ("中2.25亿巨奖的男子尚未兑奖", "2.25亿", "number", 225_000_000, None),
        ("有人被判赔2万元", "2万元", "money", 20_000, "元"),
        ("一季度GDP同比增长5.3%", "5.3%", "percent", 5.3, "%"),
        ("失业率下降百分之零点二", "百分之零点二", "percent", 0.2, "%"),
        ("特斯拉市值蒸发1500亿美元", "1500亿美元", "money", 150_000_000_000, "美元"),
        ("婚礼中途停电40分钟气哭新人爸妈", "40分钟", "number", 40, "分钟"),
        ("他已经欠下了20多万元的债务", "20多万元", "money", 200_000, "元"),
    ],
)
def test_headline_figures(text: str, fact_text: str, kind: str, value: float, unit: str | None) -> None:
    facts = extract_facts(text, BASE)
    fact = _find(facts, fact_text)
    assert (fact.kind, fact.value, fact.unit, fact.sentence) == (kind, value, unit, text)


def test_relative_dates_resolve_against_publish_time() -> None:
    facts = extract_facts("昨天下午，上海地铁发生故障。", BASE)
    day = _find(facts, "昨天")
    assert day.start == "2024-12-12"


def test_anaphoric_dates_are_dropped() -> None:
    facts = extract_facts("当年，他辞去了工作。次年他回到家乡。2001年他中了大奖。", BASE)
    assert [(f.text, f.start) for f in facts] == [("2001年", "2001-01-01")]


def test_number_broken_across_lines_is_not_a_figure() -> None:
    facts = extract_facts("医生意外地获得了5\n00万元的体彩大奖", BASE)
    assert [f.text for f in facts] == []


def test_durations_are_not_dates() -> None:
    facts = extract_facts("他用了三年时间，每秒钟都很珍贵。", BASE)
    assert [f for f in facts if f.kind in ("date", "daterange")] == []
    facts = extract_facts("网民称爷爷奶奶129岁相恋100年，引发质疑。", BASE)
    assert [(f.text, f.kind, f.value, f.unit) for f in facts] == [
        ("129岁", "number", 129, "岁"),
        ("100年", "number", 100, "年"),
    ]


def test_sentences_keep_punctuation() -> None:
    assert sentences("第一句。第二句！\n第三句") == ["第一句。", "第二句！", "第三句"]
    assert sentences("他说：“要加快发展。”会议强调。") == ["他说：“要加快发展。”", "会议强调。"]


def test_a_figure_is_shown_once_across_wordings() -> None:
    from redian.service.views import facts_to_show

    title = "村民开皮卡给农机打柴油被罚3万"
    facts = [*extract_facts(title), *extract_facts(title + "元")]
    assert [f.text for f in facts] == ["3万", "3万元"]
    assert [f.text for f in facts_to_show(facts, 8)] == ["3万元"]
    # different figures stay apart even when one text starts the other
    both = [*extract_facts("罚款3万元"), *extract_facts("罚款30万元")]
    assert [f.text for f in facts_to_show(both, 8)] == ["3万元", "30万元"]
