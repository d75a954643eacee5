"""The version windows in the real main window: a unit's edited copy taken over, snapshots, next year."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop.core.compare.accept import content_signature
from desktop.formats.exporters import export_plan
from desktop.formats.importers import import_file
from desktop.gui.versions.comparison_model import ACCEPT_COL, FILTERS
from tests.core.compare.edits import Editor
from tests.formats.compare.test_compare_samples import _edit
from tests.gui.test_screenshot import ink_statistics
from tests.support.images import image_target


def _units_copy(window, tmp_path: Path) -> tuple[Path, Editor]:
    """The shown plan edited in known ways, saved as a unit would return it."""
    editor = _edit(window.workbench.current.plan)
    path = tmp_path / "区发展改革局修改稿.docx"
    export_plan(editor.plan, path)
    return path, editor


def test_accept_all_from_a_units_docx_is_one_undo_step(window, tmp_path: Path) -> None:
    session = window.workbench.current
    before = session.plan.to_dict(with_ids=True)
    path, _ = _units_copy(window, tmp_path)
    compare = window.version_actions.commands.compare_with_file(path)
    assert compare.comparison.proposer == "区发展改革局"
    counts = compare.comparison.counts()
    assert (counts["moved"], counts["changed"], counts["attrs"], counts["merged"], counts["split"],
            counts["added"], counts["removed"]) == (1, 1, 1, 1, 1, 1, 1)
    assert "新增 1" in compare.counts.text()

    compare.filter.setCurrentIndex([key for _, key in FILTERS].index("added"))
    assert compare.model.rowCount() == 1
    compare.tick_all.click()  # all of one kind
    assert len(compare.model.chosen()) == 1
    compare.filter.setCurrentIndex(0)
    model = compare.model
    for row in range(model.rowCount()):
        model.setData(model.index(row, ACCEPT_COL), Qt.CheckState.Checked.value,
                      Qt.ItemDataRole.CheckStateRole)
    assert len(model.chosen()) == len(compare.comparison.changes()) == 7
    depth = session.stack.count()
    assert compare.accept_chosen() == 7
    assert session.stack.count() == depth + 1
    assert session.stack.undoText() == "采纳区发展改革局的修改（7 处）"
    assert content_signature(session.plan) == content_signature(import_file(path))
    assert compare.comparison.changes() == []  # compared again: nothing left to take over
    stored = window.workbench.workspace.load_plan(session.plan.id)
    assert content_signature(stored) == content_signature(import_file(path))

    session.stack.undo()
    assert session.plan.to_dict(with_ids=True) == before
    assert window.workbench.workspace.load_plan(session.plan.id).to_dict(with_ids=True) == before
    compare.close()


def test_reject_some_changes(window, tmp_path: Path) -> None:
    session = window.workbench.current
    path, editor = _units_copy(window, tmp_path)
    compare = window.version_actions.commands.compare_with_file(path)
    compare.filter.setCurrentIndex([key for _, key in FILTERS].index("changed"))
    compare.tick_all.click()
    assert compare.accept_chosen() == 1
    reworded = next(iter(editor.truth.reworded))
    assert session.plan[reworded].text == editor.plan[reworded].text
    assert len(compare.comparison.changes()) == 6  # the rejected ones are still offered
    compare.close()


def test_comparison_window_screenshot(window, tmp_path: Path, qtbot) -> None:
    path, _ = _units_copy(window, tmp_path)
    compare = window.version_actions.commands.compare_with_file(path)
    compare.comparison.changes()[0].note = "根据区委意见修改"
    compare.resize(1400, 820)
    qtbot.waitExposed(compare)
    qtbot.waitUntil(lambda: compare.view.rowHeight(0) > 30)
    image = compare.grab().toImage()
    colours, ink = ink_statistics(image)
    assert colours > 100 and 0.02 < ink < 0.6
    shot = image_target("comparison-window.png", tmp_path)
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    assert image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(shot), "PNG", 9)
    target = compare.export(tmp_path / "修改对照表.docx")
    assert target is not None and target.stat().st_size > 0
    compare.close()


def test_snapshots_dialog(window, tmp_path: Path) -> None:
    session = window.workbench.current
    before = session.plan.to_dict(with_ids=True)
    dialog = window.version_actions.commands.snapshots()
    assert dialog.save("初稿").name == "初稿"
    leaf = session.plan.leaves()[0]
    from desktop.core.operations import SetText

    session.do(SetText(leaf.id, "改过的内容"))
    edited = session.plan.to_dict(with_ids=True)
    dialog.table.selectRow(0)
    viewer = dialog.view_selected()
    assert viewer.tree.topLevelItemCount() == len(session.plan.root.children)
    compare = dialog.compare_with_current()
    assert [e.kind for e in compare.comparison.changes()] == ["changed"]
    assert compare.comparison.changes()[0].old_ids == [leaf.id]  # same history: matched by task id
    assert dialog.export_selected(tmp_path / "初稿.docx") is not None
    assert dialog.restore_selected(confirm=False)
    assert session.plan.to_dict(with_ids=True)["tasks"] == before["tasks"]
    assert session.stack.undoText() == "恢复到快照“初稿”"
    session.stack.undo()
    assert session.plan.to_dict(with_ids=True) == edited
    dialog.rename_selected("第一稿")
    assert [i.name for i in dialog.infos] == ["第一稿"]
    assert dialog.delete_selected(confirm=False)
    assert dialog.infos == []
    for widget in (viewer, compare, dialog):
        widget.close()


def test_next_year_from_the_menu(window) -> None:
    result = window.version_actions.commands.next_year()
    current = window.workbench.current.plan
    assert current.title == "2025年莱芜区政务公开重点工作任务分工"
    assert current.id == result.plan.id and current.fields["year"] == 2025
    assert any(s.old == "2024年12月底前" for s in result.shifts)
    window.workbench.stack.undo()  # the new plan goes to the recycle bin
    assert all(s.title != current.title for s in window.workbench.summaries())
