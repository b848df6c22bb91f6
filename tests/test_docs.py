"""Documentation stays true: every command and every input format is in the README."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from redian.cli import app
from redian.collect import FORMATS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    group = get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert {"ingest", "hot", "event", "rebuild", "serve", "demo", "status", "extract"} <= set(names)
    missing = [name for name in names if f"`redian {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_input_format_is_documented() -> None:
    missing = [name for name in FORMATS if f"`{name}`" not in README]
    assert not missing, f"formats missing from README.md: {missing}"


def test_every_command_has_help_text() -> None:
    group = get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help, f"redian {name} has no help text"
