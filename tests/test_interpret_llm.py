"""LLM backend: the real httpx client against a loopback server speaking the chat-completions API."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from redian.config import Settings
from redian.interpret import interpret_event
from redian.interpret.llm import build_messages, llm_summary, parse_answer
from redian.interpret.summary import Passage

PASSAGES = [
    Passage(
        "45岁医生被撞身亡，肇事者开车时在看手机。警方已控制肇事司机。", "https://example.cn/a1", "article"
    ),
    Passage("浙江一胸外科主任因车祸逝世，年仅45岁。", "desc", "desc"),
]


class _Handler(BaseHTTPRequestHandler):
    answers: ClassVar[list[str]] = []
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
        answer = type(self).answers.pop(0) if type(self).answers else "no answer"
        if answer == "HTTP500":
            self.send_response(500)
            self.end_headers()
            return
        payload = {"choices": [{"index": 0, "message": {"role": "assistant", "content": answer}}]}
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture()
def server() -> Iterator[str]:
    _Handler.answers.clear()
    _Handler.requests.clear()
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _settings(base: str | None, tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "r.db", llm_base_url=base, llm_model="qwen2.5", llm_api_key="k-1")


def test_cited_answer_is_used(server: str, tmp_path: Path) -> None:
    _Handler.answers.append("一名45岁医生被开车看手机的司机撞倒身亡[1]。他是浙江一家医院的胸外科主任[2]。")
    with httpx.Client() as client:
        got = llm_summary(PASSAGES, _settings(server, tmp_path), client)
    assert got is not None
    assert [s.source for s in got] == ["https://example.cn/a1", "desc"]
    assert got[0].text == "一名45岁医生被开车看手机的司机撞倒身亡。"
    sent = _Handler.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["model"] == "qwen2.5"
    assert sent["auth"] == "Bearer k-1"
    assert "[1] 45岁医生被撞身亡" in sent["messages"][1]["content"]


def test_uncited_or_failing_answers_fall_back(server: str, tmp_path: Path) -> None:
    settings = _settings(server, tmp_path)
    _Handler.answers.extend(["医生被撞身亡。", "医生被撞身亡[7]。", "HTTP500"])
    with httpx.Client() as client:
        assert llm_summary(PASSAGES, settings, client) is None  # no citation
        assert llm_summary(PASSAGES, settings, client) is None  # cites a passage that does not exist
        assert llm_summary(PASSAGES, settings, client) is None  # server error
    assert len(_Handler.requests) == 3


def test_event_falls_back_to_extractive_when_unset_or_unreachable(tmp_path: Path) -> None:
    heads = ["45岁医生被撞身亡肇事者开车看手机"]
    descs = ["浙江一胸外科主任因车祸逝世，肇事司机驾车时在看手机。"]
    unset = interpret_event(heads, descs, [], None, settings=_settings(None, tmp_path))
    dead = interpret_event(heads, descs, [], None, settings=_settings("http://127.0.0.1:9/v1", tmp_path))
    assert unset.summary == dead.summary
    assert unset.summary[0].source == "desc" and "胸外科主任" in unset.summary[0].text


def test_event_uses_cited_llm_summary(server: str, tmp_path: Path) -> None:
    _Handler.answers.append("浙江一名45岁胸外科主任遭遇车祸身亡，肇事司机开车看手机[1][2]。")
    heads = ["45岁医生被撞身亡肇事者开车看手机"]
    descs = ["浙江一胸外科主任因车祸逝世，肇事司机驾车时在看手机。"]
    with httpx.Client() as client:
        it = interpret_event(heads, descs, [], None, settings=_settings(server, tmp_path), http=client)
    assert len(it.summary) == 1 and it.summary[0].source == "desc"


def test_prompt_and_parser_units() -> None:
    messages = build_messages(PASSAGES)
    assert messages[0]["role"] == "system" and "方括号" in messages[0]["content"]
    parsed = parse_answer("第一句[2]。第二句[1][2]。", PASSAGES)
    assert [s.source for s in parsed] == ["desc", "https://example.cn/a1"]
