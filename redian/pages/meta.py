"""Bylines, publish times, titles and columns in Chinese text: the rules both extractors share.

Chinese news marks these fields in a few stable ways — ``作者：``, ``记者 王建宏 张文攀``,
``（信报记者 蔡雪婧）`` at the end, ``责任编辑：慕翠``, ``2024年12月11日 08:32`` — and the hard
part is to *not* take what merely looks alike: a version number (``2.3.1``), a date inside the
story (``12月11日至12日``), a media outlet after ``来源`` or a word that is not a name.  Names are
therefore checked against common surnames and dates against a plausible window (the date rules
live in :mod:`redian.pages.dates` and are re-exported here).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable

from redian.pages.dates import DatePick, find_dates, parse_date
from redian.text.normalize import to_simplified

__all__ = [
    "DatePick",
    "Fold",
    "author_from_lines",
    "clean_title",
    "find_dates",
    "is_handle",
    "is_pen_name",
    "is_person_name",
    "parse_date",
    "script_fold",
    "title_parts",
]

# The ~300 most frequent Chinese surnames (single and double) cover nearly every byline.
_SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒"
    "阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓"
    "古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣"
    "巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘"
    "满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都"
    "普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼"
    "居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
_SURNAMES_2 = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "轩辕",
    "令狐",
    "端木",
    "西门",
    "南宫",
    "独孤",
    "百里",
    "呼延",
    "万俟",
}
#: words that follow a surname-like first character but are not names
_NOT_NAMES = {
    "本报",
    "记者",
    "编辑",
    "来源",
    "作者",
    "通讯员",
    "实习生",
    "新华社",
    "新华网",
    "中新网",
    "人民网",
    "日报",
    "晚报",
    "报道",
    "摄影",
    "图片",
    "责任",
    "综合",
    "整理",
    "原创",
    "发布",
    "时间",
    "网友",
    "管理员",
    "商讯",
    "资讯",
    "快讯",
    "关注",
    "播报",
    "头条",
    "要闻",
    "动态",
    "专题",
    "游客",
    "匿名用户",
    "关闭",
    "打印",
    "返回",
    "顶部",
    "收藏",
    "分享",
    "评论",
    "推荐",
    "更多",
    "登录",
    "注册",
    "首页",
    "回复",
    "引用",
    "举报",
    "纠错",
    "字号",
    "刷新",
    "全文",
    "正文",
    "查看",
    "点击",
    "转载文章",
    "互联网",
    "新华",
    "央视",
    "原文",
    "昨天",
    "今天",
    "前天",
    "明天",
    "刚刚",
    "小时前",
    "分钟前",
    "阅读",
    "点赞",
    "在看",
    "admin",
    "匿名",
    "佚名",
    "未知",
    "不详",
    "转载",
    "网络",
    "本站",
    "小编",
    "简介",
}
_ORG_SUFFIX = re.compile(
    r"(?:报|网|社|台|刊|站|部|局|委|院|会|厅|办|中心|公司|集团|新闻|日报|晚报|频道|杂志|政府|大学|学院|平台|客户端|号)$"
)
_PEN = re.compile(r"[\u4e00-\u9fff]{2,3}")
_NOT_PEN = re.compile(
    r"专栏|栏目|首页|频道|评论|文章|新闻|博客|论坛|登录|注册|关闭|打印|分享|更多|返回|阅读|推荐|相关|图片|视频|"
    r"正文|全文|作者|简介|目录|排行|热点|导航|留言|搜索|下载|订阅|联系|关于|广告|服务|帮助|收藏|点赞|转发|"
    r"天前|小时|分钟|刚刚|昨天|今天|前天|明天|原创|置顶|热门|最新|精选|查看|展开|全部|举报|投诉|"
    r"用户|昵称|密码|账号|退出|独家|快讯|突发|重磅|深度|观察|视点|社论|聚焦|直击|专访|特写|解读|焦点|头条"
)
_NAME_CHARS = r"[\u4e00-\u9fff·•]"
# a name token ends where the Chinese run ends ("作者：医技药剂党支部" names nobody)
_ROLE_WORDS = r"本报|本刊|特约|记者|通讯员|实习生|编辑|责编|主编|校对|审核|审校|监制|摄影|来源|报道"
_TOKEN = rf"(?!{_ROLE_WORDS}){_NAME_CHARS}{{2,6}}?(?:报道|摄影?|讯|编译|整理)?(?![\u4e00-\u9fff])"
_NAMES = rf"((?:{_TOKEN})(?:[ 　、,，/／&＆]+{_TOKEN}){{0,5}})"
_BYLINE_PATTERNS: tuple[tuple[int, bool, re.Pattern[str]], ...] = (
    # (rank, names must start with a common surname, pattern)
    (
        0,
        False,
        re.compile(
            rf"(?:作者|撰稿|撰文|执笔人?|采写|原创|(?<![\u4e00-\u9fff])文字?)\s*[:：/／|｜丨]\s*{_NAMES}"
            r"(?!\s*(?:见习|实习|特约)?(?:记者|通讯员|实习生))"
        ),
    ),
    # "作者 魏星", "|作者魏星", "《棱镜》作者 周纯", "专栏作者 王文", "特约撰稿人 王文": no colon, so
    # the name must look like one
    (0, True, re.compile(rf"(?:(?:作者|撰稿人)\s+|(?<![\u4e00-\u9fff])作者){_NAMES}")),
    # "文·图/张三", "文/图 张三", "图文：张三": who wrote the text and took the pictures
    (
        0,
        True,
        re.compile(
            rf"(?<![\u4e00-\u9fff])(?:文\s*[·•/／、|｜]\s*图|图\s*[·•/／、]?\s*文)\s*[:：/／|｜丨]?\s*{_NAMES}"
        ),
    ),
    # "张三/文", "张三 文/图": the name first, alone on its line
    (0, True, re.compile(rf"^\s*{_NAMES}\s*(?:[/／]\s*|\s)文(?:\s*[·/／、]\s*图)?\s*$")),
    (
        1,
        True,
        re.compile(rf"(?:特约|实习|本报|本刊|本台|本网)?(?:记者|实习生|通讯员)\s*[:：/／|｜丨]?\s*{_NAMES}"),
    ),
    # "石佳/中国青年报": the writer, then the outlet, alone on a line
    (1, True, re.compile(rf"^{_NAMES}\s*[/／]\s*[\u4e00-\u9fff]{{2,12}}(?:报|网|社|台|刊|新闻)$")),
    # "由海姑娘张贴 @ 2005-06-14": the verb follows the name without a break; blog software's "张贴"
    # follows a handle, "发布" may follow an office (由该部门发布), so that one wants a surname
    (2, False, re.compile(r"由\s*([\u4e00-\u9fff·]{2,6}?)\s*张贴")),
    (2, True, re.compile(r"由\s*([\u4e00-\u9fff·]{2,6}?)\s*(?:发表|发布|撰写)")),
    (3, False, re.compile(rf"(?:责任编辑|责编|编辑|主编)\s*(?:[:：]|[/／|｜丨](?=\S))\s*{_NAMES}")),
    (4, True, re.compile(rf"(?:来源|稿源)\s*[:：]\s*{_NAMES}")),
)
# who issued a government document, or whose blog a post is on: named as organisations or handles
_ISSUER = re.compile(r"(?:发文机关|发布机关|发文单位)\s*[:：]\s*([\u4e00-\u9fff]{4,20})")
_BLOG_OWNER = re.compile(r"[\[【]([^\]】\s]{2,10})[\]】]\s*(?:的博客|的专栏|个人类别|存档目录|的文集|的主页)")
# "（信报记者 蔡雪婧）", "（姚峰 上海报道）", "（常书香 马丹阳 ）" closing an article
_PAREN_BYLINE = re.compile(
    rf"[（(]\s*(?:[\u4e00-\u9fff]{{0,8}}?(?:记者|通讯员)\s*)?{_NAMES}\s*(?:[\u4e00-\u9fff]{{0,6}}报道)?\s*[)）]\s*$"
)
# "[ 黄宇 ]  来源：…" after a time stamp, not "回复【公租房】查看" inside a sentence
_BRACKET_BYLINE = re.compile(rf"(?:^|(?<=[\d\s]))[\[【]\s*{_NAMES}\s*[\]】](?![\u4e00-\u9fff])")
# "责编：Demi Xia", "（责任编辑： HN666）", "作者：kingname": a Latin name or staff handle after a label
_LATIN_CREDIT = re.compile(
    r"(?:(作者|撰文|撰稿|(?<![\u4e00-\u9fff])文)|责任编辑|责编|编辑)\s*[:：/／|｜丨]\s*"
    r"([A-Za-z][A-Za-z0-9_.-]{1,19}(?: [A-Z][A-Za-z.-]{1,19}){0,2})"
    r"(?=\s*(?:$|[)）\]】,，;；|｜丨\u4e00-\u9fff\d]|\s\s))"
)
# placeholders and agencies, not writers (AP, AFP, admin)
_NOT_LATIN = re.compile(
    r"[A-Z]{2,6}|(?i:admin\w*|editor|system|root|guest|webmaster|anonymous|unknown|null|none|by|author|"
    r"user\w*|test|[A-Za-z]+\.(?:com|net|cn|org))"
)
# "ggjjzhzz 发表于 2005-9-15 11:46:00": forum and blog software print the poster, then the time
_POSTED_BY = re.compile(
    r"^\s*([\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9_.-]{1,15})\s+(?:发表于|发布于|发表时间)\s*[:：]?\s*"
    r"(?:19|20)\d{2}"
)
# "本站讯（…）", "新华社北京9月7日电（…）": a dateline, then the credit in brackets
_LEAD_PAREN = re.compile(r"^\s*[\u4e00-\u9fff\d]{0,16}\s*[（(]([^()（）]{4,40})[)）]")
_SPACED_NAME = re.compile(r"(?<=[:：\s])[\u4e00-\u9fff]( )[\u4e00-\u9fff](?=[:：，,（(\s]|$)")
_ROLE_GLUE = re.compile(r"(?<=[\u4e00-\u9fff])(?=(?:本报|本刊|特约)?(?:记者|实习生|通讯员))")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ROLE_INSIDE = re.compile(
    r"记者|编辑|通讯员|实习生|本报|本刊|本站|本网|社|报|网|台|部|中心|未知|不详|佚名|匿名|管理|系统|网友|用户|游客|小编|站长|客服|"
    r"[省市县区镇乡村局厅院校司行所处科组队团会办委馆]"
)
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_NAME_SUFFIX = re.compile(r"(?:报道|摄影?|整理|编译|综合|发自.*)$")
_NAME_SPLIT = re.compile(r"[ 　、,，/／&＆]+")
_AMP_HANDLE = re.compile(r"([\u4e00-\u9fff]{1,4})[&＆]([\u4e00-\u9fff]{1,4})")
# "张蕊 摄", "（刘通摄）", "图片来源：…": who took a picture, not who wrote the article
_PHOTO_AFTER = re.compile(r"\s*摄(?!影?报道)")
_PHOTO_BEFORE = re.compile(r"(?:图片来源|图片|摄影|摄像)\s*[:：/／]?\s*[\u4e00-\u9fff]{0,8}$")


def is_pen_name(text: str) -> bool:
    """A byline that is not a registered-looking name (茉莉, 叨叨姐): 2–3 characters, not a UI word."""
    return bool(
        _PEN.fullmatch(text)
        and to_simplified(text) not in _NOT_NAMES
        and not _ORG_SUFFIX.search(to_simplified(text))
        and not _NOT_PEN.search(to_simplified(text))
    )


def is_handle(text: str) -> bool:
    """A byline an account or blogger signs with (``加拿大必读``, ``IT之家``, ``GameForce``): short,
    no label, digits-free, not a UI word.  Only trusted where the page marks the element as its author."""
    text = text.strip()
    simple = to_simplified(text)
    return bool(
        2 <= len(text) <= 16
        and re.fullmatch(r"[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9 ·._-]*", text)
        and not re.search(r"\d{3}", text)
        and simple not in _NOT_NAMES
        and not _NOT_PEN.search(simple)
        and not re.fullmatch(r"(?i)(?:by|author|name|nickname|writer|editor|admin|guest|anonymous)", text)
    )


def _org_like(text: str) -> bool:
    """An outlet, office or place (新华网, 北京市朝阳区), not someone who signs a post."""
    simple = to_simplified(text)
    return bool(
        _ORG_SUFFIX.search(simple)
        or (len(simple) >= 3 and simple[-1] in "省市县区州镇乡村")
        or (len(simple) > 4 and _ROLE_INSIDE.search(simple))
    )


def is_person_name(text: str) -> bool:
    """A Chinese personal name: 2–4 characters starting with a common surname (or ``·`` names)."""
    text = text.strip()
    if not 2 <= len(text) <= 4 or text in _NOT_NAMES:
        return False
    # 刘会, 王会 are names; 商会, 工会 are not, but no byline credits an association that short
    if _ORG_SUFFIX.search(text) and not (len(text) == 2 and text.endswith("会")):
        return False
    if len(text) >= 3 and text[-1] in "省市县区州":
        return False
    if not re.fullmatch(r"[\u4e00-\u9fff]+", text):
        return "·" in text and 3 <= len(text) <= 12
    simple = to_simplified(text)  # 張文攀 → 张文攀: Big5 pages credit the same names
    if simple[:2] in _SURNAMES_2:
        return True
    return simple[0] in _SURNAMES_1 and len(text) <= 3 and simple not in _NOT_NAMES


def _photo_credit(key: str, start: int, end: int) -> bool:
    """Names at ``key[start:end]`` credit a photograph (``通讯员刘娟 摄``, ``图片来源：每经记者 张蕊``)."""
    names = key[start:end].rstrip()
    return (
        names.endswith(("摄", "摄影"))
        or bool(_PHOTO_AFTER.match(key, end))
        or bool(_PHOTO_BEFORE.search(key, 0, start))
    )


def _handle_amp(raw: str, strict: bool) -> str | None:
    """``放飞&心情``: one forum handle, where ``胡一刀&李小飞刀`` credits two people.

    An ``&`` glued between two short runs, neither of which is a personal name, is part of the name.
    """
    match = _AMP_HANDLE.fullmatch(raw.strip())
    if strict or not match or is_person_name(match.group(1)) or is_person_name(match.group(2)):
        return None
    if any(_NOT_PEN.search(to_simplified(g)) or to_simplified(g) in _NOT_NAMES for g in match.groups()):
        return None
    return raw.strip()


def _names(raw: str, strict: bool) -> str | None:
    handle = _handle_amp(raw, strict)
    if handle:
        return handle
    names = []
    for part in _NAME_SPLIT.split(raw.strip()):
        suffix = _NAME_SUFFIX.search(to_simplified(part))
        part = part[: len(part) - len(suffix.group(0))] if suffix else part
        if not part:
            continue
        if is_person_name(part) or (
            not strict
            and 2 <= len(part) <= 6
            and _CJK_RUN.fullmatch(part)
            and to_simplified(part) not in _NOT_NAMES
            and not _ORG_SUFFIX.search(to_simplified(part))
            and not _NOT_PEN.search(to_simplified(part))
            # a pen name (棒棒不是糖) may run to six characters; a longer run or one with a role or
            # outlet word in it (新华社记者, 本站编辑部) is no name
            and (len(part) <= 4 or not _ROLE_INSIDE.search(to_simplified(part)))
            and not (len(part) >= 3 and part[-1] in "省市县区州镇乡村")  # 朝阳区 is a place
        ):
            names.append(part)
        else:
            break
    return " ".join(names) if names else None


Fold = Callable[[str], str]


def _same(text: str) -> str:
    return text


def script_fold(text: str) -> Fold:
    """A length-keeping traditional → simplified mapping for ``text``, or identity if simplified.

    Keyword rules (``責任編輯``, ``發布時間``) are written in simplified characters; a Big5 page is
    matched through this fold while its own characters are what we return.
    """
    sample = "".join(_CJK_RUN.findall(text[:200_000]))[:20_000]
    if not sample:
        return _same
    simple = to_simplified(sample)
    if len(simple) != len(sample) or sum(map(operator.ne, sample, simple)) < len(sample) * 0.03:
        return _same
    table: dict[int, str] = {}
    for ch in set(_CJK_CHAR.findall(text)):
        converted = to_simplified(ch)
        if converted != ch and len(converted) == 1:
            table[ord(ch)] = converted
    return lambda value: value.translate(table)


def _glued(line: str, key: str) -> tuple[str, str]:
    """Insert the same separating spaces into ``line`` and its folded ``key``."""
    cuts = [m.start() for m in _ROLE_GLUE.finditer(key)]
    out_line, out_key, last = [], [], 0
    for cut in cuts:
        out_line += [line[last:cut], " "]
        out_key += [key[last:cut], " "]
        last = cut
    out_line.append(line[last:])
    out_key.append(key[last:])
    line, key = "".join(out_line), "".join(out_key)
    # "赵 培" (a two-character name spaced out) → "赵培"
    gaps = [m.start(1) for m in _SPACED_NAME.finditer(key)]
    for gap in reversed(gaps):
        line, key = line[:gap] + line[gap + 1 :], key[:gap] + key[gap + 1 :]
    return line, key


def author_from_lines(lines: list[str], fold: Fold = _same) -> tuple[str | None, int]:
    """Best byline among ``lines`` and its rank (0 author … 4 source); ``(None, 99)`` when none.

    Authors beat reporters beat editors beat sources, because readers (and gold sets) credit the
    writer, and an editor only when nobody else is named.  Several reporter credits on one line
    (``本报实习生 刘国栋 周炜本报记者 王燕平``) are joined.  Rules match ``fold(line)``; names are
    cut from the line itself, so a traditional-script page keeps its own characters.
    """
    best: tuple[str | None, int] = (None, 99)
    editor_at = -2  # the line the last editor credit was on: "编辑|禤志杰" over "责编|陈梦莹" are joined
    for at, raw in enumerate(lines):
        if len(raw) > 160:
            # "本站讯（职工通讯员 李琴雯 刘会）为深入推进…": the reporters credited where the lead opens
            lead = _LEAD_PAREN.match(fold(raw[:60]))
            if lead and best[1] > 1:
                inside = raw[lead.start(1) : lead.end(1)]
                name, rank = author_from_lines([inside], fold)
                if name is not None and rank <= 1:
                    best = (name, rank)
            key = fold(raw[-40:])
            tail = _PAREN_BYLINE.search(key)
            if tail and best[1] > 2 and not _photo_credit(key, tail.start(1), tail.end(1)):
                names = _names(raw[-40:][tail.start(1) : tail.end(1)], strict=True)
                if names:
                    best = (names, 2)
            continue
        line, key = _glued(raw, fold(raw))
        for rank, strict, pattern in _BYLINE_PATTERNS:
            if rank > best[1] or (rank == best[1] and rank != 1 and not (rank == 3 and editor_at == at - 1)):
                break
            found = [
                n
                for m in pattern.finditer(key)
                if not _photo_credit(key, m.start(), m.end(1))
                and (n := _names(line[m.start(1) : m.end(1)], strict=strict))
            ]
            if found:
                if rank == best[1] and best[0]:
                    found.insert(0, best[0])  # reporters credited on several lines
                merged = " ".join(dict.fromkeys(" ".join(found).split()))
                best = (merged, rank)
                editor_at = at if rank == 3 else editor_at
                break
        if best[1] > 0 and len(key) < 80 and (latin := _LATIN_CREDIT.search(key)):
            rank = 0 if latin.group(1) else 3
            name = line[latin.start(2) : latin.end(2)]
            if rank < best[1] and not _NOT_LATIN.fullmatch(name):
                best = (name, rank)
        if best[1] > 2 and (posted := _POSTED_BY.match(key)):
            name = line[posted.start(1) : posted.end(1)]
            short = len(name) <= (16 if name.isascii() else 8)  # a longer run is a headline's tail
            if short and is_handle(name) and not _NOT_LATIN.fullmatch(name) and not _org_like(name):
                best = (name, 2)
        if best[1] > 2 and len(key) < 60:
            other = _BLOG_OWNER.search(key)
            if other:
                best = (line[other.start(1) : other.end(1)], 2)
            elif best[1] > 3 and (other := _ISSUER.search(key)):
                best = (line[other.start(1) : other.end(1)], 3)
        if best[1] > 2:
            match = _PAREN_BYLINE.search(key) or (_BRACKET_BYLINE.search(key) if len(key) < 80 else None)
            if match and not _photo_credit(key, match.start(1), match.end(1)):
                names = _names(line[match.start(1) : match.end(1)], strict=True)
                if names:
                    best = (names, 2)
    return _fuller(best, lines, fold)


def _fuller(best: tuple[str | None, int], lines: list[str], fold: Fold) -> tuple[str | None, int]:
    """The same writers credited twice (``作者：余毅菁`` cut short by a link, ``采写：南都记者 余毅菁
    向雪妮``): the credit that names them all wins."""
    if best[0] is None or best[1] > 1:
        return best
    have = set(best[0].split())
    for raw in lines:
        if len(raw) > 160:
            continue
        line, key = _glued(raw, fold(raw))
        for rank, strict, pattern in _BYLINE_PATTERNS:
            if rank > 1:
                break
            for m in pattern.finditer(key):
                names = _names(line[m.start(1) : m.end(1)], strict=strict)
                if names and not _photo_credit(key, m.start(), m.end(1)) and have < set(names.split()):
                    best, have = (names, best[1]), set(names.split())
    return best


# --- titles ----------------------------------------------------------------------------------

_TITLE_SPLIT = re.compile(r"\s*(?:[|｜_—–]+|--+|-\s|\s-|：：)\s*")


_SITE_SUFFIX = re.compile(
    r"\s+[\w\u4e00-\u9fff·]{2,12}(?:网|报|新闻|频道|在线|日报|晚报|官网|客户端|门户|电视台|资讯)$"
)
_SITE_WORD = re.compile(r"(?:网|报|新闻|频道|在线|官网|客户端|门户|首页)$")


def title_parts(title: str) -> list[str]:
    """``<title>`` split at the separators sites put between headline, column and site name."""
    return [p for p in _TITLE_SPLIT.split(re.sub(r"\s+", " ", title).strip()) if p]


def clean_title(title: str, h1_texts: list[str] | None = None) -> str | None:
    """Page title without the site name: ``标题_新闻_新浪网`` → ``标题``.

    An ``<h1>`` that the ``<title>`` starts with wins (sites often print their own name in an
    ``<h1>``, so a heading that looks like a site name does not); otherwise the longest part of
    the title split at the usual separators, without a trailing ``松花江网``-like site name.
    """
    title = re.sub(r"\s+", " ", title).strip()
    for h1 in h1_texts or []:
        h1 = re.sub(r"\s+", " ", h1).strip()
        if len(h1) < 2 or (_SITE_WORD.search(h1) and len(h1) <= 8):
            continue
        rest = title[len(h1) :]
        if title.startswith(h1) and (not rest or _TITLE_SPLIT.match(rest) or len(h1) >= 4):
            return h1
        if len(h1) >= 4 and ((h1 in title and len(h1) >= len(title) / 2) or title in h1):
            return h1
    if not title:
        return None
    parts = [p for p in _TITLE_SPLIT.split(title) if p]
    # "标题_栏目_站名": the headline comes first unless that part is too short to be one
    best = parts[0] if len(parts[0]) >= 6 or len(parts) == 1 else max(parts, key=len)
    trimmed = _SITE_SUFFIX.sub("", best)
    return trimmed if len(trimmed) >= 4 else best
