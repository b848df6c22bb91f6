"""The event-as-a-whole join rule (``PairModel.join_event``): a headline naming what an event is
about joins it though no single member is close enough, never a one-member event, and the rule
is off at 0 and in model files written before it."""

from __future__ import annotations

import json
from dataclasses import replace

from ordinary_day import assign, stream_day

from redian.events.features import profile
from redian.events.model import PairModel, default_model
from redian.events.story import StoryEngine
from redian.text.normalize import match_key

#: one story of that day (Chinese actresses at Cannes): the last shares only 戛纳 with the others
CANNES = ("关晓彤晒戛纳电影节随拍", "历届戛纳电影节红毯上的东方美人", "高叶晒戛纳出发照")


def test_shipped_model_has_the_rule_calibrated() -> None:
    model = default_model()
    assert 0.0 < model.join_event < 1.0


def test_a_headline_joins_the_event_it_names_though_no_member_is_close_enough() -> None:
    model = default_model()
    engine, placed = stream_day(model)
    first, second, third = (placed[t] for t in CANNES)
    assert not third.new
    assert len({engine.resolve(a.event_id) for a in (first, second, third)}) == 1
    signals = dict(third.signals)
    assert signals["best"] < model.join_best  # no member alone would let it in
    assert signals["mean"] >= model.join_mean
    assert signals["event"] >= model.join_event
    assert "与事件整体的词语相似度" in third.reason

    off, placed = stream_day(replace(model, join_event=0.0))
    assert placed[CANNES[2]].new
    assert off.resolve(placed[CANNES[2]].event_id) != off.resolve(placed[CANNES[0]].event_id)


def test_a_one_headline_event_is_never_joined_as_a_whole() -> None:
    """With one member the centroid is that member: the best-member threshold decides alone."""
    model = replace(default_model(), join_mean=0.0, join_event=0.01)  # everything but size passes
    engine = StoryEngine(model)
    first = assign(engine, CANNES[0])
    third = assign(engine, CANNES[2])
    assert third.new and engine.resolve(third.event_id) != engine.resolve(first.event_id)
    # (not for want of similarity: the one member's words are the headline's own 戛纳, 晒)
    assert engine._event_similarity(profile(match_key(CANNES[2])), first.event_id) > model.join_event


def test_model_files_without_the_rule_load_with_it_off() -> None:
    model = default_model()
    data = json.loads(model.to_json())
    assert data["join_event"] == model.join_event
    assert PairModel.from_json(model.to_json()) == model
    del data["join_event"]
    assert PairModel.from_json(json.dumps(data)).join_event == 0.0
