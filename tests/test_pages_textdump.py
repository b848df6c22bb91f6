"""Text dumps: the seed page and dumps shaped like it (byline, column marker, body, hot lists)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redian.pages import extract, extract_file
from redian.pages.textdump import segment_dump
from redian.types import Page


@pytest.fixture(scope="module")
def seed(samples: Path):
    return extract_file(samples / "seed_rejiedu.txt")


def test_seed_byline_and_column(seed) -> None:
    assert seed.kind == "text"
    assert seed.author == "慕翠"
    assert seed.column == "热解读"
    assert seed.problem is None
    assert seed.published is None  # "12月11日至12日" has no year: no publish date is invented


def test_seed_body_is_the_article_only(seed, samples: Path) -> None:
    lines = (samples / "seed_rejiedu.txt").read_text("utf-8").splitlines()
    paragraphs = [line for line in lines[1:] if line and not line.startswith("- ")]
    assert seed.body.startswith("12月11日至12日,中央经济工作会议在北京举行。")
    assert "热解读" not in seed.body.split("\n")[0][:3]
    assert seed.body == "\n".join([paragraphs[0].removeprefix("热解读"), *paragraphs[1:]])
    assert not any(line.startswith("- ") for line in seed.body.split("\n"))


def test_seed_hot_list_complete_in_order_with_repeats(seed, samples: Path) -> None:
    lines = (samples / "seed_rejiedu.txt").read_text("utf-8").splitlines()
    expected = [line[2:] for line in lines if line.startswith("- ")]
    assert len(expected) == 65
    assert [list(lst) for lst in seed.lists] == [expected]
    assert seed.lists[0].count("五金加工厂负责人被控造枪案二审") == 4


def test_numbered_list_under_header_and_editor_line() -> None:
    text = (
        "作者：张文攀\n"
        "【深读】今年以来，全国铁路发送旅客超过30亿人次，同比增长百分之十二，创历史同期新高。\n"
        "铁路部门表示，暑运期间将继续加开夜间高铁，满足旅客出行需求。\n"
        "责任编辑：慕翠\n"
        "热搜榜\n"
        "1. 暑运铁路客流创新高\n"
        "2. 多地高温预警\n"
        "3. 台风路径最新消息\n"
    )
    parts = segment_dump(text)
    assert parts.author == "张文攀"
    assert parts.column == "深读"
    assert parts.paragraphs[0].startswith("今年以来")
    assert len(parts.paragraphs) == 2
    assert parts.lists == [["暑运铁路客流创新高", "多地高温预警", "台风路径最新消息"]]


def test_bare_trailing_headlines_and_related_reading() -> None:
    text = (
        "2024年12月11日 08:32\n"
        "中央经济工作会议12月11日至12日在北京举行，会议总结2024年经济工作，分析当前经济形势。\n"
        "会议强调，要大力提振消费、提高投资效益，全方位扩大国内需求。\n"
        "相关阅读\n"
        "· 解读中央经济工作会议九项重点任务\n"
        "· 专家：明年宏观政策更加积极有为\n"
        "\n"
        "女孩400斤被判死刑减重80斤保命\n"
        "年轻人买的水果半数是情感商品\n"
        "兰州大雪乱成一锅粥\n"
        "兰州大雪乱成一锅粥\n"
    )
    art = extract(Page(raw=text.encode("gb18030"), path="dump.txt"))
    assert art.kind == "text"
    assert art.encoding == "gb18030"
    assert art.published == "2024-12-11T08:32"
    assert art.body.split("\n") == [
        "中央经济工作会议12月11日至12日在北京举行，会议总结2024年经济工作，分析当前经济形势。",
        "会议强调，要大力提振消费、提高投资效益，全方位扩大国内需求。",
    ]
    flat = [item for lst in art.lists for item in lst]
    assert flat[:2] == ["解读中央经济工作会议九项重点任务", "专家：明年宏观政策更加积极有为"]
    assert flat[2:] == [
        "女孩400斤被判死刑减重80斤保命",
        "年轻人买的水果半数是情感商品",
        "兰州大雪乱成一锅粥",
        "兰州大雪乱成一锅粥",
    ]


def test_dump_with_only_a_list_has_no_article() -> None:
    art = extract(Page(raw="- 标题一二三\n- 标题四五六\n- 标题七八九\n".encode(), path="x.txt"))
    assert art.body == ""
    assert art.problem
    assert art.lists == (("标题一二三", "标题四五六", "标题七八九"),)


def test_traditional_script_dump_keeps_its_characters() -> None:
    text = (
        "熱解讀12月11日至12日，中央經濟工作會議在北京舉行。會議確定了2025年要抓好的九項重點任務。\n"
        "人工智慧是引領這一輪科技革命和產業變革的戰略性技術，具有很強的頭雁效應。\n"
        "責任編輯：慕翠\n"
        "熱搜榜\n"
        "女孩400斤被判死刑減重80斤保命\n"
        "年輕人買的水果半數是情感商品\n"
        "蘭州大雪亂成一鍋粥\n"
    )
    art = extract(Page(raw=text.encode("big5hkscs"), path="trad.txt"))
    assert art.encoding == "big5hkscs"
    assert art.column == "熱解讀"
    assert art.author == "慕翠"
    assert art.body.startswith("12月11日至12日，中央經濟工作會議")
    assert art.lists == (
        ("女孩400斤被判死刑減重80斤保命", "年輕人買的水果半數是情感商品", "蘭州大雪亂成一鍋粥"),
    )


def test_ranked_hot_list_lines_lose_rank_and_hot_value() -> None:
    text = (
        "深圳彩民80元中双色球2.25亿巨奖，中奖者尚未现身领奖，福彩中心提醒尽快兑奖。\n"
        "1 女孩400斤被判死刑减重80斤保命 4921843\n"
        "2 1.06亿到底是多少钱 1230000\n"
        "3 2025国考最热岗1.6万人挑一 98万\n"
    )
    parts = segment_dump(text)
    assert parts.paragraphs == ["深圳彩民80元中双色球2.25亿巨奖，中奖者尚未现身领奖，福彩中心提醒尽快兑奖。"]
    assert parts.lists == [
        ["女孩400斤被判死刑减重80斤保命", "1.06亿到底是多少钱", "2025国考最热岗1.6万人挑一"]
    ]
