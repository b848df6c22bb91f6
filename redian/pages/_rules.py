"""The word lists and patterns of Chinese page furniture that :mod:`redian.pages.html` applies.

Kept apart from the extraction logic so that a new portal's quirk is one line here: meta names
that carry a publish time or author, lines that end an article (``相关阅读``, ``版权声明``), credit
and label lines, and the places a page's own address and script dates hide.
"""

from __future__ import annotations

import re

DATE_META = (
    "article:published_time",
    "apub:time",
    "og:article:published_time",
    "published_time",
    "og:release_date",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish-date",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "firstpublishedtime",
    "weibo:article:create_at",
    "sailthru.date",
    "created",
    "article:published",
    "releasedate",
    "contentpublishtime",
    "og:time",
    "originalpublicationdate",
    "article_date_original",
    "publication_date",
    "pubtime",
    "_pubtime",
    "rnews:datepublished",
    "dateupdate",  # Baidu's pages give only this, and it is the publish time there
    "publish_time",
    "pub_date",
    "parsely-pub-date",
    "citation_publication_date",
    "dc.date.created",
    "dcterms.issued",
    "dcterms.date",
)
# class/id of the element a page prints its author or account name in (author-name, js_name's
# rich_media_meta_nickname, byline; self-media platforms' media-user, user-card-name, user-name
# holding "@中国网"); only the element's own short text is read, and only when it is also printed
# above the article (comment sections and login boxes use the same words)
AUTHOR_CLASS = re.compile(
    r"author(?!i[sz])|byline|nickname|writer|media[-_]?user|user[-_]?(?:card[-_]?)?name|account[-_]?name",
    re.IGNORECASE,
)  # not "authorized"
# the same words for lxml's XPath 1.0 (lower-cased class and id), to pre-select candidates fast
AUTHOR_XPATH = (
    "//*[@class or @id][contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    "'abcdefghijklmnopqrstuvwxyz'), 'author') or contains(@class, 'byline') or contains(@class, 'nickname') "
    "or contains(@class, 'writer') or contains(@class, 'user') or contains(@class, 'account')]"
)
AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "byline",
    "og:article:author",
    "contentauthor",
    "itemprop:author",  # <span itemprop="author">, read into the metas
    "sailthru.author",
    "parsely-author",
    "citation_author",
    "author_name",
)
COLUMN_META = (
    "columnname",
    "article:section",
    "og:section",
    "column",
    "channel",
    "section",
    "category",
    "catalogs",
)
BOILER_START = re.compile(
    r"^[\[【（(]?\s*(?:责任编辑|责编|编辑|分享到|分享|打印|关闭|收藏|上一篇|下一篇|上一页|下一页|返回|"
    r"相关阅读|相关新闻|相关文章|相关报道|推荐阅读|延伸阅读|热门推荐|猜你喜欢|大家都在看|热点推荐|更多精彩|"
    r"版权所有|版权声明|免责声明|声明：|Copyright|©|本文来源|扫一扫|扫描二维码|点击进入|关注我们|"
    r"网友评论|发表评论|我要评论|评论\s*\d|举报|纠错|标签[:：]|关键词[:：]|打印本页|关闭窗口|【纠错】|"
    r"跟贴|跟帖|参与\s*\d|马上发表|有态度|浏览\s*[:：]?\s*\d|阅读\s*[:：(（]?\s*\d|点击\s*[:：]?\s*\d)",
    re.IGNORECASE,
)
CUT_AFTER = re.compile(
    r"^[\[【（(]?\s*(?:[\u4e00-\u9fff]{0,8}(?:版权与免责声明|版权声明|免责声明)|"
    r"相关阅读|相关新闻|相关文章|相关报道|推荐阅读|延伸阅读|热门推荐|猜你喜欢|大家都在看|"
    r"网友评论|发表评论|我要评论|版权所有|版权声明|免责声明|上一篇|下一篇|反侵权公告|侵权声明|原创版权|"
    r"转载申请|转载请注明|未经授权|凡本网注明|本网站所刊载|文档附件|附件下载|特别声明|Notice: The content|"
    r"相关内容|相关推荐|精彩推荐|APP精彩推荐|为你推荐|热门文章|热点新闻|今日推荐|往期回顾)"
)
BYLINE_ONLY = re.compile(
    r"^[\u4e00-\u9fff]{0,10}(?:记者|通讯员|实习生|作者|文|图)\s*[:：/]?\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,5}$"
)
LABEL = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|所在位置|位置|来源|作者|记者|发布时间|时间|日期|浏览|阅读|点击|字号|字体|编辑|稿源)\s*[:：]"
)
GENERIC_TITLE = re.compile(
    r"^(?:.|显示|首页|正文|无标题|新闻|详情|文章|内容|浏览|查看|untitled|index|home|document)$", re.IGNORECASE
)
DATEISH_STRIP = re.compile(r"[\d\s:：\-/.年月日时分秒TZ+()（）@]|AM|PM|am|pm|上午|下午")
DOC_DATE = re.compile(r"^\s*成文日期\s*[:：]")
CREDIT = re.compile(r"^(?:作者|责任编辑|责编|来源|稿源|编辑|发布时间|发布日期|更新时间)\s*[:：]")
EDITOR_HINT = re.compile(r"编|发文机关|发布机关|发文单位")
# a quoted date assigned in a script; the key before it says whether it is the publish time
SCRIPT_VALUE = re.compile(r"[:=]\s*[\"']((?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}[^\"']{0,20})[\"']")
# script keys that name the publish time (one list for quoted dates and for Unix times)
_PUBLISH_KEYS = (
    r"pubtime|pub_time|publishtime|publish_time|publishdate|publish_date|pubdate|pub_date|ptime|"
    r"datepublished|releasetime|release_time"
)
SCRIPT_KEY = re.compile(
    rf"(?:{_PUBLISH_KEYS}|create_time|createtime|newstime|article_time)[\"']?\s*$",
    re.IGNORECASE,
)
# a Unix time a script gives the publish time in: WeChat's ``var ct = "1581517074"`` (its visible
# stamp may say only 昨天), ``"publish_time": 1581517074``; seconds or milliseconds
# (the number is found first and its key read just before it: a scan for the keys is much slower)
SCRIPT_EPOCH = re.compile(r"1\d{9}(\d{3})?(?![\d.])")  # no look-behind: it would defeat the fast scan
SCRIPT_EPOCH_KEY = re.compile(
    rf"(?:\bvar\s+ct|\b(?:{_PUBLISH_KEYS}))[\"']?\s*[:=]\s*[\"']?$",
    re.IGNORECASE,
)
LABELLED_DATE = re.compile(
    r"(?<!更新)(?<!修改)(?:发布|发表|出版|上传|刊发|录入)?(?:时间|日期)\s*[:：]\s*[\[【(（]?\s*"
    r"(?:(?:19|20)\d{2}|\d{1,2}/\d{1,2}/(?:19|20)\d{2})"
)
URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})/|/t((?:19|20)\d{2})(\d{2})(\d{2})_|"
    r"[/_-]((?:19|20)\d{2})[-_]?(\d{2})[-_]?(\d{2})[/_.-]"
)
URL_YYMMDD = re.compile(r"/(0\d|1\d)(0[1-9]|1[0-2])([0-2]\d|3[01])/")
PAGE_URL = re.compile(
    r"""<text id=["'](https?://[^"']+)|<link[^>]+rel=["']canonical["'][^>]+href=["'](https?://[^"']+)|"""
    r"""<meta[^>]+property=["']og:url["'][^>]+content=["'](https?://[^"']+)|<base[^>]+href=["'](https?://[^"']+)""",
    re.IGNORECASE,
)
CRUMB_TEXT = re.compile(r"^(?:当前位置|您的位置|您所在的位置|您现在的位置|所在位置|位置)\s*[:：]?\s*(.+)$")
CRUMB_SPLIT = re.compile(r"\s*(?:[>＞»›/|｜→]|&gt;|\s)\s*")
CRUMB_SKIP = re.compile(
    r"^(?:首页|主页|网站首页|正文|内容|详情|当前位置|您的位置|home|index)$", re.IGNORECASE
)
CRUMB_WORD = re.compile(r"^[^()（）]*[\u4e00-\u9fffA-Za-z]{2}[^()（）]*$")
BRACKET_COLUMN = re.compile(r"^[【\[]([^】\]]{2,10})[】\]]")
