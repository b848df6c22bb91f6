"""Decoding: declared charsets are checked against the bytes; GB, Big5 and UTF-8 never garble."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from redian.pages import decode

TEXT = "中央经济工作会议在北京举行，会议确定了2025年要抓好的九项重点任务。"
TRADITIONAL = "中央經濟工作會議在北京舉行，會議確定了2025年要抓好的九項重點任務。"


def _page(charset: str | None, body: str) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
    return f"<html><head>{meta}<title>{body[:6]}</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    "declared,codec,text,expected",
    [
        ("gb2312", "gbk", TEXT, "gb18030"),
        ("gbk", "gb18030", TEXT + "𠮷", "gb18030"),  # GB18030-only character in a page declared GBK
        ("utf-8", "gbk", TEXT, "gb18030"),  # GBK bytes mislabelled as UTF-8
        (None, "gbk", TEXT, "gb18030"),
        ("gb2312", "utf-8", TEXT, "utf-8"),  # UTF-8 bytes mislabelled as GB2312
        ("big5", "big5", TRADITIONAL, "big5hkscs"),
        (None, "big5", TRADITIONAL, "big5hkscs"),
        ("gb2312", "big5", TRADITIONAL, "big5hkscs"),  # Big5 bytes declared as GB
    ],
)
def test_declared_charset_checked_against_bytes(declared, codec, text, expected) -> None:
    raw = _page(declared, text).encode(codec)
    decoded = decode(raw)
    assert decoded.encoding == expected
    assert text in decoded.text
    assert "\ufffd" not in decoded.text


def test_utf8_bom() -> None:
    decoded = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == TEXT


def test_committed_gbk_page(samples: Path) -> None:
    raw = (samples / "pages" / "cwced" / "0d931936.html").read_bytes()
    decoded = decode(raw)
    assert decoded.declared == "gb2312"
    assert decoded.encoding == "gb18030"
    assert "孙启勤" in decoded.text
    assert decoded.errors == 0
