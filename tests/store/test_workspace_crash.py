"""Crash safety: a process killed with SIGKILL in the middle of a long run of edits loses nothing.

A child process (``tests/store/kill_child.py``) stores a plan and applies random edits, printing
a counter after each ``Workspace.apply`` returns. It is killed at a random moment, many times
over the same database. After each kill the database must open, pass ``integrity_check`` and
``foreign_key_check``, and hold exactly the plan that replaying the same edits in memory gives —
up to the last printed counter, or one more (an edit may commit just before the kill, unprinted).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.core.model import Plan
from tests.support.op_mix import next_op, start_plan
from tests.support.workspaces import Workspace

REPO = Path(__file__).resolve().parents[2]
ITERATIONS = 25


class Child:
    """The child process with its stdout lines collected by a thread."""

    def __init__(self, db: Path, seed: int) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "tests.store.kill_child", str(db), str(seed)],
                                        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self.started = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.strip())
            if line.startswith("plan"):
                self.started.set()

    def kill(self) -> tuple[int | None, int]:
        """SIGKILL the child; returns (plan id or None, last counter printed)."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        stderr = self.process.stderr.read() if self.process.stderr else ""
        assert self.process.returncode == -signal.SIGKILL, stderr
        plan_id = next((int(line.split()[1]) for line in self.lines if line.startswith("plan ")), None)
        counts = [int(line) for line in self.lines if line.isdigit()]
        assert counts == list(range(1, len(counts) + 1))
        return plan_id, counts[-1] if counts else 0


def replayed(seed: int, count: int) -> tuple[Plan, random.Random]:
    plan = start_plan(seed)
    rng = random.Random(seed)
    for _ in range(count):
        next_op(plan, rng).apply(plan)
    return plan, rng


def check_file(db: Path) -> None:
    conn = sqlite3.connect(str(db))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_in_the_middle_of_edits_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "crash.sqlite3"
    rng = random.Random(20240601)
    checked = 0
    for iteration in range(ITERATIONS):
        seed = 1000 + iteration
        child = Child(db, seed)
        if iteration % 5 == 0:
            time.sleep(rng.uniform(0.0, 0.4))  # anywhere: start-up, creation, adding the plan, edits
        else:
            assert child.started.wait(timeout=60), "the child never stored its plan"
            time.sleep(rng.uniform(0.0, 0.25))
        plan_id, count = child.kill()

        if db.exists():
            check_file(db)
        with Workspace.open(db, seed_sample=False) as workspace:
            assert workspace.integrity_check() == ["ok"]
            if plan_id is None:
                continue
            stored = workspace.load_plan(plan_id)
        expected, replay_rng = replayed(seed, count)
        if stored.to_dict(with_ids=True) != expected.to_dict(with_ids=True):
            next_op(expected, replay_rng).apply(expected)  # the edit that committed but was not printed
        assert stored.to_dict(with_ids=True) == expected.to_dict(with_ids=True), f"iteration {iteration}"
        assert stored.next_id == expected.next_id
        checked += 1

    assert checked >= ITERATIONS * 3 // 4
    check_file(db)
    with Workspace.open(db, seed_sample=False) as workspace:
        for summary in workspace.list_plans():
            workspace.load_plan(summary.id).check_invariants()
