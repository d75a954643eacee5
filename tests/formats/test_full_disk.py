"""A full disk during an export is one sentence, nothing else on stderr (issue 11 defect 8).

The export runs in a child process inside a private mount namespace (``unshare -rm``, no root
needed) whose target folder is a 12 KB tmpfs: the .xlsx does not fit, the zip writer fails
half-way, and the command must print its sentence and no "Exception ignored" traceback.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store.tracking_store import sync_plan
from desktop.store.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_full_disk_is_one_sentence(tmp_path: Path, laiwu_plan, command: str) -> None:
    db = tmp_path / "w.sqlite3"
    with Workspace.open(db, seed_sample=False) as workspace:
        plan_id = workspace.add_plan(laiwu_plan).plan_id
        sync_plan(workspace.db, laiwu_plan)
    full = tmp_path / "full"
    full.mkdir()
    fenjie = [sys.executable, "-m", "desktop", "--db", str(db), command, str(plan_id),
              "-o", str(full / "x.xlsx")]
    script = f"mount -t tmpfs -o size=12k tmpfs {shlex.quote(str(full))} && {shlex.join(fenjie)}"
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=300)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fenjie: ") and "磁盘空间不足" in lines[0], done.stderr
