"""`redian serve`: the dashboard, the JSON API and the feeds on one port."""

from __future__ import annotations

from typing import Annotated

import typer

from redian.cli._app import DbOption, app, err_console, settings_for

__all__: list[str] = []


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    db: DbOption = None,
) -> None:
    """Open the Chinese dashboard (/), the API (/api, docs at /docs) and the feeds (/feed.xml)."""
    import uvicorn

    from redian.web import create_app

    settings = settings_for(db)
    err_console.print(f"redian: dashboard on http://{host}:{port}/  (store {settings.db_path})")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")
