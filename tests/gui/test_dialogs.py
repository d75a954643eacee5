"""The units directory, the unit picker, the plan properties and the import preview dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from desktop.core.operations import Batch
from desktop.core.style import PRESETS, style_of
from desktop.formats.tables.column_map import ColumnRole
from desktop.formats.tables.import_mapping import read_for_import
from desktop.gui.plans.import_dialog import ImportDialog
from desktop.gui.plans.plan_dialog import PlanDialog
from desktop.gui.plans.style_edit import with_columns
from desktop.gui.units.unit_picker import UnitPickerDialog
from desktop.gui.units.units_dialog import UnitsDialog, workspace_usage


def test_units_dialog_rename_merge_reorder_paste(qtbot, window) -> None:
    bench = window.workbench
    plan = bench.current.plan
    dialog = UnitsDialog(bench, window)
    qtbot.addWidget(dialog)
    names = dialog.names()
    assert "区发展改革局" in names
    used, _ = workspace_usage(bench)
    assert used["区发展改革局"] == 5
    usage_cell = dialog.table.item(names.index("区发展改革局"), 3).text()
    assert int(usage_cell) == used["区发展改革局"]

    dialog.table.selectRow(names.index("区发展改革局"))
    assert dialog._edit("重命名单位", lambda: bench.workspace.rename_unit("区发展改革局", "区发展和改革局"))
    assert sum("区发展和改革局" in t.attrs.get("units", "") for t in plan.tasks()) == 5
    assert any("区发展和改革局" in c.text for c in window.table_model.grid.cells)  # the view followed
    window.main_actions.undo.trigger()  # the rename is an undo step: renamed back everywhere
    assert sum("区发展改革局" in t.attrs.get("units", "") for t in plan.tasks()) == 5
    assert bench.workspace.units().find("区发展和改革局") is None
    assert any("区发展改革局" in c.text for c in window.table_model.grid.cells)
    window.main_actions.redo.trigger()
    assert bench.workspace.units().get("区发展和改革局").name == "区发展和改革局"

    added = dialog.add_names(["测试新单位甲", "测试新单位乙", "区发展和改革局"])
    assert added == 2
    assert dialog.names()[-2:] == ["测试新单位甲", "测试新单位乙"]
    dialog.table.selectRow(dialog.names().index("测试新单位乙"))
    dialog.move_selected(-1)
    assert dialog.names()[-2:] == ["测试新单位乙", "测试新单位甲"]
    window.main_actions.undo.trigger()  # the reorder
    assert dialog.names()[-2:] == ["测试新单位甲", "测试新单位乙"]
    window.main_actions.undo.trigger()  # both names added by the paste were one step
    assert "测试新单位甲" not in bench.workspace.units().names()
    window.main_actions.redo.trigger()
    dialog.reload()
    assert dialog.merge_into("测试新单位乙", "测试新单位甲")
    assert "测试新单位甲" not in dialog.names()
    assert bench.workspace.units().find("测试新单位甲").name == "测试新单位乙"  # kept as an alias


def test_unit_picker_orders_by_directory_and_keeps_free_text(qtbot, window) -> None:
    directory = window.workbench.workspace.units()
    first, second = directory.names()[0], directory.names()[3]
    text = f"{second}、{first}按职责分工分别牵头落实"
    dialog = UnitPickerDialog(directory, text)
    qtbot.addWidget(dialog)
    assert dialog.result_text() == text  # unchanged choice: the cell's text byte for byte
    assert dialog.chosen() == [second, f"{first}按职责分工分别牵头落实"]
    dialog.free.setText("等有关单位")
    dialog._add_free()
    dialog.by_hand.setChecked(False)
    assert dialog.result_text() == f"{second}、{first}按职责分工分别牵头落实、等有关单位"
    dialog.search.setText(first[:3])
    items = [dialog.units.item(i) for i in range(dialog.units.count())]
    visible = [item.text() for item in items if not item.isHidden()]
    assert visible and all(first[:3] in v for v in visible)
    item = next(item for item in items if item.text() == first)
    item.setCheckState(item.checkState().Checked)
    assert dialog.result_text().startswith(f"{first}、{second}")  # directory order


def test_plan_dialog_changes_are_one_batch(qtbot, window) -> None:
    session = window.workbench.current
    plan = session.plan
    dialog = PlanDialog(plan, window)
    qtbot.addWidget(dialog)
    assert dialog.changes() == []  # nothing touched, nothing to do
    dialog.title.setText("新的标题")
    dialog.doc_number.setText("莱芜政办发〔2024〕2号")
    dialog.attr_boxes["lead"].setChecked(True)
    dialog.body_size.setValue(10.5)
    dialog.schemes[1][0].setCurrentIndex(dialog.schemes[1][0].findData("arabic"))
    changes = dialog.changes()
    assert {op.name for op in changes} == {"title", "doc_number", "style", "numbering"}
    session.do(Batch(changes, label="修改计划信息"))
    style = style_of(plan.fields)
    assert "lead" in [c.attr for c in style.columns] and style.body_font_size == 10.5
    assert window.table.model().columnCount() == len(style.columns)
    assert window.tree_model.number(plan.root.children[0].children[0].id) == "1."
    session.stack.undo()
    assert plan.title == "2024年莱芜区政务公开重点工作任务分工"


def test_with_columns_keeps_widths_and_order() -> None:
    laiwu = PRESETS["laiwu2024"]
    changed = with_columns(laiwu, False, ["deadline", "units", "lead"])
    assert [c.kind for c in changed.columns][:3] == ["level", "level", "requirement"]
    assert [c.attr for c in changed.columns if c.kind == "attr"] == ["units", "deadline", "lead"]
    assert with_columns(laiwu, True, ["units", "deadline"]) is laiwu


def test_import_preview_rereads_with_corrected_columns(qtbot, samples_dir: Path) -> None:
    found = read_for_import(samples_dir / "laiwu-2024.docx")
    assert found.columns is not None
    dialog = ImportDialog(samples_dir / "laiwu-2024.docx", found)
    qtbot.addWidget(dialog)
    assert len(dialog.plan.leaves()) == 59
    assert dialog.tree.topLevelItemCount() == len(dialog.plan.root.children)
    roles = dialog.chosen_roles()
    assert [r.kind for r in roles] == ["seq", "level", "level", "requirement", "attr", "attr"]
    # the clerk says the deadline column is a note instead
    combo = dialog.columns.cellWidget(5, 1)
    notes = [i for i in range(combo.count())
             if isinstance(combo.itemData(i), ColumnRole) and combo.itemData(i).attr == "note"]
    combo.setCurrentIndex(notes[0])
    dialog.reread()
    leaf = dialog.plan.leaves()[0]
    assert leaf.effective("note") == "2024年12月底前" and leaf.effective("deadline") == ""
    dialog.title.setText("改过标题的导入")
    assert dialog.accepted_plan().title == "改过标题的导入"


def test_import_preview_names_the_source_and_asks_to_check_a_pdf(qtbot, samples_dir: Path) -> None:
    path = samples_dir / "rw" / "laiwu-2024.pdf"
    found = read_for_import(path)
    dialog = ImportDialog(path, found)
    qtbot.addWidget(dialog)
    shown = dialog.source.text().split("\n")
    assert shown[0] == "来源：PDF 文件中的表格（共 22 页）"
    assert "请对照原文件逐行核对：从 PDF 读出的表格可能有断行或错位。" in shown
    assert "请核对：第 59 行的“完成时限”只写着“—8— —9—”，像是旧文件留下的页码" in shown
    assert found.columns is not None and len(dialog.plan.leaves()) == 59
    dialog.show_pages(path)
    pages = dialog.pages_window
    assert pages is not None and pages.isVisible()
    first = pages.image.pixmap().toImage()
    assert first.width() > 800 and first.height() > 1200  # A4 at 1.5 × 72 dpi
    pages.page.setValue(22)
    assert pages.image.pixmap().toImage() != first
    pages.close()


def test_import_preview_of_a_text_has_no_columns(qtbot, samples_dir: Path) -> None:
    found = read_for_import(samples_dir / "gaoxin-2020-plan.txt")
    assert found.columns is None
    dialog = ImportDialog(samples_dir / "gaoxin-2020-plan.txt", found)
    qtbot.addWidget(dialog)
    assert dialog.columns.rowCount() == 0
    assert dialog.tree.topLevelItemCount() >= 2


def test_import_files_through_the_window(qtbot, window, samples_dir: Path) -> None:
    from tests.gui.driving import on_next_dialog

    def accept(dialog) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.accept()

    seen = on_next_dialog(accept, timeout_ms=15000)
    before = len(window.workbench.summaries())
    window.commands.import_files([str(samples_dir / "taian-2017.xlsx")])
    qtbot.waitUntil(lambda: len(window.workbench.summaries()) == before + 1, timeout=15000)
    assert seen == ["ImportDialog"]
    assert window.workbench.current.plan.title.startswith("2017年泰安市")
    assert window.table.model().rowCount() == 139
    assert QDialog is not None


def test_collecting_units_skips_free_text_phrases(qtbot, window) -> None:
    from desktop.gui.units.units_dialog import looks_like_unit

    assert looks_like_unit("区大数据服务中心")
    assert not looks_like_unit("区财政局等有关部门单位")
    assert not looks_like_unit("各部门按职责分工分别落实")
    bench = window.workbench
    bench.workspace.delete_unit("区水务局")
    dialog = UnitsDialog(bench, window)
    qtbot.addWidget(dialog)
    dialog.collect()
    assert "区水务局" in dialog.names()
    assert not any("等有关部门单位" in name for name in dialog.names())


def test_dropping_a_file_on_the_window_imports_it(qtbot, window, samples_dir: Path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl

    from tests.gui.driving import drop_on, on_next_dialog

    seen = on_next_dialog(lambda dialog: dialog.accept(), timeout_ms=15000)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(samples_dir / "laiwu-2024.xlsx"))])
    before = len(window.workbench.summaries())
    assert drop_on(window, QPoint(700, 400), mime, action=Qt.DropAction.CopyAction)
    qtbot.waitUntil(lambda: len(window.workbench.summaries()) == before + 1, timeout=15000)
    assert seen == ["ImportDialog"]
    assert window.table.model().rowCount() == 59
