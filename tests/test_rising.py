"""即将爆发: the early warning on stored live lists — the same flags `redian trends` raises on the
file, nothing from after the moment, nothing from daily archives."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from redian.config import Settings
from redian.service.ingest import ingest_paths
from redian.service.rising import rising
from redian.store import Store
from redian.times import parse_time
from redian.types import CHINA_TZ
from redian.web import create_app

TIANJIN = "天津公布20例阳性轨迹涉多家超市菜市场"  # flagged 08:35 at rank 18, reached #5 later


def _store(shared: Path, tmp: Path, until: str) -> Store:
    """A store of the Weibo list every minute of 2022-01-13 from 06:00 to ``until``."""
    path = shared / "data" / "streams" / "weibo_minutely" / "2022-01-13.json.gz"
    start, end = parse_time("2022-01-13 06:00"), parse_time(until)
    lines = []
    for snap in json.loads(gzip.decompress(path.read_bytes())):
        at = datetime.fromtimestamp(snap["timestamp"], CHINA_TZ)
        if start <= at <= end and snap.get("hotwords"):
            items = [
                {"rank": w["rank"], "title": w["word"], "hot": w.get("hot_value")} for w in snap["hotwords"]
            ]
            doc = {"source": "weibo", "at": at.isoformat(), "items": items}
            lines.append(json.dumps(doc, ensure_ascii=False))
    file = tmp / f"weibo-{until[-5:].replace(':', '')}.jsonl"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store.open(tmp / f"{file.stem}.db")
    ingest_paths(store, [file])
    return store


@pytest.fixture(scope="module")
def morning(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    return _store(shared, tmp_path_factory.mktemp("rising"), "2022-01-13 10:00")


def test_a_climber_is_flagged_as_the_file_replay_flags_it(morning: Store) -> None:
    found = rising(morning, parse_time("2022-01-13 09:00"))
    tianjin = next(r for r in found if r.title == TIANJIN)
    assert tianjin.flagged_at.strftime("%H:%M") == "08:35" and tianjin.flagged_rank == 18
    for r in found:
        assert parse_time("2022-01-13 08:00") < r.flagged_at <= parse_time("2022-01-13 09:00")
        assert r.rank > 10 and r.flagged_rank > 10 and 0.5 <= r.probability <= 1
    assert [r.probability for r in found] == sorted((r.probability for r in found), reverse=True)


def test_no_future_and_no_daily_archives(morning: Store, shared: Path, tmp_path: Path, demo_db: Path) -> None:
    at = parse_time("2022-01-13 09:00")
    cut = _store(shared, tmp_path, "2022-01-13 09:00")
    assert rising(cut, at) == rising(morning, at)  # lists after 09:00 change nothing
    assert rising(Store.open(demo_db), parse_time("2024-12-13 23:59:59")) == ()  # one list a day


def test_rising_in_the_api_and_on_the_board(morning: Store) -> None:
    assert morning.path is not None
    with TestClient(create_app(Settings(db_path=morning.path))) as client:
        api = client.get("/api/rising", params={"at": "2022-01-13 09:00"}).json()
        assert TIANJIN in [e["title"] for e in api["events"]]
        page = client.get("/", params={"at": "2022-01-13T09:00"})
        assert "即将爆发" in page.text and TIANJIN in page.text


def test_an_early_watch_hears_of_a_climber_before_it_is_hot(morning: Store) -> None:
    import httpx

    from redian.service.watch import check_alerts, save_watch
    from redian.types import Watch

    sent: list[dict[str, object]] = []

    def hook(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200)

    client = httpx.Client(transport=httpx.MockTransport(hook))
    save_watch(morning, Watch("天津早", ("天津",), min_heat=1e9, webhook="http://hooks.test/a", early=True))
    save_watch(morning, Watch("天津", ("天津",), min_heat=1e9))  # the same terms, board only
    first = check_alerts(morning, parse_time("2022-01-13 09:00"), client=client)
    early = [a for a in first.new if a.event_id == rising_event(morning)]
    assert [a.watch for a in early] == ["天津早"] and early[0].early and early[0].pushed
    assert sent and sent[0]["early"] is True and "即将爆发" in str(sent[0]["text"])
    later = check_alerts(morning, parse_time("2022-01-13 10:00"), client=client)
    assert rising_event(morning) not in {a.event_id for a in later.new if a.watch == "天津早"}  # once


def rising_event(store: Store) -> str:
    return next(r.event for r in rising(store, parse_time("2022-01-13 09:00")) if r.title == TIANJIN)
