"""Command-line interface: ``redian COMMAND``.  One module per command group, all thin."""

from __future__ import annotations

import sys

# Importing a command module registers its commands on ``app`` (one line per module).
from redian.cli import board as _board  # noqa: F401
from redian.cli import classify as _classify  # noqa: F401
from redian.cli import cluster as _cluster  # noqa: F401
from redian.cli import demo as _demo  # noqa: F401
from redian.cli import export as _export  # noqa: F401
from redian.cli import extract as _extract  # noqa: F401
from redian.cli import ingest as _ingest  # noqa: F401
from redian.cli import interpret as _interpret  # noqa: F401
from redian.cli import merge as _merge  # noqa: F401
from redian.cli import rising as _rising  # noqa: F401
from redian.cli import search as _search  # noqa: F401
from redian.cli import serve as _serve  # noqa: F401
from redian.cli import split as _split  # noqa: F401
from redian.cli import trends as _trends  # noqa: F401
from redian.cli import watch as _watch  # noqa: F401
from redian.cli._app import app, err_console
from redian.errors import RedianError

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except RedianError as exc:
        err_console.print(f"redian: {exc}", markup=False)
        sys.exit(exc.exit_code)
