"""Screenshots of the import preview's 导入方式 for docs/gui.md (issue 14, item 11).

Two pictures from the real dialog on samples/gaoxin-2020-plan.txt: as it opens (three sections,
one row per sentence), and after the clerk left out the sections without tasks, lifted the task
headings and merged two rows (the merged row selected). Each is checked for ink;
``FENJIE_UPDATE_IMAGES=1`` writes them to docs/images.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.formats.tables.import_mapping import read_for_import
from desktop.formats.text.shape import LIFT, MODE_LABELS
from desktop.gui.plans.import_dialog import ImportDialog
from tests.gui.clerk_actions import Actions
from tests.gui.test_editing_screenshots import save

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_import_options_screenshots(qtbot, tmp_path: Path, samples_dir: Path, settings) -> None:
    path = samples_dir / "gaoxin-2020-plan.txt"
    dialog = ImportDialog(path, read_for_import(path), settings=settings)
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.shape_panel is not None
    before = save(dialog.grab().toImage(), "import-options-before.png", tmp_path)
    act = Actions()
    tree = dialog.tree
    act.click_item(tree, tree.topLevelItem(0), "一、目标要求")
    act.click_item(tree, tree.topLevelItem(2), "三、保障措施", CTRL)
    act.click(dialog.leave_out, "不导入所选")
    act.choose(dialog.shape_panel.level_combos[0], MODE_LABELS[LIFT], "第 1 级标题")
    third = tree.topLevelItem(2)
    act.click_item(tree, third.child(1), "一是…")
    act.click_item(tree, third.child(2), "下一行", SHIFT)
    act.click(dialog.merge_rows, "合并为一行")
    assert dialog.tree.topLevelItemCount() == 5 and dialog.marks.text() == "已标记：2 处不导入，1 处合并"
    after = save(dialog.grab().toImage(), "import-options.png", tmp_path)
    assert before.stat().st_size > 0 and after.stat().st_size > 0
