"""Read-only and damaged workspaces (issue 11 defect 6; defect 5's damaged page hit by ``report``).

A sound workspace on read-only media opens read-only and says so (it used to be called damaged).
A file failing ``PRAGMA quick_check`` opens but refuses every write — the workspace's own and the
tracking tables' — with the way to restore the newest automatic backup, which a sound workspace
gets once a day when it is opened.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.core.model import Plan
from desktop.store.backups import backup_folder, backups
from desktop.store.errors import StoreError
from desktop.store.tracking_store import sync_plan
from desktop.store.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from desktop.core.model import Plan
from desktop.store.workspace import Workspace
ws = Workspace.open(sys.argv[1])
result = {"read_only": ws.read_only, "titles": [p.title for p in ws.list_plans()]}
result["leaves"] = len(ws.load_plan(ws.list_plans()[0].id).leaves())
try:
    ws.add_plan(Plan("新计划"))
    result["write"] = "written"
except Exception as error:
    result["write"] = type(error).__name__ + ": " + str(error)
print(json.dumps(result, ensure_ascii=False))
"""


def run_on_read_only_media(folder: Path, db: Path) -> dict:
    """Run the probe with ``folder`` mounted read-only (a private mount namespace), else chmod."""
    probe = [sys.executable, "-c", PROBE, str(db)]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    if os.geteuid() == 0 and shutil.which("unshare"):
        where = shlex.quote(str(folder))
        script = f"mount --bind {where} {where} && mount -o remount,ro,bind {where} && {shlex.join(probe)}"
        done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True,
                              env=env, cwd=REPO, timeout=120)
    else:
        folder.chmod(0o555)
        db.chmod(0o444)
        try:
            done = subprocess.run(probe, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
        finally:
            folder.chmod(0o755)
            db.chmod(0o644)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_workspace_on_read_only_media_opens_read_only(tmp_path: Path, laiwu_plan: Plan) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    db = folder / "w.sqlite3"
    with Workspace.open(db, seed_sample=False) as workspace:
        workspace.add_plan(laiwu_plan)
    shutil.rmtree(backup_folder(db))  # a stick copied from elsewhere has no backup folder
    result = run_on_read_only_media(folder, db)
    assert "只读" in result["read_only"] and "损坏" not in result["read_only"]
    assert result["titles"] == [laiwu_plan.title] and result["leaves"] == 59
    assert result["write"].startswith("StoreError") and "只读" in result["write"]


def damage(db: Path) -> None:
    """Overwrite one page of the tasks table with garbage; the header and the meta table stay."""
    with sqlite3.connect(str(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'tasks' AND pagetype = 'leaf' ORDER BY pageno")]
    with db.open("r+b") as handle:
        handle.seek((pages[len(pages) // 2] - 1) * page_size + 8)
        handle.write(b"\xff\x13" * (page_size // 2 - 8))


def test_a_damaged_workspace_refuses_writes_and_names_the_backup(tmp_path: Path, laiwu_plan: Plan) -> None:
    db = tmp_path / "w.sqlite3"
    with Workspace.open(db, seed_sample=False) as workspace:
        workspace.add_plan(laiwu_plan)
    assert backups(db)  # made when the sound workspace was opened
    damage(db)
    before = db.read_bytes()
    with Workspace.open(db) as workspace:
        assert workspace.read_only is not None
        assert "已损坏" in workspace.read_only and str(backups(db)[0]) in workspace.read_only
        with pytest.raises(StoreError, match="已损坏"):
            workspace.add_plan(Plan("新计划"))
        with pytest.raises(StoreError):
            sync_plan(workspace.db, laiwu_plan)
    assert db.read_bytes() == before
    restored = tmp_path / "restored.sqlite3"
    shutil.copy(backups(db)[0], restored)
    with Workspace.open(restored) as workspace:
        assert workspace.read_only is None and workspace.integrity_check() == ["ok"]


def test_report_on_a_damaged_page_is_one_sentence(tmp_path: Path, laiwu_plan: Plan, capsys) -> None:
    db = tmp_path / "w.sqlite3"
    with Workspace.open(db, seed_sample=False) as workspace:
        plan_id = workspace.add_plan(laiwu_plan).plan_id
        sync_plan(workspace.db, laiwu_plan)
    damage(db)
    code = cli_main(["--db", str(db), "report", str(plan_id), "-o", str(tmp_path / "r.xlsx")])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("fenjie: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err
