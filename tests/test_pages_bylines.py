"""Bylines and headlines that the hand-labelled gne-pages set and cwced-dev showed going wrong.

Credit lines and markup are short snippets of real pages from GNE's test set (GPL-3.0) and from
cwced-dev (MIT: the blog and forum footers ``由海姑娘张贴``, ``ggjjzhzz 发表于``, ``放飞&心情``, the
``茉莉：`` column), cut to the part that matters; the names in the made-up variants (张三, 王五…)
are placeholders.  The article sentences around them are there only so the page has a body.
"""

from __future__ import annotations

from datetime import date

import pytest

from redian.pages import extract
from redian.pages.meta import author_from_lines, is_handle
from redian.types import Page

TODAY = date(2026, 11, 29)
BODY = (
    "<p>8岁儿子在四川海螺沟景区失联的第32天，9月2日，温先生启程返回湖北十堰。他上次坐火车，是8月2日，"
    "带着儿子从十堰出发去海螺沟旅游，原本计划在景区玩上几天后回家。</p>"
    "<p>此后，五批专业救援队先后到场，数百人次进行地毯式搜寻，家人和警方反复排查监控，十万悬赏寻人，"
    "但小温始终下落不明。9月9日，开学已满一周，小温还没能去报到。</p>"
    "<p>小温失联处河流的流域和附近丛林曾是搜索重点。8月2日，有乘坐索道的游客在看到小温照片后表示，"
    "曾在索道上看到过一个穿雨鞋的男孩，工作人员随后扩大了搜寻范围，但仍一无所获。</p>"
)


def _page(html: str) -> Page:
    return Page(raw=html.encode("utf-8"), path="snippet.html", kind_hint="html")


@pytest.mark.parametrize(
    "line",
    [
        "图片来源：每经记者 张蕊 摄",
        "10月4日，旅游专列开往襄阳。 通讯员刘娟 摄",
        "图为山西品牌丝路行（南美站）启动仪式。（刘通摄）",
        "资料图：市民在寒冷天气中出行。中新社记者 贾天勇 摄",
    ],
)
def test_photo_credits_name_no_author(line: str) -> None:
    assert author_from_lines([line]) == (None, 99)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("执笔/叨叨姐、胡一刀&李小飞刀", "叨叨姐 胡一刀 李小飞刀"),  # '&' joins names too
        ("发表于2014-08-24 21:30| 1164次阅读| 来源CSDN| 0 条评论| 作者魏星", "魏星"),
        ("《棱镜》作者 周纯", "周纯"),
        ("【文/观察者网专栏作者 王文】", "王文"),
        ("作者：余毅菁 向雪妮 返回富达，查看更多", "余毅菁 向雪妮"),  # a link's words are no name
        ("记者 王燕 摄影报道", "王燕"),  # a reporter who also took the pictures is still the author
        ("石佳/中国青年报", "石佳"),  # writer/outlet alone on a line
        ("新京报讯（记者 陆一夫）11月25日，新京报记者登录拼多多全球购页面发现", "陆一夫"),
        ("原创： 路闻卓立编译 人民币交易与研究", "路闻卓立"),  # "X编译": the compiler
        ("作者：未知 责任编辑：棒棒不是糖", "棒棒不是糖"),  # a pen name may run to six characters
        ("编辑|禤志杰 责编|陈梦莹 校对|黄慧敏", "禤志杰 陈梦莹"),  # '|' after the label, as WeChat posts do
        ("责编：Demi Xia", "Demi Xia"),  # a Latin name after a label
        ("（责任编辑： HN666）", "HN666"),  # a staff handle
        ("作者：张三 责编：Demi Xia", "张三"),  # the next label is no name
        ("文·图/张三", "张三"),  # writer and photographer
        ("文/图 李四", "李四"),
        ("王五/文", "王五"),  # the name first, alone on its line
        ("赵六 文/图", "赵六"),
        ("央视网消息（记者/孙七）", "孙七"),
        ("特约撰稿人 周八", "周八"),
        ("作者： 放飞&心情", "放飞&心情"),  # '&' inside a forum handle: neither side is a personal name
        ("作者：胡一刀&李小飞刀", "胡一刀 李小飞刀"),
    ],
)
def test_credit_lines(line: str, names: str) -> None:
    assert author_from_lines([line])[0] == names


def test_editors_credited_on_consecutive_lines_are_joined() -> None:
    lines = ["编辑|禤志杰", "责编|陈梦莹", "校对|黄慧敏", "来源|广州参考、广州南沙发布、羊城晚报"]
    assert author_from_lines(lines) == ("禤志杰 陈梦莹", 3)


def test_reporters_credited_where_a_long_lead_opens() -> None:
    lead = (
        "本站讯（职工通讯员 李琴雯 刘会）为深入推进党建与业务工作紧密结合，"
        "弘扬我院中药特色，培养优秀的药学技能型人才，10月30日，我院医技药剂党支部联合药剂科举办了2019年中药、药学理论知识与专业技能大赛，全体中药、药学专业人员参赛。"
        "比赛邀请了湖南中医药大学附属第一医院主任药师张裕民应邀担任大赛评委，"
        "我院党委副书记、纪委书记郭建农，副院长吴玉华、胥新元出席比赛并进行现场指导。"
    )
    assert len(lead) > 160
    # the reporters beat the editor credited under the article
    assert author_from_lines([lead, "医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳"]) == ("李琴雯 刘会", 1)
    # a news agency's dateline before the bracket; a photo credit there names nobody
    assert author_from_lines(["新华社北京9月7日电（记者 张三、李四）" + lead[17:]]) == ("张三 李四", 1)
    assert author_from_lines(["（图为记者 张三 摄）" + lead[17:]])[0] is None


@pytest.mark.parametrize(
    "line",
    [
        "作者：系统管理员",
        "图文直播",
        "图文并茂地介绍",
        "文/图 新华社",
        "作者：北京市朝阳区",
        "作者：朝阳区",
        "作者：中国人民银行",
        "作者：新华社记者",
        "文/AFP",
        "作者：admin",
        "来源：Reuters",
        "（记者 张三 摄）为深入推进党建与业务工作紧密结合，弘扬我院中药特色，培养优秀的药学技能型人才" * 3,
    ],
)
def test_placeholders_agencies_and_photographers_name_nobody(line: str) -> None:
    assert author_from_lines([line])[0] is None


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("由海姑娘张贴 @ 2005-06-14 03:25:55 (370) 发表评论 >>>", "海姑娘"),
        ("由 王小明 发表于 2005-06-14", "王小明"),
    ],
)
def test_blog_post_footer_names_the_poster(line: str, name: str) -> None:
    assert author_from_lines([line]) == (name, 2)


@pytest.mark.parametrize(
    ("line", "name"),
    [("ggjjzhzz 发表于 2005-9-15 11:46:00", "ggjjzhzz"), ("放飞心情 发表于: 2008-1-1 12:00", "放飞心情")],
)
def test_forum_poster_before_the_post_time(line: str, name: str) -> None:
    assert author_from_lines([line]) == (name, 2)


@pytest.mark.parametrize(
    "line",
    [
        "知道创宇发布新版ZoomEye 发表于 2014-08-24 21:30",  # a headline's tail
        "新华网 发表于 2019-01-01",
        "admin 发表于 2019-01-01",
        "(本文发表于首页 批评与建议 , 已被阅读178次)",
    ],
)
def test_no_poster_before_the_post_time(line: str) -> None:
    assert author_from_lines([line])[0] is None


@pytest.mark.parametrize("line", ["由新华社发布", "由该部门发布", "由此发布的"])
def test_issuing_office_is_no_poster(line: str) -> None:
    assert author_from_lines([line])[0] is None


def test_the_fuller_of_two_credits_wins() -> None:
    lines = ["作者：余毅菁 向雪妮返回富达，查看更多", "采写：南都记者 余毅菁 向雪妮"]  # a link glued on
    assert author_from_lines(lines)[0] == "余毅菁 向雪妮"


def test_place_or_column_over_outlet_is_no_writer() -> None:
    assert author_from_lines(["上海/新华社"])[0] is None


@pytest.mark.parametrize(
    "line", ["作者简介", "太小心 [作者简介]", "本文仅代表作者个人观点。", "作者曾经发过的文章"]
)
def test_author_words_that_name_nobody(line: str) -> None:
    assert author_from_lines([line])[0] is None


def test_handles() -> None:
    assert all(is_handle(x) for x in ("加拿大必读", "IT之家", "GameForce", "爱否科技"))
    assert not any(is_handle(x) for x in ("优质原创作者", "关注", "2019-09-08", "作者：张三", "匿名"))


def test_account_marked_as_author_above_the_article() -> None:
    html = (
        "<html><head><title>英国美女在殡仪馆工作太痛苦，转行当美人鱼</title></head><body>"
        "<h2>英国美女在殡仪馆工作太痛苦，转行当美人鱼</h2>"
        '<div class="author-txt"><p class="author-name">加拿大必读</p>'
        '<div class="article-source"><span>发布时间：10-08</span><span>12:00</span></div></div>'
        f'<div class="article-content">{BODY}</div>'
        '<div class="comments"><span class="author">路人甲乙</span><p>说得好</p></div>'
        "</body></html>"
    )
    article = extract(_page(html), TODAY)
    assert article.author == "加拿大必读"


def test_author_marks_below_the_article_or_authorized_are_not_bylines() -> None:
    html = (
        "<html><head><title>海螺沟寻子一个月</title></head><body>"
        '<div class="sourcePopwin"><span class="authorized"> 我已授权 </span></div>'
        "<h1>海螺沟寻子一个月</h1>"
        f'<div class="article-content">{BODY}</div>'
        '<div class="comments"><span class="author">海螺沟网友</span><p>希望早日找到</p></div>'
        "</body></html>"
    )
    assert extract(_page(html), TODAY).author is None


@pytest.mark.parametrize(
    "byline",
    [
        '<div class="pgc"><a href="/c/user/6294480027/" class="media-user">'
        '<img src="a.jpg"> <span>去驴行</span></a><div class="subscribe"><span>关注</span></div></div>',
        '<div class="article-sub"><span>中国网</span> <span>2019-11-25 10:37:31</span></div>',
    ],
)
def test_self_media_account_marked_as_user_and_printed_above_the_article(byline: str) -> None:
    account = "去驴行" if "去驴行" in byline else "中国网"
    html = (
        "<html><head><title>海螺沟寻子一个月</title></head><body>"
        '<div class="login"><span class="user-name">用户名</span></div>'
        f"<h1>海螺沟寻子一个月</h1>{byline}"
        f'<div class="article-content">{BODY}</div>'
        f'<div class="user-card-name"><a href="/c/user/3350881978/">{account}</a></div>'
        '<div class="comment"><a class="user-name">@路人甲乙</a>：说得好</div>'
        "</body></html>"
    )
    assert extract(_page(html), TODAY).author == account


def test_user_names_not_printed_above_the_article_name_nobody() -> None:
    html = (
        "<html><head><title>海螺沟寻子一个月</title></head><body>"
        '<div class="login"><span class="user-name">用户名</span></div><h1>海螺沟寻子一个月</h1>'
        f'<div class="article-content">{BODY}</div>'
        '<div class="comment"><a class="user-name">@路人甲乙</a>：说得好</div></body></html>'
    )
    assert extract(_page(html), TODAY).author is None


@pytest.mark.parametrize(("badge", "author"), [("茉莉", "茉莉"), ("独家", None)])
def test_pen_name_alone_above_the_article_signed_by_the_headline(badge: str, author: str | None) -> None:
    html = (
        "<html><head><title>谢谢您访问</title></head><body><div>首页</div><div>中国民权运动</div>"
        "<div>公民社会</div><div>人物</div><div>个人专栏</div><div>English</div><div>时政研讨</div><div>真相</div>"
        f"<div><b>{badge}：我是怎样卷入八九民运的</b></div><div>发布日期： 7/5/2005 9:23:57 PM</div>"
        f"<div><p>我是怎样卷入八九民运的</p><p>{badge}</p>{BODY}</div></body></html>"
    )
    assert extract(_page(html), TODAY).author == author


def test_person_credit_beats_the_account() -> None:
    html = (
        "<html><head><title>海螺沟寻子一个月</title></head><body><h1>海螺沟寻子一个月</h1>"
        '<div><a class="author">南方都市报</a><span>2019-09-09 16:01:46</span></div>'
        f'<div class="article-content">{BODY}<p>采写：南都见习记者 林子沛</p></div></body></html>'
    )
    assert extract(_page(html), TODAY).author == "林子沛"


def test_title_part_printed_above_the_article() -> None:
    headline = "最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%"
    html = (
        f"<html><head><title>明日股市预测--{headline}</title></head><body>"
        "<h1>今日股市行情_明日大盘_今日股市 - 明日大盘网</h1>"
        f'<div class="title-text">{headline}</div><div>发布时间：</div><div>2019-09-26 10:09:11</div>'
        f"<div>{BODY}</div></body></html>"
    )
    assert extract(_page(html), TODAY).title == headline


def test_heading_above_the_article_when_title_names_the_site() -> None:
    headline = "2019年中国人文地理学术年会在重庆•西南大学成功举行！"
    html = (
        "<html><head><title>新闻动态--中国地理学会官网</title></head><body>"
        "<div>首页 - 新闻动态</div>"
        f"<h5>{headline}</h5><div>发布时间：2019-05-18 来源：中国地理学会</div>"
        f"<div>{BODY}</div></body></html>"
    )
    assert extract(_page(html), TODAY).title == headline


def test_site_suffix_dropped_when_the_page_prints_the_bare_headline() -> None:
    html = (
        "<html><head><title>中华人民共和国监察法-纪检</title></head><body>"
        "<div>中华人民共和国监察法</div><div>来源: | 发布时间: 2018-05-17 | 浏览次数: 2168</div>"
        f"<div>{BODY}</div></body></html>"
    )
    assert extract(_page(html), TODAY).title == "中华人民共和国监察法"


def test_headline_over_two_lines_keeps_the_title() -> None:
    title = "内蒙古延续部分到期税收优惠政策助企纾困预计4年为纳税人减负180亿元"
    html = (
        f"<html><head><title>{title}</title></head><body>"
        "<div>内蒙古延续部分到期税收优惠政策助企纾困</div><h3>预计4年为纳税人减负180亿元</h3>"
        f"<div>{BODY}</div></body></html>"
    )
    assert extract(_page(html), TODAY).title == title
