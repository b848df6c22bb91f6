"""End to end in a real browser: headless Debian Chromium, driven by Playwright, on `redian serve`'s app."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from redian.config import Settings
from redian.web import create_app

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed (.ci/run installs it)"),
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(
        create_app(Settings(db_path=demo_db)), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_board_then_event_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(server + "/")
            entries = page.locator("ol.board li.entry")
            assert entries.count() >= 20
            first_title = entries.nth(0).locator("a.title").inner_text()
            page.screenshot(path=str(tmp_path / "board.png"))

            # the form sends the moment back to the second: a daily list stamped 23:59:59 stays in
            page.click("form#board-form button[type=submit]")
            page.wait_for_url("**at=**")
            assert page.locator("ol.board li.entry").nth(0).locator("a.title").inner_text() == first_title
            # a day back and forth
            page.click("nav#steps a:has-text('前一天')")
            page.wait_for_url("**at=2024-12-12T23%3A59%3A59**")
            assert page.locator("ol.board li.entry").count() >= 20
            page.click("nav#steps a:has-text('后一天')")
            page.wait_for_url("**at=2024-12-13T23%3A59%3A59**")
            assert page.locator("ol.board li.entry").nth(0).locator("a.title").inner_text() == first_title

            # only Toutiao: every chip on the board says 头条
            page.check("input[name=source][value=toutiao]")
            page.click("form#board-form button[type=submit]")
            page.wait_for_url("**source=toutiao**")
            chips = page.locator("ol.board .chip.platform").all_inner_texts()
            assert chips and set(chips) == {"头条"}

            # one category: the 类别 menu, then every entry's category chip says 体育
            page.goto(server + "/")
            page.select_option("select#category", "sports")
            page.click("form#board-form button[type=submit]")
            page.wait_for_url("**category=sports**")
            assert page.locator("h1").inner_text().startswith("热榜 · 体育")
            kinds = page.locator("ol.board .chip.category").all_inner_texts()
            assert kinds and set(kinds) == {"体育"}

            page.goto(server + "/")
            page.click("ol.board li.entry:nth-child(1) a.title")
            page.wait_for_selector("#event-title")
            assert page.locator("#event-title").inner_text() == first_title
            assert page.locator("#headlines tr").count() >= 2  # header + at least one headline
            assert page.locator("svg.curve polyline").count() == 1
            page.screenshot(path=str(tmp_path / "event.png"), full_page=True)

            # search from the top bar: every story once, each with its matching headlines
            page.fill("header form.quick-search input[name=q]", "极越")
            page.press("header form.quick-search input[name=q]", "Enter")
            page.wait_for_selector("ol#hits li.entry")
            hits = page.locator("ol#hits li.entry")
            assert hits.count() >= 2
            assert all("极越" in m for m in page.locator("ol#hits ul.matched li:not(.dim)").all_inner_texts())

            # the 预警 page from the top bar: no watch in the sample store, so it says how to add one
            page.click("header nav a[href='/alerts']")
            page.wait_for_url("**/alerts")
            assert "redian watch add" in page.locator("main").inner_text()
        finally:
            browser.close()
