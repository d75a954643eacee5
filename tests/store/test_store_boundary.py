"""The store's one error boundary: a workspace locked by another program is a plain, retryable refusal.

Another connection (and, once, another process) holds the write lock; every kind of store call —
the workspace's own, progress tracking's and feedback's — must raise :class:`StoreBusy` with a
plain sentence (never a raw ``sqlite3.OperationalError``), change nothing, and succeed when tried
again after the lock is let go.
"""

from __future__ import annotations

import inspect
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.core.feedback_check import Update
from desktop.core.model import Plan
from desktop.core.operations import SetText
from desktop.core.tracking import IN_PROGRESS, progress_entry
from desktop.store import feedback_last, feedback_store, feedback_undo, tracking_store
from desktop.store.boundary import STORE_ACTION
from desktop.store.errors import StoreBusy
from desktop.store.feedback_store import feedback_sheets
from desktop.store.feedback_undo import apply_updates
from desktop.store.tracking_store import add_progress, load_assignments, save_assignments, sync_plan
from desktop.store.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def opened(tmp_path: Path, laiwu_plan: Plan) -> Iterator[tuple[Workspace, Plan]]:
    ws = Workspace.open(tmp_path / "w.sqlite3", seed_sample=False, busy_timeout_ms=20)
    ws.add_plan(laiwu_plan)
    sync_plan(ws.db, laiwu_plan)
    yield ws, laiwu_plan
    ws.close()


@pytest.fixture
def lock(opened: tuple[Workspace, Plan]) -> Iterator[sqlite3.Connection]:
    """A second connection holding the write lock of the workspace file."""
    holder = sqlite3.connect(str(opened[0].path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    yield holder
    if holder.in_transaction:
        holder.execute("ROLLBACK")
    holder.close()


def calls(ws: Workspace, plan: Plan) -> dict[str, Callable[[], Any]]:
    """One writing call of each kind the GUI and the CLI make."""
    item = load_assignments(ws.db, int(plan.id or 0))[0]
    leaf = plan.leaves()[0]
    entry = progress_entry(date(2024, 6, 1), "正在推进。", item.unit)
    return {
        "sync_plan": lambda: sync_plan(ws.db, plan),
        "save_assignments": lambda: save_assignments(ws.db, int(plan.id or 0),
                                                     [replace(item, status=IN_PROGRESS)]),
        "add_progress": lambda: add_progress(ws.db, int(item.id or 0), entry),
        "apply_updates": lambda: apply_updates(ws.db, [Update(int(item.id or 0), IN_PROGRESS, None, entry)]),
        "feedback_sheets": lambda: feedback_sheets(ws.db, plan),
        "apply": lambda: ws.apply(plan, SetText(leaf.id, "锁住时输入的文字")),
        "add_plan": lambda: ws.add_plan(Plan("第二个计划")),
        "add_unit": lambda: ws.add_unit("区新设单位"),
        "rename_unit": lambda: ws.rename_unit("区教育和体育局", "区教育局"),
        "set_archived": lambda: ws.set_archived(int(plan.id or 0), True),
    }


def test_every_kind_of_write_is_refused_plainly_while_locked_and_works_after(
        opened: tuple[Workspace, Plan], lock: sqlite3.Connection) -> None:
    ws, plan = opened
    before = ws.db.conn.execute("SELECT count(*), max(updated_at) FROM assignments").fetchone()
    text_before = plan.leaves()[0].text
    for name, call in calls(ws, plan).items():
        with pytest.raises(StoreBusy, match="工作区正被另一个程序") as caught:
            call()
        assert "OperationalError" not in str(caught.value), name
    assert plan.leaves()[0].text == text_before  # the plan in memory was put back
    assert ws.db.conn.execute("SELECT count(*), max(updated_at) FROM assignments").fetchone() == before
    assert ws.list_plans()  # reading still works while another program writes

    lock.execute("ROLLBACK")
    for call in calls(ws, plan).values():
        call()  # the same calls, tried again, now go through
    assert ws.load_plan(int(plan.id or 0)).leaves()[0].text == "锁住时输入的文字"


def test_another_process_holding_the_lock(opened: tuple[Workspace, Plan]) -> None:
    ws, plan = opened
    holder = subprocess.Popen([sys.executable, "-m", "tests.store.lock_holder", str(ws.path)], cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusy):
            sync_plan(ws.db, plan)
        with pytest.raises(StoreBusy):
            ws.apply(plan, SetText(plan.leaves()[0].id, "另一进程锁住时"))
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=30) == 0
    sync_plan(ws.db, plan)
    ws.apply(plan, SetText(plan.leaves()[0].id, "另一进程放开后"))
    assert ws.load_plan(int(plan.id or 0)).leaves()[0].text == "另一进程放开后"


def test_opening_a_locked_workspace_that_needs_no_change_works(opened: tuple[Workspace, Plan],
                                                                 lock: sqlite3.Connection) -> None:
    with Workspace.open(opened[0].path, busy_timeout_ms=20) as second:
        assert [p.title for p in second.list_plans()] == [opened[1].title]


@pytest.mark.parametrize("module", [tracking_store, feedback_store, feedback_undo, feedback_last])
def test_every_public_store_function_goes_through_the_boundary(module: object) -> None:
    public = [obj for name, obj in vars(module).items()
              if inspect.isfunction(obj) and not name.startswith("_") and obj.__module__ == module.__name__]
    assert public
    assert [f.__name__ for f in public if not hasattr(f, STORE_ACTION)] == []
