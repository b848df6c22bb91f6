"""One typed settings object, read once at the edge and passed in.

Precedence, highest first: explicit arguments (CLI flags), environment variables
(``REDIAN_DB``, ``REDIAN_LLM_BASE_URL``, ``REDIAN_LLM_MODEL``, ``REDIAN_LLM_API_KEY``,
``REDIAN_EDIT_TOKEN``), defaults.
Nothing reads the environment anywhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Settings", "default_db_path"]


def default_db_path(env: Mapping[str, str] | None = None) -> Path:
    """Per-user data directory: ``$XDG_DATA_HOME/redian/redian.db`` (``~/.local/share`` by default)."""
    env = os.environ if env is None else env
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "redian" / "redian.db"


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    #: the bearer token the API's corrections (split, merge) require; None: corrections over
    #: HTTP are off (the dashboard may listen on a newsroom network, where reading is for all)
    edit_token: str | None = None

    @classmethod
    def load(cls, db: str | Path | None = None, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        if db is not None:
            path = Path(db)
        elif env.get("REDIAN_DB"):
            path = Path(env["REDIAN_DB"])
        else:
            path = default_db_path(env)
        return cls(
            db_path=path.expanduser(),
            llm_base_url=env.get("REDIAN_LLM_BASE_URL") or None,
            llm_model=env.get("REDIAN_LLM_MODEL") or None,
            llm_api_key=env.get("REDIAN_LLM_API_KEY") or None,
            edit_token=env.get("REDIAN_EDIT_TOKEN") or None,
        )
