"""Reading the headline input shared by `redian cluster` and `redian classify` (CONTRACT.md):
JSON Lines ``{id, title, source?, time?, desc?}`` or TSV ``source<TAB>title[<TAB>desc]``."""

from __future__ import annotations

import sys
from pathlib import Path

from redian.cli._app import err_console
from redian.errors import InputError
from redian.service.cluster import ClusterInput, ClusterProblem, parse_cluster_input

__all__ = ["HEADLINES_HELP", "read_headlines"]

HEADLINES_HELP = "JSON Lines {id,title,source?,time?,desc?} or TSV source<TAB>title[<TAB>desc]; - = stdin."


def read_headlines(file: str) -> tuple[list[ClusterInput], list[ClusterProblem]]:
    """Parse the file (``-`` = stdin); bad lines are reported on stderr with their number."""
    name = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            items, problems = parse_cluster_input(sys.stdin)
        else:
            with Path(file).open(encoding="utf-8-sig", errors="replace") as fh:
                items, problems = parse_cluster_input(fh)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    for problem in problems:
        err_console.print(f"{name}:{problem.line}: {problem.message}", markup=False)
    return items, problems
