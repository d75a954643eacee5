"""Units found in imported text are shown where the clerk decides (issue 14, defect 4).

The import preview lists them (建议：…) and can accept them all; the properties panel offers them
under 责任单位 with 采用 / 忽略; 编辑 → 采用全部建议单位 takes every one. Each is one undo step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.core.model import Plan
from desktop.core.suggestions import SUGGESTED_UNITS, with_suggestions
from desktop.formats.tables.import_mapping import read_for_import
from desktop.gui.plans.import_dialog import ImportDialog


def plan_with_suggestions() -> Plan:
    plan = Plan("建议单位")
    top = plan.make_task("一、统筹推进")
    plan.insert_subtree(plan.ROOT_ID, 0, top)
    for n, (text, found) in enumerate((("区财政局负责保障经费。", "区财政局"),
                                       ("区审计局、区财政局开展审计。", "区审计局、区财政局"))):
        plan.insert_subtree(top.id, n, plan.make_task(text, {SUGGESTED_UNITS: found}))
    plan.take_journal()
    return plan


def test_properties_offer_and_accept_one_suggestion(qtbot, window) -> None:
    window.workbench.add_plan(plan_with_suggestions())
    session = window.workbench.current
    plan = session.plan
    first, second = plan.leaves()
    window.tree.select_task(first.id)
    row = window.properties.suggestion
    assert not row.isHidden() and "区财政局" in row.label.text()
    depth = session.stack.index()
    qtbot.mouseClick(row.accept_button, Qt.MouseButton.LeftButton)
    assert first.attrs["units"] == "区财政局" and SUGGESTED_UNITS not in first.attrs
    assert row.isHidden()
    assert session.stack.index() == depth + 1
    window.tree.select_task(second.id)
    qtbot.mouseClick(row.dismiss_button, Qt.MouseButton.LeftButton)
    assert "units" not in second.attrs and with_suggestions(plan) == []
    session.stack.undo()
    session.stack.undo()
    assert len(with_suggestions(plan)) == 2


def test_accept_all_from_the_menu(qtbot, window) -> None:
    window.workbench.add_plan(plan_with_suggestions())
    plan = window.workbench.current.plan
    window.main_actions.accept_suggestions.trigger()
    assert [t.attrs.get("units") for t in plan.leaves()] == ["区财政局", "区审计局、区财政局"]
    window.main_actions.undo.trigger()
    assert len(with_suggestions(plan)) == 2


def test_import_preview_shows_and_accepts_suggestions(qtbot, window, tmp_path: Path) -> None:
    names = window.workbench.workspace.units().names()
    assert "区财政局" in names
    source = tmp_path / "要点.txt"
    source.write_text("2025年工作要点\n一、统筹推进\n（一）保障经费。区财政局负责落实保障经费。\n"
                      "（二）加强审计。做好年度审计工作。\n", encoding="utf-8")
    found = read_for_import(source, unit_names=names)
    suggested = with_suggestions(found.plan)
    assert suggested, "the sample text names units"
    dialog = ImportDialog(source, found, window)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = []
    items = [dialog.tree.topLevelItem(n) for n in range(dialog.tree.topLevelItemCount())]
    while items:
        item = items.pop()
        shown.append(item.text(1))
        items += [item.child(n) for n in range(item.childCount())]
    assert any(text.startswith("建议：") for text in shown)
    assert dialog.accept_units.isVisible()
    dialog.accept_units.setChecked(True)
    plan = dialog.accepted_plan()
    assert with_suggestions(plan) == []
    assert all(plan[i].attrs.get("units") for i in suggested)
