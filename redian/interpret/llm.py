"""Optional abstractive 热解读 through an OpenAI-compatible chat API (Ollama, vLLM, Qwen, DeepSeek).

The model sees the event's passages numbered ``[1]…[n]`` and must end every sentence with the
numbers it used.  An answer is accepted only if every sentence cites a passage that exists; the
caller falls back to the extractive summary when the backend is unset, unreachable, slow or
answers without valid citations, so a reader never gets an unsourced claim.

The HTTP client is injected (tests pass one bound to a loopback server); settings come from
:class:`redian.config.Settings` (``llm_base_url``, ``llm_model``, ``llm_api_key``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import httpx

from redian.config import Settings
from redian.interpret.facts import sentences
from redian.interpret.summary import Passage
from redian.types import SummarySentence

__all__ = ["LlmError", "build_messages", "llm_summary", "parse_answer"]

_MAX_PASSAGE_CHARS = 600
_MAX_PASSAGES = 12
_CITE = re.compile(r"\[(\d{1,2})\]")

_SYSTEM = (
    "你是新闻编辑，为热点事件写“热解读”。只使用给出的材料，不要编造。"
    "用中文写一到三句话，说明发生了什么、涉及谁、关键数字和时间。"
    "每句话结尾必须用方括号标出所依据材料的编号，例如[1]或[1][3]。"
)


class LlmError(Exception):
    """The backend answered, but not with a usable, fully cited summary."""


def build_messages(passages: Sequence[Passage]) -> list[dict[str, str]]:
    """Chat messages: the rules, then the numbered passages."""
    lines = [f"[{i}] {p.text[:_MAX_PASSAGE_CHARS]}" for i, p in enumerate(passages[:_MAX_PASSAGES], start=1)]
    return [
        {"role": "system", "content": _SYSTEM},
        {"role": "user", "content": "材料：\n" + "\n".join(lines) + "\n\n请写热解读。"},
    ]


def parse_answer(answer: str, passages: Sequence[Passage]) -> tuple[SummarySentence, ...]:
    """Sentences of the model's answer, each sourced by its first citation; raise if one has none."""
    usable = passages[:_MAX_PASSAGES]
    out = []
    for sentence in sentences(answer):
        cited = [int(n) for n in _CITE.findall(sentence)]
        valid = [n for n in cited if 1 <= n <= len(usable)]
        if not valid:
            raise LlmError(f"sentence without a valid citation: {sentence[:60]}")
        text = _CITE.sub("", sentence).strip()
        if text:
            out.append(SummarySentence(text=text, source=usable[valid[0] - 1].source))
    if not out:
        raise LlmError("empty answer")
    return tuple(out[:3])


def llm_summary(
    passages: Sequence[Passage],
    settings: Settings,
    client: httpx.Client | None = None,
    timeout: float = 30.0,
) -> tuple[SummarySentence, ...] | None:
    """The LLM's cited summary, or None (unset, failed, or uncited: the caller falls back)."""
    if not settings.llm_base_url or not settings.llm_model or not passages:
        return None
    headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
    body = {"model": settings.llm_model, "messages": build_messages(passages), "temperature": 0.2}
    url = settings.llm_base_url.rstrip("/") + "/chat/completions"
    own = client is None
    http = client or httpx.Client(timeout=timeout)
    try:
        response = http.post(url, json=body, headers=headers, timeout=timeout)
        response.raise_for_status()
        answer = response.json()["choices"][0]["message"]["content"]
        return parse_answer(str(answer), passages)
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError, LlmError):
        return None
    finally:
        if own:
            http.close()
