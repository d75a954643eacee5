"""Where the workspace database lives: an explicit path, else ``$FENJIE_DB``, else the user's data folder."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

ENV_VAR = "FENJIE_DB"
APP_NAME = "Fenjie"
FILE_NAME = "workspace.sqlite3"


def default_db_path() -> Path:
    """``<user data folder>/Fenjie/workspace.sqlite3`` (e.g. %LOCALAPPDATA%\\Fenjie on Windows)."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / FILE_NAME


def resolve_db_path(path: Path | str | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """The database to use: ``path`` wins, then the environment variable, then the default."""
    if path is not None and str(path):
        return Path(path).expanduser()
    env = os.environ if environ is None else environ
    from_env = env.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
