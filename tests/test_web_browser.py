"""End to end in a real browser: headless Debian Chromium, driven by Playwright, on `redian serve`'s app."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(demo_db: Path) -> Iterator[str]:
    with serving(Settings(db_path=demo_db)) as url:
        yield url


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
            assert page.locator("#edit").count() == 0  # (no edit token: no corrections here)
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


def test_an_editor_splits_and_merges_back_in_chromium(demo_db: Path, tmp_path: Path) -> None:
    """On a server started with an edit token, an event page lets an editor tick a headline and
    split it into its own event, then merge it back from there; a wrong token changes nothing."""
    from playwright.sync_api import sync_playwright

    copy = tmp_path / "edit.db"  # (the shared demo store stays as it is)
    shutil.copy(demo_db, copy)
    with (
        serving(Settings(db_path=copy, edit_token="s3cret")) as url,
        sync_playwright() as p,
    ):
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            hot = json.loads(page.request.get(url + "/api/hot?top=30&at=2024-12-13T23:59:59").text())
            story = next(
                e["event"]
                for e in hot["events"]
                if len(json.loads(page.request.get(f"{url}/api/events/{e['event']}").text())["headlines"])
                >= 2
            )
            page.goto(f"{url}/events/{story}")
            rows = page.locator("#headlines input.pick")
            count = rows.count()
            picked = rows.nth(count - 1).get_attribute("value")
            assert picked

            page.click("#split-button")  # nothing ticked
            assert page.locator("#edit-status").inner_text() == "先勾选要拆出的标题"
            rows.nth(count - 1).check()
            page.fill("#edit-token", "wrong")
            page.click("#split-button")
            page.wait_for_function("document.getElementById('edit-status').textContent.includes('未更正')")
            assert "编辑口令不对" in page.locator("#edit-status").inner_text()
            assert page.locator("#headlines input.pick").count() == count  # nothing moved

            page.fill("#edit-token", "s3cret")
            page.click("#split-button")
            page.wait_for_url(lambda u: f"/events/{story}" not in u)
            split_off = page.url.rsplit("/", 1)[1]
            assert page.locator("#event-title").inner_text() == picked
            assert page.locator("#headlines input.pick").count() == 1
            assert "拆分" in page.locator("#headlines").inner_text()  # the editor's reason

            # back together: on the original event's page, the split-off event's link pasted
            page.goto(f"{url}/events/{story}")
            assert page.locator("#headlines input.pick").count() == count - 1
            page.fill("#merge-ids", f"{url}/events/{split_off}")
            page.click("#merge-button")
            page.wait_for_function(f"document.querySelectorAll('#headlines input.pick').length === {count}")
            assert page.url.endswith(f"/events/{story}")
            assert picked in page.locator("#headlines").inner_text()
            assert split_off in page.locator("main").inner_text()  # 合并自 …: an alias now
        finally:
            browser.close()
