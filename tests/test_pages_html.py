"""HTML pages: body, title, author, publish time, column and lists on committed cwced pages.

The pages under tests/data/pages/cwced come from the CWCED data set (MIT, see its LICENSE);
``*.gold.txt`` is the data set's hand-cleaned article text.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import opencc
import pytest

from redian.pages import extract, extract_file
from redian.pages.dates import relative_dates
from redian.pages.meta import find_dates
from redian.types import CHINA_TZ, Page


def _f1(gold: str, got: str) -> float:
    def shingles(text: str) -> Counter[str]:
        text = re.sub(r"\s+", "", text)
        return Counter(text[i : i + 4] for i in range(len(text) - 3))

    g, p = shingles(gold), shingles(got)
    overlap = sum((g & p).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


CASES = {
    # name: (encoding, author, publish day, title)
    "3e1af229": ("utf-8", "王建宏 张文攀", "2022-02-13", "土豆不“土” 土豆无“土”"),
    "0d931936": ("gb18030", "尹娟", "2005-03-21", "四年前中500万现穷困潦倒 一夜暴富后如何经营"),
    "9890f458": ("utf-8", "胡晓蓉", "2022-02-13", "17种产品、1个园区入选国家绿色制造名单"),
    "2bac7fb2": ("gb18030", "山石", "2005-04-05", "多数夫妻生活有名无实 日本无性婚姻问题严重(图)"),
}


@pytest.fixture(scope="module")
def pages(samples: Path) -> dict[str, tuple[object, str]]:
    folder = samples / "pages" / "cwced"
    return {
        name: (extract_file(folder / f"{name}.html"), (folder / f"{name}.gold.txt").read_text("utf-8"))
        for name in CASES
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_body_matches_gold(pages, name: str) -> None:
    article, gold = pages[name]
    assert article.kind == "html"
    assert article.problem is None
    assert _f1(gold, article.body) >= 0.93


@pytest.mark.parametrize("name", sorted(CASES))
def test_fields(pages, name: str) -> None:
    article, _gold = pages[name]
    encoding, author, day, title = CASES[name]
    assert article.encoding == encoding
    assert article.author == author
    assert article.published[:10] == day
    assert article.title == title


def test_gbk_page_has_no_mojibake(pages) -> None:
    article, _gold = pages["0d931936"]
    assert "彩票让本文的主人公孙启勤" in article.body
    assert "\ufffd" not in article.body


def test_reporter_byline_and_column_marker_not_in_body(pages) -> None:
    article, _gold = pages["3e1af229"]
    assert article.body.startswith("土豆，听名字就“土”得掉渣。")
    assert "光明日报记者" not in article.body
    assert "反侵权公告" not in article.body  # the site's copyright notice after the story
    assert article.column == "新春走基层2022"


def test_lists_are_outside_the_body(pages) -> None:
    article, _gold = pages["3e1af229"]
    assert article.lists
    for lst in article.lists:
        for item in lst:
            assert item not in article.body


_PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{title}_国内新闻_示例新闻网</title>
<meta property="article:published_time" content="2024-12-11T08:32:00+08:00">
<script type="application/ld+json">
{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "张文攀"}}}}</script>
</head><body>
<div class="nav"><a href="/">首页</a> <a href="/gn">国内</a> <a href="/gj">国际</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gn">国内新闻</a> &gt; 正文</div>
<h1>{title}</h1>
<div class="info">2024年12月11日 08:32 来源：示例新闻网</div>
<div class="article">
<p>中央经济工作会议12月11日至12日在北京举行。会议总结2024年经济工作，分析当前经济形势，部署2025年经济工作。</p>
<p>会议认为，今年以来，以习近平同志为核心的党中央团结带领全党全国各族人民，沉着应变、综合施策，经济运行总体平稳、稳中有进。</p>
<p>会议强调，要大力提振消费、提高投资效益，全方位扩大国内需求。要以科技创新引领新质生产力发展，建设现代化产业体系。</p>
<p>责任编辑：慕翠</p>
</div>
<div class="related"><h3>相关阅读</h3><ul>
<li><a href="/1">解读中央经济工作会议九项重点任务</a></li>
<li><a href="/2">专家：明年宏观政策更加积极有为</a></li>
<li><a href="/3">2025年经济工作怎么干？一图读懂</a></li>
</ul></div>
<div class="footer">版权所有 示例新闻网 Copyright 2024</div>
</body></html>"""


@pytest.mark.parametrize("charset,codec", [("utf-8", "utf-8"), ("gb2312", "gbk"), ("big5", "big5")])
def test_declared_fields_and_encodings(charset: str, codec: str) -> None:
    html = _PAGE.format(charset=charset, title="中央经济工作会议在北京举行")
    convert = opencc.OpenCC("s2tw").convert if codec == "big5" else str
    html = convert(html)
    article = extract(Page(raw=html.encode(codec), path="page.html"))
    assert article.encoding == {"utf-8": "utf-8", "gbk": "gb18030", "big5": "big5hkscs"}[codec]
    assert article.title == convert("中央经济工作会议在北京举行")
    assert article.published == "2024-12-11T08:32:00"
    assert article.author == convert("张文攀")
    assert article.column == convert("国内新闻")
    assert article.body.count("\n") == 2
    assert article.body.startswith(convert("中央经济工作会议12月11日至12日在北京举行。"))
    for junk in ("责任编辑", "版权所有", "相关阅读", "首页"):
        assert convert(junk) not in article.body
    assert [list(lst) for lst in article.lists] == [
        [
            convert("解读中央经济工作会议九项重点任务"),
            convert("专家：明年宏观政策更加积极有为"),
            convert("2025年经济工作怎么干？一图读懂"),
        ]
    ]


def test_visible_chinese_date_and_editor_without_declarations() -> None:
    html = _PAGE.format(charset="utf-8", title="中央经济工作会议在北京举行")
    html = re.sub(r'<meta property="article:published_time"[^>]*>', "", html)
    html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    article = extract(Page(raw=html.encode(), path="page.html"))
    assert article.published == "2024-12-11T08:32"
    assert article.author == "慕翠"  # only an editor is named


def test_version_numbers_and_future_dates_are_not_publish_times() -> None:
    html = (
        "<html><head><title>软件更新</title></head><body><div>"
        "<p>版本 2.3.1 发布，修复了若干问题，提升了稳定性，欢迎大家下载使用新版本软件。</p>"
        "<p>下一次大版本计划于2099年1月1日发布，届时将带来全新的界面和更多的功能改进。</p>"
        "</div></body></html>"
    )
    article = extract(Page(raw=html.encode(), path="v.html"))
    assert article.body
    assert article.published is None


def test_script_publish_time_beats_a_date_inside_the_story() -> None:
    html = (
        "<html><head><title>儿歌一分钱被改成一元钱_新闻</title>"
        '<script>var DATA = {"media": "扬眼", "pubtime": "2019-09-07 19:02:26"};</script></head><body>'
        "<div class='player'>版本 3.4.40 (2019-9-5 9:38:01 PM)</div><div class='content'>"
        "<p>潘振声因患脑血栓经多方医治无效，2009年5月14日在南京逝世，享年77岁。他创作的大量儿童歌曲传唱至今。</p>"
        "<p>扬子晚报记者 张楠</p></div></body></html>"
    )
    article = extract(Page(raw=html.encode(), path="qq.html"))
    assert article.published == "2019-09-07T19:02:26"
    assert article.author == "张楠"


def test_bracketed_word_inside_a_sentence_is_no_byline() -> None:
    html = (
        "<html><head><title>南沙邮轮母港即将开通</title></head><body><div class='content'>"
        "<p>广州南沙邮轮母港即将开通，地铁直达，市民出行更加方便快捷，周边配套也在加紧建设之中。</p>"
        "<p>1、回复【公租房】查看最新消息</p></div></body></html>"
    )
    assert extract(Page(raw=html.encode(), path="p.html")).author is None


def test_utc_meta_time_is_given_in_beijing_time() -> None:
    html = _PAGE.format(charset="utf-8", title="中央经济工作会议在北京举行").replace(
        "2024-12-11T08:32:00+08:00", "2024-12-11T00:32:00Z"
    )
    assert extract(Page(raw=html.encode(), path="p.html")).published == "2024-12-11T08:32:00"


def test_wechat_unix_publish_time_when_the_page_shows_yesterday() -> None:
    html = (
        "<html><head><title>三星 Galaxy S20 系列手机正式发布</title></head><body>"
        '<h2 class="rich_media_title">三星 Galaxy S20 系列手机正式发布</h2>'
        '<div id="meta_content"><a id="js_name">爱否科技</a><em id="publish_time">昨天</em></div>'
        "<div id='js_content'><p>北京时间2月12日凌晨，三星在美国旧金山召开发布会，"
        "正式发布了 Galaxy S20 系列手机，包括 S20、S20+ 和 S20 Ultra 三款机型，全系支持 5G 网络。</p></div>"
        '<script>var svr_time = "1581604666" * 1; var ct = "1581517074";</script></body></html>'
    )
    page = Page(raw=html.encode(), path="w.html")
    assert extract(page, date(2026, 11, 29)).published == "2020-02-12T22:17:54"
    # a Unix time after the fetch day is no publish time
    assert extract(page, date(2020, 2, 1)).published is None


def test_microdata_publish_time_and_author_on_visible_elements() -> None:
    html = (
        "<html><head><title>儿歌一分钱被改成一元钱</title></head><body><h1>儿歌一分钱被改成一元钱</h1>"
        '<div class="info"><time itemprop="datePublished" datetime="2019-09-07T19:02:26+08:00">昨天</time>'
        '<span itemprop="author">张楠</span></div><div class="content">'
        "<p>潘振声因患脑血栓经多方医治无效，2009年5月14日在南京逝世，享年77岁。他创作的大量儿童歌曲传唱至今。</p>"
        "<p>近日有网友发现，儿歌《一分钱》的歌词被改成了一元钱，引发热议，原作者的女儿接受了采访。</p>"
        "</div></body></html>"
    )
    article = extract(Page(raw=html.encode(), path="m.html"), date(2026, 11, 29))
    assert article.published == "2019-09-07T19:02:26"
    assert article.author == "张楠"


def test_weibo_card_create_time_with_a_space_in_its_name() -> None:
    html = (
        "<html><head><title>较强冷空气来袭 全国多地开启抖抖抖模式</title>"
        '<meta property="weibo: article:create_at" content="2019-11-25 10:37:31"></head><body>'
        "<h1>较强冷空气来袭 全国多地开启抖抖抖模式</h1><div class='content'>"
        "<p>综合消息，近日，较强冷空气袭击多地，24日，东北地区中东部、华北、黄淮、江淮等地降温6～12℃。</p>"
        "<p>据中央气象台2019年11月24日发布的预报，25日强冷空气继续南下，降温重心将出现在江南至华南一带。</p>"
        "</div></body></html>"
    )
    article = extract(Page(raw=html.encode(), path="c.html"), date(2026, 11, 29))
    assert article.published == "2019-11-25T10:37:31"


def test_document_date_in_chinese_numerals() -> None:
    html = (
        "<html><head><title>关于进一步做好稳就业工作的通知</title></head><body>"
        "<h1>关于进一步做好稳就业工作的通知</h1><div>发布时间：2019-09-10 09:30</div>"
        "<table><tr><td>成文日期：二〇一九年九月七日</td></tr></table><div class='content'>"
        "<p>各市（州）人民政府，长白山管委会，各县（市）人民政府，省政府各厅委、各直属机构：</p>"
        "<p>为深入贯彻落实党中央、国务院关于稳就业的决策部署，现就进一步做好稳就业工作通知如下。</p>"
        "</div></body></html>"
    )
    assert extract(Page(raw=html.encode(), path="g.html"), date(2026, 11, 29)).published == "2019-09-07"


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("二○○七年六月二十九日", "2007-06-29"),
        ("二零一九年十二月三十一日", "2019-12-31"),
        ("一九九八年十月十日", "1998-10-10"),
        ("二〇一九年二月三十日", None),  # no such day
        ("二〇三〇年一月一日", None),  # after the fetch day
        ("发表于 19-09-07 12:30", "2019-09-07T12:30"),  # a two-digit year, with a time
        ("19/09/07 12:30:05", "2019-09-07T12:30:05"),
        ("10-08 12:00", None),  # no year
        ("v12-3-1 12:00", None),
        ("12.3.1 12:00", None),  # a version
        ("29-09-07 12:30", None),  # 2029: after the fetch day
    ],
)
def test_chinese_numeral_and_two_digit_year_dates(text: str, iso: str | None) -> None:
    picks = find_dates(text, date(2026, 11, 29))
    assert (picks[0].iso if picks else None) == iso


FETCHED = datetime(2026, 1, 2, 9, 30, tzinfo=CHINA_TZ)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("3小时前 · 来自iPhone客户端", "2026-01-02T06:30"),
        ("刚刚", "2026-01-02T09:30"),
        ("45分钟前", "2026-01-02T08:45"),
        ("昨天 23:10 发布于北京", "2026-01-01T23:10"),
        ("前天", "2025-12-31"),
        ("2天前", "2025-12-31"),
        ("12-31 10:37", "2025-12-31T10:37"),  # no year: the last 31 December before the fetch
        ("1月1日 07:05 发布于浙江", "2026-01-01T07:05"),
        ("01-05 08:00", "2025-01-05T08:00"),  # 5 January is still ahead: last year's
        ("今天要闻", None),  # 今天 alone is a word, not a stamp
        ("昨天下午，记者在杭州西湖边看到大批游客排队等候观赏落日", None),  # 昨天 in a sentence
        ("今天 25:10", None),
    ],
)
def test_relative_stamps_are_read_against_the_fetch_moment(text: str, iso: str | None) -> None:
    picks = relative_dates(text, FETCHED)
    assert (picks[0].iso if picks else None) == iso


SELF_MEDIA = (
    "<html><head><title>三只羊回应被罚 - 今日头条</title></head><body>"
    "<div class='nav'><a href='/'>首页</a><a href='/hot'>热榜</a></div>"
    "<div class='article'><h1>三只羊回应被罚</h1>"
    "<div class='meta'><span>新京报</span> <span>3小时前</span></div>"
    "<p>11月28日晚，合肥市市场监管局通报了对三只羊网络科技有限公司的调查处理情况，责令其暂停经营。</p>"
    "<p>通报称，该公司在直播带货中存在虚假宣传等违法行为，依法没收违法所得并处罚款，合计6894.91万元。</p>"
    "<p>三只羊随即发布致歉声明，表示将全面整改，配合监管部门的工作，并承担相应的赔偿责任。</p>"
    "</div></body></html>"
).encode()


def test_relative_byline_stamp_needs_the_fetch_moment() -> None:
    fetched = datetime(2024, 11, 29, 10, 0, tzinfo=CHINA_TZ)
    assert extract(Page(raw=SELF_MEDIA, fetched_at=fetched)).published == "2024-11-29T07:00"
    # without it "3小时前" means nothing, and the date inside the story is no publish time
    assert extract(Page(raw=SELF_MEDIA), date(2024, 11, 29)).published is None
