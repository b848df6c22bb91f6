"""Web front end: the JSON API, the Chinese dashboard and the feeds, in one ASGI app.

Every dashboard page has a JSON twin built from the same service call (``/`` ↔ ``/hot.json``,
``/events/{id}`` ↔ ``/events/{id}.json``); the API under ``/api`` says the same in the same
shapes as ``redian … --json``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from redian import __version__
from redian.config import Settings
from redian.store import Store
from redian.web import api, pages

__all__ = ["create_app"]


def create_app(settings: Settings) -> FastAPI:
    """An app over the store in ``settings``; the store is opened once and closed at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = Store.open(settings.db_path)
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    # (FastAPI's own /docs and /redoc load their scripts from a CDN: blank pages offline)
    app = FastAPIOffline(
        title="redian 热点 API",
        version=__version__,
        description="Chinese trending news merged across platforms, ranked by heat, with history.",
        lifespan=lifespan,
    )
    app.state.edit_token = settings.edit_token
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", pages.static_files(), name="static")
    return app
