"""Two writers on one workspace (issue 11 defect 1): a write from a stale copy is refused, never silent.

Two real ``Workspace`` connections on one file stand for two windows (or the app and the CLI);
a child process stands for a second program. Whatever one writes, the other's stale copy cannot
overwrite: it gets :class:`StaleWrite`, its plan in memory is put back, and after reloading the
same edit goes through on top of the other writer's.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core import operations as ops
from desktop.core.model import Plan, PlanError
from desktop.core.rebase import with_free_ids
from desktop.store.errors import StaleWrite
from desktop.store.tracking_store import sync_plan
from desktop.store.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def two(tmp_path: Path, laiwu_plan: Plan) -> Iterator[tuple[Workspace, Workspace, int]]:
    first = Workspace.open(tmp_path / "w.sqlite3", seed_sample=False)
    plan_id = first.add_plan(laiwu_plan).plan_id
    second = Workspace.open(tmp_path / "w.sqlite3")
    yield first, second, plan_id
    second.close()
    first.close()


def test_two_new_tasks_both_survive_with_different_ids(two) -> None:
    a_ws, b_ws, plan_id = two
    a, b = a_ws.load_plan(plan_id), b_ws.load_plan(plan_id)
    a_op = ops.make_add_child(a, a.root.children[0].id)
    a_ws.apply(a, a_op)
    a_ws.apply(a, ops.SetText(a_op.subtree["id"], "窗口甲的新任务"))

    b_op = ops.make_add_child(b, b.root.children[0].id)
    assert b_op.subtree["id"] == a_op.subtree["id"]  # both copies hand out the same next id
    before = b.to_dict(with_ids=True)
    with pytest.raises(StaleWrite, match="另一个窗口或程序"):
        b_ws.apply(b, b_op)
    assert b.to_dict(with_ids=True) == before  # the stale copy is put back as it was

    b = b_ws.load_plan(plan_id)
    b_op = with_free_ids(b_op, b)
    b_ws.apply(b, b_op)
    b_ws.apply(b, ops.SetText(b_op.subtree["id"], "窗口乙的新任务"))
    stored = a_ws.load_plan(plan_id)
    texts = {t.id: t.text for t in stored.tasks()}
    assert texts[a_op.subtree["id"]] == "窗口甲的新任务"
    assert texts[b_op.subtree["id"]] == "窗口乙的新任务"
    assert a_op.subtree["id"] != b_op.subtree["id"]


def test_a_stale_deadline_does_not_revert_a_text_edit(two) -> None:
    a_ws, b_ws, plan_id = two
    a, b = a_ws.load_plan(plan_id), b_ws.load_plan(plan_id)
    leaf = a.leaves()[3].id
    a_ws.apply(a, ops.SetText(leaf, "甲改过的文字"))
    with pytest.raises(StaleWrite):
        b_ws.apply(b, ops.SetAttr(leaf, "deadline", "2025年6月底前"))
    assert b_ws.changed_tasks(plan_id, b.revision) == {leaf}  # the row the other writer changed
    b = b_ws.load_plan(plan_id)
    b_ws.apply(b, ops.SetAttr(leaf, "deadline", "2025年6月底前"))
    stored = a_ws.load_plan(plan_id)[leaf]
    assert (stored.text, stored.attrs["deadline"]) == ("甲改过的文字", "2025年6月底前")


def test_a_deleted_task_does_not_come_back(two) -> None:
    a_ws, b_ws, plan_id = two
    a, b = a_ws.load_plan(plan_id), b_ws.load_plan(plan_id)
    leaf = a.leaves()[5].id
    a_ws.apply(a, ops.make_delete(a, leaf))
    with pytest.raises(StaleWrite):
        b_ws.apply(b, ops.SetText(leaf, "乙在旧副本上的修改"))
    b = b_ws.load_plan(plan_id)
    assert leaf not in b
    with pytest.raises(PlanError, match="没有编号为"):  # the task is gone, said plainly
        b_ws.apply(b, ops.SetText(leaf, "乙在旧副本上的修改"))
    assert leaf not in a_ws.load_plan(plan_id)


def test_a_stale_copy_cannot_sync_assignments(two) -> None:
    a_ws, b_ws, plan_id = two
    a, b = a_ws.load_plan(plan_id), b_ws.load_plan(plan_id)
    a_ws.apply(a, ops.SetAttr(a.leaves()[0].id, "units", "区财政局"))
    with pytest.raises(StaleWrite):
        sync_plan(b_ws.db, b)
    sync_plan(a_ws.db, a)


def test_a_second_process_writing_meanwhile(two) -> None:
    a_ws, _b_ws, plan_id = two
    a = a_ws.load_plan(plan_id)
    leaf = a.leaves()[0].id
    script = ("import sys; from desktop.store.workspace import Workspace;"
              "from desktop.core.operations import SetText;"
              "ws = Workspace.open(sys.argv[1]); p = ws.load_plan(int(sys.argv[2]));"
              "ws.apply(p, SetText(int(sys.argv[3]), '另一进程写入')); ws.close()")
    subprocess.run([sys.executable, "-c", script, str(a_ws.path), str(plan_id), str(leaf)], cwd=REPO,
                   check=True, timeout=120)
    with pytest.raises(StaleWrite):
        a_ws.apply(a, ops.SetText(leaf, "本进程的旧副本"))
    assert a_ws.load_plan(plan_id)[leaf].text == "另一进程写入"
