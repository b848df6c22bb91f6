"""Work done ahead in a second process (:mod:`redian.ahead`): the same answers as alone, in
order, whether the worker delivers every chunk, some or none."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import pytest
from ordinary_day import DAY

import redian.ahead
from redian.ahead import ahead
from redian.events import StoryEngine
from redian.events.features import profile
from redian.events.story import Prepared
from redian.service.cluster import ClusterInput, cluster_headlines
from redian.types import Assignment, HeadlineIn


@dataclass(frozen=True)
class _Square:
    """Squares a number and says which process did it."""

    def __call__(self, n: int) -> tuple[int, int]:
        return n * n, os.getpid()


@dataclass(frozen=True)
class _FailsAway:
    """Works in the caller's process only (a worker that cannot do the work)."""

    home: int

    def __call__(self, n: int) -> int:
        if os.getpid() != self.home:
            raise RuntimeError("not here")
        return n + 1


def _slowly(results: object, pause: float) -> list[object]:
    out = []
    for r in results:  # type: ignore[attr-defined]
        out.append(r)
        time.sleep(pause)
    return out


def test_the_worker_takes_chunks_and_the_order_holds() -> None:
    items = list(range(1500))
    done = _slowly(ahead(_Square(), items, parallel=True, chunk=25), 0.001)
    assert [value for value, _ in done] == [n * n for n in items]  # type: ignore[misc]
    pids = {pid for _, pid in done}  # type: ignore[misc]
    assert os.getpid() in pids  # the caller starts alone while the worker starts up
    assert len(pids) == 2  # … and the worker then runs ahead of it


def test_a_worker_that_fails_leaves_the_work_to_the_caller() -> None:
    items = list(range(400))
    done = _slowly(ahead(_FailsAway(os.getpid()), items, parallel=True, chunk=10), 0.001)
    assert done == [n + 1 for n in items]


def test_small_batches_stay_in_one_process() -> None:
    done = list(ahead(_Square(), list(range(10))))
    assert {pid for _, pid in done} == {os.getpid()}
    assert list(ahead(_Square(), [], parallel=True)) == []


class _Slow(StoryEngine):
    """The story engine, slowed down so that the worker catches up, noting what it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.given: list[tuple[str, str | None, Prepared]] = []

    def assign(self, headline: HeadlineIn, prepared: Prepared | None = None) -> Assignment:
        time.sleep(0.002)
        if prepared is not None:
            self.given.append((headline.key, headline.desc, prepared))
        return super().assign(headline, prepared)


def test_a_batch_placed_with_a_worker_is_the_batch_placed_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [line for line in DAY.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    titles = [line.split("\t")[1] for line in lines[1:]]
    # every fifth headline with a description (Baidu's), here the next headline of the day
    items = [
        ClusterInput(id=n, title=title, source="toutiao", desc=titles[n + 1] if n % 5 == 0 else None)
        for n, title in enumerate(titles[:-1])
    ]
    alone = cluster_headlines(items, StoryEngine(), parallel=False)
    monkeypatch.setattr(redian.ahead, "CHUNK", 8)
    slow = _Slow()
    together = cluster_headlines(items, slow, parallel=True)
    assert [(r.event, r.assignment) for r in together] == [(r.event, r.assignment) for r in alone]
    # profiles the worker built (unpickled copies, not the caller's cached ones) were used
    assert any(p.profile is not profile(key, desc or None) for key, desc, p in slow.given)


def test_work_that_cannot_be_pickled_is_done_by_the_caller() -> None:
    def local(n: int) -> int:  # (a local function does not pickle)
        return n - 1

    assert list(ahead(local, list(range(50)), parallel=True, chunk=8)) == list(range(-1, 49))
