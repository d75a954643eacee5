"""The app starts even when the last plan is huge, damaged, or killed the last start (issue 11 defect 4).

The window then shows the plan list (no plan opened) and says why in the status bar, instead of
spending a minute and a gigabyte on the plan again, or never showing a window.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.limits import MAX_TASKS
from desktop.core.model import Plan
from desktop.gui.shell.main_window import OPENING_KEY, MainWindow
from desktop.store.workspace import Workspace
from tests.gui.driving import on_next_dialog


def start(qtbot, workspace: Workspace, settings) -> MainWindow:
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_start_that_died_opening_the_last_plan_shows_the_list(qtbot, workspace, settings) -> None:
    plan_id = workspace.list_plans()[0].id
    settings.setValue("last_plan", plan_id)
    settings.setValue(OPENING_KEY, plan_id)  # what a start killed while opening the plan leaves
    window = start(qtbot, workspace, settings)
    assert window.session is None
    assert "上次启动时没能打开计划" in window.statusBar().currentMessage()
    assert settings.value(OPENING_KEY) is None
    window.open_plan(plan_id)  # the clerk can still open it from the list
    assert window.session is not None and window.session.plan_id == plan_id


def test_a_huge_last_plan_is_not_opened_by_itself(qtbot, tmp_path: Path, settings) -> None:
    db = tmp_path / "w.sqlite3"
    with Workspace.open(db, seed_sample=False) as workspace:
        plan_id = workspace.add_plan(Plan("以前导入的超大计划")).plan_id
    with sqlite3.connect(str(db)) as conn:  # stored by an older Fenjie that had no limits
        rows = [(plan_id, n, n, f"第{n}行") for n in range(1, MAX_TASKS + 2)]
        conn.executemany("INSERT INTO tasks (plan_id, id, parent_id, position, text) "
                         "VALUES (?, ?, NULL, ?, ?)", rows)
    settings.setValue("last_plan", plan_id)
    with Workspace.open(db) as workspace:
        window = start(qtbot, workspace, settings)
        assert window.session is None
        assert "超过上限" in window.statusBar().currentMessage()
        assert window.plan_list.list.topLevelItemCount() == 1
        window.close()


def test_a_damaged_last_plan_is_one_sentence(qtbot, tmp_path: Path, settings) -> None:
    db = tmp_path / "w.sqlite3"
    with Workspace.open(db) as workspace:
        plan_id = workspace.list_plans()[0].id
    with sqlite3.connect(str(db)) as conn:
        conn.execute("UPDATE plans SET fields = '{\"broken' WHERE id = ?", (plan_id,))
    settings.setValue("last_plan", plan_id)
    with Workspace.open(db) as workspace:
        window = start(qtbot, workspace, settings)
        assert window.session is None
        assert "数据已损坏" in window.statusBar().currentMessage()
        seen = on_next_dialog(lambda dialog: dialog.accept())
        window.open_plan(plan_id)
        assert seen == ["QMessageBox"]
        window.close()
