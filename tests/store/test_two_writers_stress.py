"""Two processes edit one workspace for a minute: no acknowledged edit is silently lost (issue 11 defect 1).

One writer goes through the GUI's ``PlanSession`` (stale writes reloaded and applied again, busy
ones kept pending and retried), the other through ``Workspace`` as the command line does. Both add
tasks and rewrite the same shared rows (see ``tests/store/stress_writer.py``). At the end every
task an acknowledgement names exists, holds the text of the acknowledged write with the highest
plan revision, no two acknowledgements share a revision or a new task's id, and the file is sound.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.model import Plan
from desktop.store.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]
SECONDS = int(os.environ.get("FENJIE_STRESS_SECONDS", "55"))  # shorter only to try the test out


@pytest.mark.slow
def test_two_writers_for_a_minute(tmp_path: Path, laiwu_plan: Plan) -> None:
    db = tmp_path / "w.sqlite3"
    with Workspace.open(db, seed_sample=False) as workspace:
        plan_id = workspace.add_plan(laiwu_plan).plan_id
    writers = [subprocess.Popen([sys.executable, "-m", "tests.store.stress_writer", str(db), str(plan_id),
                                 name, str(SECONDS), mode], cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
               for name, mode in (("甲", "app"), ("乙", "cli"))]
    outputs = [writer.communicate(timeout=SECONDS + 240) for writer in writers]
    acks: list[tuple[int, int, str]] = []
    refused: list[str] = []
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err
        lines = out.splitlines()
        assert lines[-1] == "done", err
        ok = [line.split(" ", 3) for line in lines if line.startswith("ok ")]
        assert len(ok) > 20  # both writers really wrote
        acks += [(int(task_id), int(revision), text) for _ok, task_id, revision, text in ok]
        refused += [line for line in lines if line.startswith("refused ")]
    assert all("\t" in line and line.split("\t", 1)[1].strip() for line in refused)  # each with a message

    revisions = [revision for _task, revision, _text in acks]
    assert len(revisions) == len(set(revisions))  # every acknowledged write is its own commit
    latest: dict[int, tuple[int, str]] = {}
    for task_id, revision, text in acks:
        if task_id not in latest or revision > latest[task_id][0]:
            latest[task_id] = (revision, text)
    with Workspace.open(db) as workspace:
        assert workspace.integrity_check() == ["ok"]
        final = workspace.load_plan(plan_id)
    lost = [(task_id, text) for task_id, (_rev, text) in latest.items()
            if task_id not in final or final[task_id].text != text]
    assert lost == []
