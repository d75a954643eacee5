"""Fenjie's plan files (.fenjie, fenjie-plan/1 JSON): export, import, and ``fenjie open`` (a double-click)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop.resources import sample_plan_path

REPO = Path(__file__).resolve().parent.parent


def fenjie(*args: str, db: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(extra_env or {})}
    return subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_a_plan_exported_as_fenjie_is_the_plan_json_and_imports_back(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    out = tmp_path / "莱芜.fenjie"
    result = fenjie("export", "1", "-o", str(out), db=db)
    assert result.returncode == 0, result.stderr
    sample = json.loads(sample_plan_path().read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8")) == sample
    result = fenjie("import", str(out), db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
    assert "共 59 行" in result.stderr


def test_open_imports_the_file_and_starts_the_app(tmp_path: Path) -> None:
    db = tmp_path / "ws.sqlite3"
    plan_file = tmp_path / "计划.fenjie"
    plan_file.write_bytes(sample_plan_path().read_bytes())
    result = fenjie("open", str(plan_file), db=db, extra_env={"FENJIE_EXIT_AFTER_SHOW": "1"})
    assert result.returncode == 0, result.stderr
    listed = fenjie("plans", db=db)
    assert [line.split("\t")[2] for line in listed.stdout.splitlines()] == ["59", "59"]


def test_an_unknown_export_type_names_fenjie(tmp_path: Path) -> None:
    result = fenjie("export", "1", "-o", str(tmp_path / "x.odt"), db=tmp_path / "ws.sqlite3")
    assert result.returncode == 1
    assert ".fenjie" in result.stderr and not (tmp_path / "x.odt").exists()
