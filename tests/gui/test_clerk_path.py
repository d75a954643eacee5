"""The clerk's path, scripted: from an empty workspace to the exported annex of a work-plan text.

The real main window is driven with QTest only (key presses and clicks on real widgets, counted
by :class:`tests.gui.clerk_actions.Actions`): import ``samples/gaoxin-2020-plan.txt``, shape it in
the import preview into its annex (the sections that hold no task left out, the task headings
lifted to the top level, two sentence rows merged), set 责任单位 on every top category and a
deadline on one, look at the print preview, export .docx and .pdf, close the window and open the
workspace again. The exported files are read back (python-docx, pdfplumber) and the reopened
workspace must hold the same plan. The number of actions and the steps are documented in
docs/gui.md ("The clerk's path"); the test fails if the path needs more actions than documented.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from pathlib import Path

import docx
import pdfplumber
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QMessageBox,
)

from desktop.core.textclean import normalise_space
from desktop.gui.plans.import_dialog import IMPORT_FILTER, ImportDialog
from desktop.gui.shell.app import create_window
from desktop.gui.shell.main_window import MainWindow
from tests.gui.clerk_actions import Actions, Do, Script, Step, Until, modal

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_SHIFT = CTRL | SHIFT
DOC = Path(__file__).resolve().parents[2] / "docs" / "gui.md"
SAMPLE = "gaoxin-2020-plan.txt"
UNITS = "各部门"
DEADLINE = "年底前"
TASKS = ["全面落实试点领域标准指引", "加强政务公开平台规范化建设", "优化完善政务公开制度体系",
         "编制完成其他领域标准指引", "全面建成政务公开标准体系"]
ROWS = [3, 4, 15, 2, 1]  # rows under each category: one merge in the third


def documented_count() -> int:
    """The action count docs/gui.md quotes in its section "The clerk's path"."""
    section = DOC.read_text(encoding="utf-8").split("## The clerk's path", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"\*\*(\d+) actions\*\*", section)
    assert found, "docs/gui.md does not quote the clerk's action count"
    return int(found.group(1))


def _listed(folder: Path) -> int:
    """How many entries the import dialog lists in ``folder`` (folders and importable files)."""
    patterns = re.findall(r"\*(\.\w+)", IMPORT_FILTER.split(";;")[0])
    return sum(1 for p in folder.iterdir() if p.is_dir() or p.suffix.lower() in patterns)


def _file_view(dialog: QFileDialog, folder: Path) -> QAbstractItemView | None:
    """The file dialog's file list once it lists all of ``folder``."""
    for view in dialog.findChildren(QAbstractItemView):
        if view.isVisible() and view.objectName() in ("listView", "treeView") and \
                view.model().rowCount(view.rootIndex()) == _listed(folder):
            return view
    return None


def click_file(act: Actions, view: QAbstractItemView, name: str) -> None:
    """A click on ``name`` where the file list shows it."""
    model, root = view.model(), view.rootIndex()
    rows = [model.index(r, 0, root) for r in range(model.rowCount(root))]
    index = next(i for i in rows if i.data() == name)
    act.click_row(view, view.visualRect(index).center(), f"点“{name}”")


def click_task(act: Actions, window: MainWindow, task_id: int, what: str,
               modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A click on the task's row where the clerk sees it in the outline tree."""
    rect = window.tree.visualRect(window.tree_model.index_of(task_id))
    act.click_row(window.tree, rect.center(), what, modifier)


def clerk_steps(window: MainWindow, act: Actions, sample: Path, out: Path, reopened: list[MainWindow],
                db_path: Path, settings: QSettings, saved: list[dict]) -> Generator[Step, object, None]:
    """What the clerk does, step by step (every key press and click goes through ``act``)."""
    # 1. 文件 → 导入 (Ctrl+O), pick the text in the folder the dialog opens.
    yield Do(lambda: act.key(window, Qt.Key.Key_O, "Ctrl+O 导入", CTRL))
    files = yield Until(modal(QFileDialog), "the import file dialog")
    view = yield Until(lambda: _file_view(files, sample.parent), "the samples in the file list")
    yield Do(lambda: click_file(act, view, sample.name))
    yield Until(lambda: sample.name in files.findChild(QLineEdit, "fileNameEdit").text(), "the name taken")
    yield Do(lambda: act.key(files, Qt.Key.Key_Return, "Enter 打开"))
    preview = yield Until(modal(ImportDialog), "the import preview")
    assert isinstance(preview, ImportDialog) and preview.shape_panel is not None
    tree = preview.tree
    # 2. In the preview: leave out 一、目标要求 and 三、保障措施, lift 二、's task headings, merge two rows.
    yield Do(lambda: act.click_item(tree, tree.topLevelItem(0), "点“一、目标要求”"))
    yield Do(lambda: act.click_item(tree, tree.topLevelItem(2), "Ctrl+点“三、保障措施”", CTRL))
    yield Do(lambda: act.click(preview.leave_out, "不导入所选"))
    yield Until(lambda: preview.tree.topLevelItemCount() == 1, "the preview without the two sections")
    yield Do(lambda: act.choose(preview.shape_panel.level_combos[0], "去掉标题，下级上移", "第 1 级标题"))
    yield Until(lambda: preview.tree.topLevelItemCount() == 5, "the five task headings on top")
    third = preview.tree.topLevelItem(2)
    yield Do(lambda: act.click_item(preview.tree, third.child(1), "点“一是政府信息管理方面。”"))
    yield Do(lambda: act.click_item(preview.tree, third.child(2), "Shift+点下一行", SHIFT))
    yield Do(lambda: act.click(preview.merge_rows, "合并为一行"))
    yield Until(lambda: preview.tree.topLevelItem(2).childCount() == ROWS[2], "the merged row")
    ok = preview.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    yield Do(lambda: act.click(ok, "导入"))
    session = yield Until(lambda: window.workbench.current, "the imported plan in the window")
    yield Until(lambda: window.tree.model().rowCount() == 5, "the plan in the tree")
    plan = session.plan
    # 3. 责任单位 on every top category: select the five, type the units once (one undo step).
    categories = [task.id for task in plan.root.children]
    for n, task_id in enumerate(categories):
        modifier = CTRL if n else Qt.KeyboardModifier.NoModifier
        what = f"{'Ctrl+' if n else ''}点第 {n + 1} 个类别"
        yield Do(lambda t=task_id, w=what, m=modifier: click_task(act, window, t, w, m))
    yield Until(lambda: window.properties.task_ids == categories, "the five categories in the panel")
    units_box = window.properties.rows["units"].box
    yield Do(lambda: act.click(units_box, "点“责任单位”"))
    yield Do(lambda: act.type_pinyin(units_box, UNITS, "gebumen", f"输入“{UNITS}”（拼音 gebumen + 空格）"))
    yield Do(lambda: act.key(units_box, Qt.Key.Key_Return, "Enter"))
    yield Until(lambda: all(plan[i].attrs.get("units") == UNITS for i in categories), "the units set")
    # 4. A deadline on the third category.
    yield Do(lambda: click_task(act, window, categories[2], "点第 3 个类别"))
    yield Until(lambda: window.properties.task_ids == [categories[2]], "the third category in the panel")
    combo = window.properties.rows["deadline"].combo
    assert isinstance(combo, QComboBox)
    yield Do(lambda: act.choose(combo, DEADLINE, "完成时限"))
    yield Until(lambda: plan[categories[2]].attrs.get("deadline") == DEADLINE, "the deadline set")
    # 5. Print preview, then close it.
    yield Do(lambda: act.key(window.tree, Qt.Key.Key_P, "Ctrl+Shift+P 打印预览", CTRL_SHIFT))
    shown = yield Until(modal(QPrintPreviewDialog), "the print preview")
    yield Do(lambda: act.key(shown, Qt.Key.Key_Escape, "Esc 关闭预览"))
    yield Until(lambda: modal(QPrintPreviewDialog)() is None, "the preview closed")
    # 6. Export .docx: the save dialog proposes the plan's title in the export folder.
    yield Do(lambda: act.key(window.tree, Qt.Key.Key_S, "Ctrl+Shift+S 导出", CTRL_SHIFT))
    save = yield Until(modal(QFileDialog), "the export dialog")
    yield Do(lambda: act.key(save, Qt.Key.Key_Return, "Enter 保存 .docx"))
    docx_path = out / f"{plan.title}.docx"
    yield Until(lambda: docx_path.is_file() and not window.jobs.running, "the .docx")
    # 7. Export .pdf: the same, choosing 保存类型 PDF (the name follows the type).
    yield Do(lambda: act.key(window.tree, Qt.Key.Key_S, "Ctrl+Shift+S 导出", CTRL_SHIFT))
    save = yield Until(modal(QFileDialog), "the export dialog")
    types = save.findChild(QComboBox, "fileTypeCombo")
    yield Do(lambda: act.choose(types, "PDF 文件 (*.pdf)", "保存类型"))
    yield Do(lambda: act.key(save, Qt.Key.Key_Return, "Enter 保存 .pdf"))
    pdf_path = out / f"{plan.title}.pdf"
    yield Until(lambda: pdf_path.is_file() and not window.jobs.running, "the .pdf")
    assert modal(QMessageBox)() is None  # the export's notes go to the bar under the window, no box
    # 8. Close the window (Ctrl+Q) and open the workspace again (the app started anew).
    saved.append(plan.to_dict())  # what the clerk sees before closing
    yield Do(lambda: act.key(window.tree, Qt.Key.Key_Q, "Ctrl+Q 退出", CTRL))
    yield Until(lambda: not window.isVisible(), "the window closed")
    window.workbench.workspace.close()  # what run_app does after the event loop ends
    act.outside(2, "双击 Fenjie 图标重新打开（工作区和上次的计划自动打开）")
    again = create_window(db_path, settings)
    again.resize(window.size())
    again.show()
    reopened.append(again)
    yield Until(lambda: again.workbench.current, "the plan opened again")


def _norm(text: str) -> str:
    return "".join(normalise_space(text).split())


def test_the_clerks_path_from_a_text_to_its_annex(qtbot, tmp_path: Path, samples_dir: Path) -> None:
    from tests.support.workspaces import Workspace

    sample = samples_dir / SAMPLE
    out = tmp_path / "导出"
    out.mkdir()
    db_path = tmp_path / "工作区.fenjie.sqlite3"
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    # The folders the app remembers from the clerk's earlier imports and exports.
    settings.setValue("import_folder", str(sample.parent))
    settings.setValue("export_folder", str(out))
    workspace = Workspace.open(db_path, seed_sample=False)
    assert workspace.list_plans() == []
    window = MainWindow(workspace, settings)
    qtbot.addWidget(window)
    window.resize(1920, 1080)  # a full-HD office screen
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    act = Actions()
    reopened: list[MainWindow] = []
    saved: list[dict] = []
    script = Script(clerk_steps(window, act, sample, out, reopened, db_path, settings, saved))
    script.start()
    qtbot.waitUntil(lambda: script.done, timeout=600_000)
    if script.error is not None:
        raise script.error
    again = reopened[0]
    qtbot.addWidget(again)
    try:
        _check_exports(out, again)
        stored = again.workbench.current.plan
        assert stored.to_dict() == saved[0]  # the same plan, fields and all
        assert [t.text for t in stored.root.children] == TASKS
        assert [len(t.children) for t in stored.root.children] == ROWS
        assert [t.attrs.get("units") for t in stored.root.children] == [UNITS] * 5
        assert stored.root.children[2].attrs.get("deadline") == DEADLINE
        assert len(again.workbench.summaries()) == 1
    finally:
        again.close()
        again.workbench.workspace.close()
    print(f"\nthe clerk's path: {act.count} actions\n" + "\n".join(act.steps))
    assert act.count <= documented_count(), f"{act.count} actions, docs/gui.md says {documented_count()}"
    assert act.count * 2 < 136  # well under half of the path before the import options


def _check_exports(out: Path, again: MainWindow) -> None:
    plan = again.workbench.current.plan
    leaves = plan.leaves()
    document = docx.Document(str(next(out.glob("*.docx"))))
    cells = [[_norm(c.text) for c in row.cells] for table in document.tables for row in table.rows]
    body = [row for row in cells if any(_norm(leaf.text)[:12] in "".join(row) for leaf in leaves)]
    assert len(body) == sum(ROWS) == len(leaves)
    for n, task in enumerate(plan.root.children):
        rows = [row for row in body if any(_norm(task.text) in cell for cell in row)]
        assert len(rows) == ROWS[n], task.text
        assert all(UNITS in row for row in rows)
        assert all((DEADLINE in row) == (n == 2) for row in rows), task.text
    with pdfplumber.open(str(next(out.glob("*.pdf")))) as pdf:
        rows = [[_norm(cell or "") for cell in row] for page in pdf.pages for table in page.extract_tables()
                for row in table if row and (row[0] or "").strip().isdigit()]
    assert [int(row[0]) for row in rows] == list(range(1, len(leaves) + 1))
    shown: dict[str, list[list[str]]] = {}  # category (restated at each page) -> its rows
    current = ""
    for row in rows:
        current = row[1] or current
        shown.setdefault(current, []).append(row)
    assert list(shown) == [f"（{n}）{t}" for n, t in zip("一二三四五", TASKS, strict=True)]
    assert [len(block) for block in shown.values()] == ROWS
    for n, block in enumerate(shown.values()):
        assert any(UNITS in row for row in block), f"no units on category {n + 1}"
        assert any(DEADLINE in row for row in block) == (n == 2), f"deadline on category {n + 1}"
    for row, leaf in zip(rows, leaves, strict=True):
        assert any(cell and _norm(leaf.text).startswith(cell[:15]) for cell in row[2:]), leaf.text
