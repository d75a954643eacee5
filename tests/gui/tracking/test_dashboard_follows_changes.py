"""The dashboard, kept up to date change by change, keeps equalling a direct SQL tally.

The window updates the dashboard's counts, due lists and filters from what each change wrote
(``TrackingIndex``), not by counting the plan again. A seeded random run on the Laiwu sample —
a returned workbook imported through the 督办 command, statuses and progress entries, cells of
牵头/责任单位 and 完成时限 edited, rows added and deleted, Ctrl+Z and redo — and after every step
the units table, the categories table, the due lists and a unit filter must equal plain SQL over
the ``assignments`` table.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from desktop.core import operations as ops
from desktop.core.feedback_check import Update
from desktop.core.model import PlanError
from desktop.core.tracking import DONE, IN_PROGRESS, NOT_REPORTED, NOT_STARTED, ONGOING, progress_entry
from desktop.core.tracking_overview import RowFilter, category_of
from desktop.core.tracking_rounds import not_sent_keys
from desktop.formats.feedback.workbook import SHEET_TITLE
from desktop.store.rounds import reporting_state
from tests.gui.tracking.test_dashboard import TODAY, _nonzero, _sql_counts
from tests.gui.tracking_support import open_window, wait_job
from tests.support.feedback_fill import fill, rows_by_task

UNITS = ("区财政局", "区审计局", "区大数据服务中心、区统计局", "各街道（镇）")
DEADLINES = ("2024年6月底前", "2024年12月25日前", "长期坚持", "2025年3月底前")


def _check(window) -> None:
    ui = window.tracking_ui
    ui.state.flush()
    ui.show_dashboard()
    board = ui.dashboard
    db = window.workbench.workspace.db
    plan = window.session.plan
    plan_id = plan.id
    not_sent = not_sent_keys(reporting_state(db, plan_id)[1])  # 未开始 of units that sent nothing: 未报送
    expected = _sql_counts(db, plan_id)
    for key in not_sent & set(expected):
        if NOT_STARTED in expected[key]:
            expected[key][NOT_REPORTED] = expected[key].pop(NOT_STARTED)
    assert {tally.key: _nonzero(tally.counts) for tally in board.units_model.tallies} == expected
    for tally in board.categories_model.tallies:
        leaves = ",".join(str(leaf.id) for leaf in plan.leaves() if category_of(leaf).id == tally.task_id)
        summed: dict[str, int] = {}
        for unit, counts in _sql_counts(db, plan_id, f"AND task_id IN ({leaves})").items():
            for key, value in counts.items():
                key = NOT_REPORTED if key == NOT_STARTED and unit in not_sent else key
                summed[key] = summed.get(key, 0) + value
        assert _nonzero(tally.counts) == summed
    overdue = db.conn.execute(
        "SELECT task_id, unit FROM assignments WHERE plan_id = ? AND active = 1 AND status != 'done' "
        "AND due < ?", (plan_id, TODAY.isoformat())).fetchall()
    assert sorted((d.task_id, d.unit) for d in board.overdue_model.items) == sorted(overdue)
    first = board.units_model.tallies[0]
    rows = ui.scope.set_filter(RowFilter("unit", first.label, label=first.label))
    wanted = {task_id for (task_id,) in db.conn.execute(
        "SELECT DISTINCT task_id FROM assignments WHERE plan_id = ? AND active = 1 AND unit_key = ?",
        (plan_id, first.key))}
    current = window.tree.current_task_id()
    assert rows - {current} == wanted - {current}
    ui.scope.clear()


def _import_one_unit(qtbot, window, tmp_path: Path) -> None:
    ui = window.tracking_ui
    written, _warnings = wait_job(qtbot, ui.feedback.export_units_to(tmp_path / "发出", ["区政府办公室"],
                                                                     ("xlsx",)))
    (path,) = written
    tasks = list(rows_by_task(openpyxl.load_workbook(path)[SHEET_TITLE]))
    done, going = ("已按要求完成。", "已完成", date(2024, 6, 20)), ("正在推进。", "推进中", None)
    fill(path, {task: done if n % 2 else going for n, task in enumerate(tasks[:6])})
    wait_job(qtbot, ui.feedback.import_files([path]))
    if ui.feedback.result_dialog is not None:
        ui.feedback.result_dialog.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_dashboard_equals_sql_through_random_changes(qtbot, workspace, settings, tmp_path, seed) -> None:
    rng = random.Random(seed)
    window = open_window(qtbot, workspace, settings, TODAY)
    state = window.tracking_ui.state
    _import_one_unit(qtbot, window, tmp_path)
    _check(window)
    stack = window.workbench.stack
    for _step in range(20):
        kind = rng.choice(["status", "status", "entry", "units", "deadline", "add", "delete", "undo", "redo"])
        session = window.session
        plan = session.plan
        leaf = rng.choice(plan.leaves())
        try:
            if kind in ("status", "entry") and state.assignments:
                item = rng.choice([a for a in state.assignments if a.active])
                status = rng.choice([DONE, IN_PROGRESS, ONGOING, NOT_STARTED])
                entry = (progress_entry(date(2024, 12, 1), "随机填写的进展。", item.unit)
                         if kind == "entry" else None)
                done = date(2024, 11, rng.randint(1, 28)) if status == DONE else None
                state.apply([Update(int(item.id or 0), status, done, entry)], "修改督办状态")
            elif kind == "units":
                session.do(ops.SetAttr(leaf.id, "units", rng.choice(UNITS)))
            elif kind == "deadline":
                target = rng.choice([leaf, leaf.parent]) if leaf.parent is not plan.root else leaf
                session.do(ops.SetAttr(target.id, "deadline", rng.choice(DEADLINES)))
            elif kind == "add":
                session.do(ops.make_add_sibling(plan, leaf.id, "新增的要求", {"units": rng.choice(UNITS)}))
            elif kind == "delete" and len(leaf.parent.children) > 1:
                session.do(ops.make_delete(plan, leaf.id))
            elif kind == "undo" and stack.canUndo():
                stack.undo()
            elif kind == "redo" and stack.canRedo():
                stack.redo()
        except PlanError:
            continue
        _check(window)
