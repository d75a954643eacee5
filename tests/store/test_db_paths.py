"""Which database file is used: an explicit path, then $FENJIE_DB, then the user's data folder."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from desktop.store.paths import ENV_VAR, default_db_path, resolve_db_path
from tests.support.workspaces import Workspace


def test_default_is_in_the_user_data_folder() -> None:
    assert default_db_path() == Path(user_data_dir("Fenjie", appauthor=False)) / "workspace.sqlite3"
    assert resolve_db_path(None, environ={}) == default_db_path()


def test_environment_variable_beats_the_default(tmp_path: Path) -> None:
    assert resolve_db_path(None, environ={ENV_VAR: str(tmp_path / "env.sqlite3")}) == tmp_path / "env.sqlite3"
    assert resolve_db_path(None, environ={ENV_VAR: "  "}) == default_db_path()


def test_explicit_path_beats_everything(tmp_path: Path) -> None:
    environ = {ENV_VAR: str(tmp_path / "env.sqlite3")}
    assert resolve_db_path(tmp_path / "arg.sqlite3", environ=environ) == tmp_path / "arg.sqlite3"
    assert resolve_db_path(str(tmp_path / "arg.sqlite3"), environ=environ) == tmp_path / "arg.sqlite3"


def test_workspace_open_uses_the_environment_variable(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "from-env" / "ws.sqlite3"
    monkeypatch.setenv(ENV_VAR, str(target))
    with Workspace.open(seed_sample=False) as workspace:
        assert workspace.path == target
    assert target.exists()
