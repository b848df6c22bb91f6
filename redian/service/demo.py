"""The bundled sample: what `make demo` loads and the moment its board is shown for."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from redian.errors import InputError
from redian.service.board import parse_window
from redian.service.ingest import IngestReport, ingest_paths
from redian.store import Store
from redian.times import parse_time

__all__ = ["Sample", "load_sample", "read_manifest"]


@dataclass(frozen=True, slots=True)
class SampleFile:
    path: Path
    format: str
    time: datetime | None


@dataclass(frozen=True, slots=True)
class Sample:
    files: tuple[SampleFile, ...]
    board_at: datetime
    window: timedelta


def read_manifest(directory: Path) -> Sample:
    """``manifest.json`` of a sample directory (see data/sample/README.md)."""
    path = directory / "manifest.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        files = tuple(
            SampleFile(
                directory / f["path"],
                f.get("format", "auto"),
                parse_time(f["time"]) if f.get("time") else None,
            )
            for f in doc["files"]
        )
        return Sample(files, parse_time(doc["board_at"]), parse_window(doc.get("window", "24h")))
    except FileNotFoundError as exc:
        raise InputError(str(path), "no sample manifest here (run from the project root)") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), f"bad manifest: {exc}") from exc


def load_sample(store: Store, sample: Sample) -> list[IngestReport]:
    """Ingest every file of the sample (already loaded files are skipped by content)."""
    return [ingest_paths(store, [str(f.path)], f.format, f.time) for f in sample.files]
