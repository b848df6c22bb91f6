"""Watchlists and alerts: tell people about the stories they follow as soon as they are hot.

A watch matches an event when its terms match any of the event's headlines (see
:class:`~redian.types.Watch`; ``~`` terms by meaning, the others literally), the event's heat
on the board is at least ``min_heat`` and, when sources are given, it was seen on one of them.
Each (watch, event) raises one alert, ever: merged events keep their alerts, so a story is never
announced twice.  Pushing is a webhook POST through an injected HTTP client; an alert whose push
failed is kept unpushed and retried on the next check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import httpx

from redian.collect.platforms import platform_name
from redian.errors import ConfigError
from redian.service.board import board
from redian.service.rising import rising
from redian.store import Store
from redian.text import match_key, meaning
from redian.types import Alert, Watch

__all__ = [
    "AlertCheck",
    "AlertsView",
    "alerts_view",
    "check_alerts",
    "matches",
    "parse_terms",
    "remove_watch",
    "save_watch",
]


def parse_terms(terms: Sequence[str]) -> tuple[str, ...]:
    """Validate watch terms: at least one plain, ``~`` or ``+`` term; nothing empty after
    normalizing; meaning terms only when the optional sentence model is installed."""
    cleaned: list[str] = []
    for term in terms:
        term = term.strip()
        body = term[1:] if term[:1] in "+!~" else term
        if not match_key(body):
            raise ConfigError(f"watch term {term!r} has no letters or digits")
        if term.startswith("~") and not meaning.available():
            raise ConfigError(f"watch term {term!r}: meaning terms need pip install 'redian[meaning]'")
        cleaned.append(term)
    if not any(t[:1] != "!" for t in cleaned):
        raise ConfigError("a watch needs at least one term that is not an exclusion (!词)")
    return tuple(cleaned)


def matches(watch: Watch, headlines: Sequence[str]) -> tuple[str, ...]:
    """The terms of ``watch`` that matched (empty: no match)."""
    keys = [match_key(h) for h in headlines]
    found: list[str] = []
    any_terms = [t for t in watch.terms if t[:1] not in "+!"]
    for term in watch.terms:
        if term.startswith("~"):
            if headlines and meaning.relevance(term[1:], headlines).z >= meaning.DEFAULT_Z:
                found.append(term)
            continue
        body = match_key(term[1:] if term[:1] in "+!" else term)
        hit = any(body in k for k in keys)
        if term.startswith("!"):
            if hit:
                return ()
        elif term.startswith("+"):
            if not hit:
                return ()
            found.append(term[1:])
        elif hit:
            found.append(term)
    if any_terms and not any(t in found for t in any_terms):
        return ()
    return tuple(found)


def save_watch(store: Store, watch: Watch) -> Watch:
    checked = replace(watch, terms=parse_terms(watch.terms))
    if checked.webhook and not checked.webhook.startswith(("http://", "https://")):
        raise ConfigError(f"webhook must be an http(s) URL, not {checked.webhook!r}")
    with store.writing() as w:
        w.put_watch(checked)
    return checked


def remove_watch(store: Store, name: str) -> bool:
    with store.writing() as w:
        return w.remove_watch(name)


@dataclass(frozen=True, slots=True)
class AlertsView:
    """What the watches have raised: every watch with its alert count, and the latest alerts."""

    watches: tuple[tuple[Watch, int], ...]
    alerts: tuple[Alert, ...]


def alerts_view(store: Store, watch: str | None = None, limit: int = 100) -> AlertsView:
    """The latest alerts (of one watch, or of all), newest first; unknown watch → ConfigError."""
    watches = store.watches()
    if watch is not None and watch not in {w.name for w in watches}:
        raise ConfigError(f"no watch {watch!r}")
    counts = store.alert_counts()
    return AlertsView(tuple((w, counts.get(w.name, 0)) for w in watches), tuple(store.alerts(watch, limit)))


@dataclass(frozen=True, slots=True)
class AlertCheck:
    new: tuple[Alert, ...]
    push_failures: tuple[str, ...]


def check_alerts(
    store: Store,
    at: datetime,
    window: timedelta = timedelta(hours=24),
    client: httpx.Client | None = None,
    depth: int = 200,
) -> AlertCheck:
    """Raise the alerts the board at ``at`` deserves (and, for watches with ``early``, the early
    warnings of the hour before it); push them when a client is given."""
    watches = store.watches()
    if not watches:
        return AlertCheck((), ())
    entries = board(store, at, window, depth).entries
    heats = {e.event: e.heat for e in entries}
    warnings = rising(store, at, top=depth) if any(w.early for w in watches) else ()
    texts = store.headline_texts([*(e.event for e in entries), *(r.event for r in warnings)])
    raised: list[Alert] = []
    failures: list[str] = []

    def raise_alert(watch: Watch, alert: Alert, sources: Sequence[str]) -> None:
        if watch.webhook and client is not None:
            problem = _push(client, watch, alert, sources)
            alert = replace(alert, pushed=problem is None)
            if problem:
                failures.append(problem)
        raised.append(alert)

    for watch in watches:
        done = set(store.alerted(watch.name))
        # an early warning first: the story is announced before it is hot, and only once
        for r in warnings if watch.early else ():
            if r.event in done or (watch.sources and r.source not in watch.sources):
                continue
            hit = matches(watch, texts.get(r.event, [r.title]))
            if hit:
                heat = heats.get(r.event, 0.0)
                alert = Alert(watch.name, r.event, r.title, heat, at, hit, watch.webhook is None, early=True)
                raise_alert(watch, alert, (r.source,))
                done.add(r.event)
        for e in entries:
            if e.event in done or e.heat < watch.min_heat:
                continue
            if watch.sources and not set(watch.sources) & set(e.sources):
                continue
            hit = matches(watch, texts.get(e.event, [e.title]))
            if not hit:
                continue
            alert = Alert(watch.name, e.event, e.title, e.heat, at, hit, watch.webhook is None)
            raise_alert(watch, alert, e.sources)
    with store.writing() as w:
        for alert in raised:
            w.add_alert(alert)
    return AlertCheck(tuple(raised), tuple(failures))


def _push(client: httpx.Client, watch: Watch, alert: Alert, sources: Sequence[str]) -> str | None:
    assert watch.webhook is not None
    payload = {
        "watch": watch.name,
        "event": alert.event_id,
        "title": alert.title,
        "heat": round(alert.heat, 2),
        "matched": list(alert.matched),
        "sources": [platform_name(s) for s in sources],
        "at": alert.at.isoformat(),
        "early": alert.early,
        # a line that chat webhooks (DingTalk, Feishu, WeCom, Slack-compatible) can show as is
        "text": (
            f"【{watch.name}】即将爆发：{alert.title}"
            if alert.early
            else f"【{watch.name}】{alert.title}（热度 {alert.heat:.1f}）"
        ),
    }
    try:
        response = client.post(watch.webhook, json=payload)
    except httpx.HTTPError as exc:
        return f"{watch.webhook}: {exc}"
    if response.status_code >= 300:
        return f"{watch.webhook}: HTTP {response.status_code}"
    return None
