"""One exception tree for redian.

::

    RedianError
    ├── InputError        a file or line we could not read (exit code 3); names file and line
    ├── StoreError        the store could not be opened or migrated (exit code 1)
    └── ConfigError       settings that make no sense (exit code 2)

Stages raise these and never print; the CLI turns them into one line on stderr and an exit code
(CONTRACT.md: 0 all good, 1 failure, 2 usage error, 3 some input rejected).
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "RedianError", "StoreError"]


class RedianError(Exception):
    """Base of every error redian raises on purpose."""

    exit_code = 1


class InputError(RedianError):
    """An input file or one of its lines could not be used; nothing it contained was stored."""

    exit_code = 3

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class StoreError(RedianError):
    exit_code = 1


class ConfigError(RedianError):
    exit_code = 2
