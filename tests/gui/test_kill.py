"""Killing the app in the middle of editing loses nothing that was shown as done."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

from tests.support.workspaces import Workspace

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 4


def run_and_kill(db: Path, lines_wanted: int) -> tuple[int, int]:
    """Start the child, SIGKILL it after ``lines_wanted`` reported steps; (last step, plan id)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    child = subprocess.Popen([sys.executable, "-m", "tests.gui.kill_child", str(db)], cwd=REPO, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    last, plan_id = 0, 0
    try:
        assert child.stdout is not None
        for line in child.stdout:
            _, step, plan = line.split()
            last, plan_id = int(step), int(plan)
            if last >= lines_wanted:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert last > 0, child.stderr.read() if child.stderr else "no output"
    return last, plan_id


def test_sigkill_keeps_every_step_shown_as_done(tmp_path: Path) -> None:
    rng = random.Random(11)
    db = tmp_path / "kill.sqlite3"
    for _ in range(ROUNDS):
        last, plan_id = run_and_kill(db, rng.randint(3, 40))
        with Workspace.open(db) as workspace:
            assert workspace.integrity_check() == ["ok"]
            plan = workspace.load_plan(plan_id)
            texts = {task.text for task in plan.tasks()}
            missing = [n for n in range(1, last + 1) if f"K{n}" not in texts]
            assert missing == []
            assert f"K{last + 2}" not in texts  # at most the step in flight when killed
            plan.check_invariants()
