"""Fetching hot lists and pages over HTTP (DailyHotApi, NewsNow, RSSHub, news sites).

The HTTP client is injected: the CLI passes a real :class:`httpx.Client`, tests pass one over
:class:`httpx.MockTransport` or a loopback server.  Fetching only gets bytes; reading them is the
formats' job, exactly as for files, so a fetched response and a saved file are the same input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import httpx

from redian import __version__
from redian.collect._common import DEFAULT_MAX_BYTES
from redian.types import CHINA_TZ

__all__ = ["USER_AGENT", "FetchFailure", "Fetched", "fetch_all", "new_client"]

USER_AGENT = f"redian/{__version__} (+https://github.com/redian-dev/redian)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    data: bytes
    at: datetime
    content_type: str | None


@dataclass(frozen=True, slots=True)
class FetchFailure:
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.url}: {self.reason}"


def new_client(timeout: float = 20.0) -> httpx.Client:
    """The client the CLI uses: a polite user agent, redirects followed, bounded waits."""
    return httpx.Client(
        timeout=timeout,
        follow_redirects=True,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "application/json, application/xml, text/html;q=0.9, */*;q=0.5",
        },
    )


def fetch_all(
    urls: Iterable[str], client: httpx.Client, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Fetched | FetchFailure]:
    """GET every URL once; a failure is reported for that URL and the others still count."""
    out: list[Fetched | FetchFailure] = []
    for url in urls:
        try:
            with client.stream("GET", url) as response:
                if response.status_code != 200:
                    out.append(FetchFailure(url, f"HTTP {response.status_code}"))
                    continue
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise ValueError(f"response over the {max_bytes / 1e6:.0f} MB limit")
                    chunks.append(chunk)
                out.append(
                    Fetched(
                        url, b"".join(chunks), datetime.now(CHINA_TZ), response.headers.get("content-type")
                    )
                )
        except (httpx.HTTPError, ValueError) as exc:
            out.append(FetchFailure(url, str(exc) or type(exc).__name__))
    return out
