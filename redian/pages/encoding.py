"""Decoding Chinese pages: the declared charset is a hint, the bytes decide.

Chinese sites often declare ``gb2312`` while sending GBK or GB18030 characters, declare
``utf-8`` while sending GBK, or declare nothing.  We therefore try a strict UTF-8 decode first
(GBK text practically never passes it), widen every GB declaration to GB18030 (a superset),
and when the bytes contradict the declaration choose between GB18030 and Big5 by how many
decoded characters are *common* in that script: garbage decoded as GB18030 lands on rare
characters, real text on the 3,755 level-1 GB2312 characters (likewise Big5's level 1).
charset-normalizer is the last resort for anything else.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-]+)""", re.IGNORECASE)

#: declared names → the codec we actually decode with (supersets, so nothing is lost)
_WIDEN = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "hz-gb-2312": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "utf8": "utf-8",
    "utf-8": "utf-8",
}
_SAMPLE = 60_000  # bytes looked at when two codecs compete; enough for any page's text


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text of a page and the codec that produced it (``declared`` as the page said it)."""

    text: str
    encoding: str
    declared: str | None
    errors: int  # undecodable byte sequences replaced by U+FFFD


def _declared(raw: bytes) -> str | None:
    head = raw[:4096]
    match = _META_CHARSET.search(head) or _XML_DECL.search(head)
    if not match:
        return None
    return match.group(1).decode("ascii", "ignore").lower()


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    if name in _WIDEN:
        return _WIDEN[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bad(raw: bytes, codec: str) -> int:
    """Number of undecodable sequences (U+FFFD) in a lenient decode of a sample."""
    return raw[:_SAMPLE].decode(codec, errors="replace").count("\ufffd")


def _common_share(text: str, codec: str) -> float:
    """Share of CJK characters that are level-1 (frequent) characters of ``codec``'s script."""
    cjk = 0
    common = 0
    for ch in text:
        if not "\u4e00" <= ch <= "\u9fff":
            continue
        cjk += 1
        try:
            code = ch.encode("gb2312" if codec == "gb18030" else "big5")
        except UnicodeEncodeError:
            continue
        if codec == "gb18030":
            common += 0xB0 <= code[0] <= 0xD7
        else:
            common += 0xA440 <= (code[0] << 8 | code[1]) <= 0xC67E
        if cjk >= 3000:
            break
    return common / cjk if cjk else 0.0


def _guess_cjk(raw: bytes) -> str:
    """GB18030 or Big5, whichever decodes the bytes into more frequent characters."""
    sample = raw[:_SAMPLE]
    scores = {}
    for codec in ("gb18030", "big5hkscs"):
        text = sample.decode(codec, errors="replace")
        errors = text.count("\ufffd")
        scores[codec] = _common_share(text, "gb18030" if codec == "gb18030" else "big5") - errors / 200
    return max(scores, key=lambda c: scores[c])


def decode(raw: bytes) -> Decoded:
    """Bytes of an HTML page or text dump → text, never raising and never mojibake on CJK pages."""
    declared = _declared(raw)
    if raw.startswith(codecs.BOM_UTF8):
        return Decoded(raw[3:].decode("utf-8", errors="replace"), "utf-8", declared, 0)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(raw.decode("utf-16", errors="replace"), "utf-16", declared, 0)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8", declared, 0)
    except UnicodeDecodeError as exc:
        # A page cut in the middle of a character is still UTF-8.
        if exc.start >= len(raw) - 3:
            return Decoded(raw.decode("utf-8", errors="replace"), "utf-8", declared, 1)
    wanted = _codec(declared)
    if wanted and wanted not in ("utf-8", "ascii"):
        errors = _bad(raw, wanted)
        if errors <= 2:
            if wanted == "gb18030" or wanted == "big5hkscs":
                # GB and Big5 pages are sometimes declared as each other.
                guess = _guess_cjk(raw)
                wanted = guess if _bad(raw, guess) <= errors else wanted
            text = raw.decode(wanted, errors="replace")
            return Decoded(text, wanted, declared, text.count("\ufffd"))
    if any(b >= 0x80 for b in raw[:_SAMPLE]):
        utf8_errors = _bad(raw, "utf-8")
        guess = _guess_cjk(raw)
        guess_errors = _bad(raw, guess)
        if utf8_errors <= guess_errors and utf8_errors < 20:
            text = raw.decode("utf-8", errors="replace")
            return Decoded(text, "utf-8", declared, text.count("\ufffd"))
        if guess_errors < 50:
            text = raw.decode(guess, errors="replace")
            return Decoded(text, guess, declared, text.count("\ufffd"))
        return _fallback(raw, declared)
    return Decoded(raw.decode("ascii", errors="replace"), "ascii", declared, 0)


def _fallback(raw: bytes, declared: str | None) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:_SAMPLE]).best()
    codec = _codec(best.encoding) if best is not None else None
    codec = codec or "gb18030"
    text = raw.decode(codec, errors="replace")
    return Decoded(text, codec, declared, text.count("\ufffd"))
