"""The import preview's options for a work-plan text, driven through the real dialog's widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.formats.tables.import_mapping import read_for_import
from desktop.formats.text.shape import ALL_LEFT_OUT, LIFT, MODE_LABELS
from desktop.gui.plans.import_dialog import ImportDialog
from tests.gui.clerk_actions import Actions
from tests.gui.driving import on_next_dialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
GAOXIN_TASKS = ["全面落实试点领域标准指引", "加强政务公开平台规范化建设", "优化完善政务公开制度体系",
                "编制完成其他领域标准指引", "全面建成政务公开标准体系"]


def _dialog(qtbot, path: Path, settings=None) -> ImportDialog:
    dialog = ImportDialog(path, read_for_import(path), settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _tops(dialog: ImportDialog) -> list[str]:
    return [dialog.tree.topLevelItem(n).text(0) for n in range(dialog.tree.topLevelItemCount())]


def _to_annex(dialog: ImportDialog, act: Actions) -> None:
    """Leave out 一、目标要求 and 三、保障措施, then lift the task headings of 二、工作任务."""
    tree = dialog.tree
    act.click_item(tree, tree.topLevelItem(0), "选中“一、目标要求”")
    act.click_item(tree, tree.topLevelItem(2), "加选“三、保障措施”", CTRL)
    act.click(dialog.leave_out, "不导入所选")
    assert dialog.shape_panel is not None
    act.choose(dialog.shape_panel.level_combos[0], MODE_LABELS[LIFT], "第 1 级标题")


def test_a_text_shows_its_options_instead_of_columns(qtbot, samples_dir: Path) -> None:
    dialog = _dialog(qtbot, samples_dir / "gaoxin-2020-plan.txt")
    panel = dialog.shape_panel
    assert panel is not None and panel.isVisible() and not dialog.columns.isVisible()
    assert panel.per_sentence.isChecked() and len(panel.level_combos) == 2
    assert "（一）" in panel.layout().itemAt(2 * 2).widget().text()  # level 2's label names its numbering
    assert dialog.merge_rows.isVisible() and not dialog.merge_rows.isEnabled()
    table = _dialog(qtbot, samples_dir / "laiwu-2024.xlsx")
    assert table.shape_panel is None and not table.merge_rows.isVisible() and table.columns.rowCount() == 6


def test_leaving_out_sections_and_lifting_a_level_reshapes_the_preview(qtbot, samples_dir: Path) -> None:
    dialog = _dialog(qtbot, samples_dir / "gaoxin-2020-plan.txt")
    assert _tops(dialog) == ["一、目标要求", "二、工作任务", "三、保障措施"]
    _to_annex(dialog, Actions())
    assert _tops(dialog) == [f"（{n}）{t}" for n, t in zip("一二三四五", GAOXIN_TASKS, strict=True)]
    assert [t.text for t in dialog.plan.root.children] == GAOXIN_TASKS
    assert dialog.summary.text().startswith("26 行要求，5 项类别")
    assert dialog.marks.text() == "已标记：2 处不导入，0 处合并"


def test_one_row_per_paragraph_and_back(qtbot, samples_dir: Path) -> None:
    dialog = _dialog(qtbot, samples_dir / "gaoxin-2020-plan.txt")
    act = Actions()
    _to_annex(dialog, act)
    assert dialog.shape_panel is not None
    act.click(dialog.shape_panel.per_paragraph, "每段一行")
    assert [dialog.tree.topLevelItem(n).childCount() for n in range(5)] == [1, 1, 1, 1, 1]
    assert dialog.plan.leaves()[0].text.startswith("2020年9月22日前") and len(dialog.plan.leaves()) == 5
    act.click(dialog.shape_panel.per_sentence, "每句一行")
    assert len(dialog.plan.leaves()) == 26 and len(_tops(dialog)) == 5


def test_a_level_as_rows_folds_its_headings_into_rows(qtbot, samples_dir: Path) -> None:
    dialog = _dialog(qtbot, samples_dir / "laiwu-2024-body.txt")
    assert dialog.shape_panel is not None
    Actions().choose(dialog.shape_panel.level_combos[1], "连同下文并为一行", "第 2 级标题")
    assert dialog.tree.topLevelItemCount() == 6 and len(dialog.plan.leaves()) == 16
    assert dialog.tree.topLevelItem(0).child(0).text(0).startswith("以公开助推高质量发展。紧扣")


def test_marked_rows_are_merged_and_the_merged_row_stays_selected(qtbot, samples_dir: Path) -> None:
    dialog = _dialog(qtbot, samples_dir / "gaoxin-2020-plan.txt")
    act = Actions()
    _to_annex(dialog, act)
    third = dialog.tree.topLevelItem(2)
    assert third.child(1).text(0) == "一是政府信息管理方面。"
    act.click_item(dialog.tree, third.child(1), "选中“一是…”")
    assert not dialog.merge_rows.isEnabled()
    act.click_item(dialog.tree, dialog.tree.topLevelItem(3), "加选一个类别", CTRL)
    assert not dialog.merge_rows.isEnabled()  # a row and a category cannot be merged
    act.click_item(dialog.tree, third.child(1), "重新选中“一是…”")
    act.click_item(dialog.tree, third.child(2), "连选下一行", SHIFT)
    assert len(dialog.selected_tasks()) == 2
    assert dialog.selected_tasks() and dialog.merge_rows.isEnabled()
    act.click(dialog.merge_rows, "合并为一行")
    third = dialog.tree.topLevelItem(2)
    assert third.childCount() == 15
    assert third.child(1).text(0).startswith("一是政府信息管理方面。实行政府信息全生命周期管理")
    assert dialog.tree.currentItem() is third.child(1) and third.child(1).isSelected()
    assert dialog.marks.text() == "已标记：2 处不导入，1 处合并"
    # The Delete key leaves the selected (merged) row out.
    act.key(dialog.tree, Qt.Key.Key_Delete, "Delete")
    assert dialog.tree.topLevelItem(2).childCount() == 14
    assert not dialog.tree.topLevelItem(2).child(1).text(0).startswith("一是")
    act.click(dialog.restore, "恢复全部行")
    # Lifting is an option, not a mark: 一、's two sentences and the tasks of 二、 and 三、 are on top.
    assert _tops(dialog)[0].startswith("立足基层政府")
    assert _tops(dialog)[2] == "（一）全面落实试点领域标准指引"
    assert len(_tops(dialog)) == 11 and dialog.marks.text() == "" and not dialog.restore.isEnabled()


def test_leaving_everything_out_is_refused_and_the_preview_kept(qtbot, samples_dir: Path) -> None:
    dialog = _dialog(qtbot, samples_dir / "gaoxin-2020-plan.txt")
    act = Actions()
    act.click_item(dialog.tree, dialog.tree.topLevelItem(0), "选中第一项")
    act.click_item(dialog.tree, dialog.tree.topLevelItem(2), "选到最后一项", SHIFT)
    messages: list[str] = []

    def read_and_close(box) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    on_next_dialog(read_and_close, timeout_ms=20000)
    act.click(dialog.leave_out, "不导入所选")
    qtbot.waitUntil(lambda: messages == [ALL_LEFT_OUT], timeout=20000)
    assert _tops(dialog) == ["一、目标要求", "二、工作任务", "三、保障措施"] and not dialog.shape.dropped


def test_importing_the_shaped_text_is_one_undo_step_and_the_options_are_remembered(
        qtbot, window, settings, samples_dir: Path) -> None:
    path = samples_dir / "gaoxin-2020-plan.txt"
    act = Actions()

    def shape_and_import(dialog) -> None:
        assert isinstance(dialog, ImportDialog)
        _to_annex(dialog, act)
        assert dialog.shape_panel is not None
        act.click(dialog.shape_panel.per_paragraph, "每段一行")
        act.click(_ok(dialog), "导入")

    seen = on_next_dialog(shape_and_import, timeout_ms=60000)
    before = len(window.workbench.summaries())
    depth = window.workbench.stack.index()
    window.commands.import_files([str(path)])
    qtbot.waitUntil(lambda: len(window.workbench.summaries()) == before + 1, timeout=60000)
    assert seen == ["ImportDialog"]
    plan = window.workbench.current.plan
    assert [t.text for t in plan.root.children] == GAOXIN_TASKS and len(plan.leaves()) == 5
    stored = window.workbench.workspace.load_plan(window.workbench.current.plan_id)
    assert [t.text for t in stored.root.children] == GAOXIN_TASKS
    assert window.workbench.stack.index() == depth + 1  # the import is one undo step
    window.workbench.stack.undo()
    assert len(window.workbench.summaries()) == before
    # The next text is offered the options chosen last (rows per paragraph, level 1 lifted) …
    again = ImportDialog(path, read_for_import(path), settings=settings)
    qtbot.addWidget(again)
    assert again.shape_panel is not None and again.shape_panel.per_paragraph.isChecked()
    assert again.shape_panel.level_combos[0].currentData() == LIFT
    assert len(again.plan.leaves()) == 10 and again.tree.topLevelItemCount() == 1 + 5 + 4
    # … but not the marks, which belong to the file they were made on.
    assert not again.shape.dropped and not again.shape.merges
    assert QApplication.activeModalWidget() is None


def _ok(dialog: ImportDialog):
    from PySide6.QtWidgets import QDialogButtonBox

    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok)
