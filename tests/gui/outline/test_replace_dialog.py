"""查找替换 through the real dialog: the count as the clerk types, replace all as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core import operations as ops
from desktop.gui.outline.replace_dialog import ReplaceDialog
from tests.gui.driving import on_next_dialog
from tests.gui.outline.test_multi_select import CTRL, click, open_sample, task


def test_replace_all_in_the_plan_and_in_the_selection(qtbot, window) -> None:
    session, plan = open_sample(window)
    for text in "abe":
        session.do(ops.SetText(task(plan, text), f"各镇（街道）要做好{text}。"))
    session.do(ops.SetAttr(task(plan, "二"), "units", "各镇（街道）"))
    depth = session.stack.index()
    seen: list[str] = []

    def replace(dialog) -> None:
        assert isinstance(dialog, ReplaceDialog)
        dialog.needle.insert("各镇（街道）要")  # typed (QTest cannot type Chinese)
        seen.append(dialog.status.text())
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.status.text())
        dialog.reject()

    on_next_dialog(replace)
    qtbot.keyClick(window.tree, Qt.Key.Key_H, CTRL)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == ["找到 3 处（3 项任务）", "已替换 3 处（可按 Ctrl+Z 撤销）"]
    assert [plan[task(plan, f"做好{t}。")].text for t in "abe"] == ["做好a。", "做好b。", "做好e。"]
    assert plan[task(plan, "二")].attrs["units"] == "各镇（街道）"  # 要 was not in the unit
    assert session.stack.index() == depth + 1
    session.stack.undo()
    assert plan[task(plan, "各镇（街道）要做好a。")].parent is not None

    # only in the selection (二 and its row e): units are searched too
    click(qtbot, window, plan, "二")
    click(qtbot, window, plan, "c", CTRL)
    done: list[bool] = []

    def in_selection(dialog) -> None:
        dialog.selection.setChecked(True)
        dialog.needle.setText("各镇（街道）")
        dialog.replacement.setText("各街道")
        done.append(dialog.replace_all())
        dialog.reject()

    on_next_dialog(in_selection)
    window.main_actions.replace.trigger()
    assert done == [True]
    assert plan[task(plan, "二")].attrs["units"] == "各街道"
    assert plan[task(plan, "各街道要做好e。")].parent is not None
    assert plan[task(plan, "各镇（街道）要做好a。")].parent is not None  # outside the selection
