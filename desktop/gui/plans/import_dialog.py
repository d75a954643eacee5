"""Importing a file: read it off the UI thread, preview what was found, let the clerk correct it.

The preview shows the detected columns (header text and what each was taken for) and the plan
tree that resulted, with row and category counts. Changing a column's role and pressing 重新识别
reads the table again with that mapping. Nothing is written to the workspace until 导入 is pressed;
then the plan is added in one transaction and opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStatusBar,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import ATTRIBUTE_LABELS, Plan, PlanError
from desktop.core.numbering import compute_numbers
from desktop.core.style import style_of
from desktop.core.suggestions import make_accept_suggestions, suggestion, with_suggestions
from desktop.formats.tables.column_map import ColumnRole
from desktop.formats.tables.import_mapping import TableImport, read_for_import
from desktop.gui.common.dialogs import ok_cancel, show_error
from desktop.gui.common.workers import Job, start_job
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.gui.plans.pdf_pages import PdfPagesDialog

if TYPE_CHECKING:
    from desktop.gui.shell.workbench import Workbench

IMPORT_FILTER = ("可导入的文件 (*.docx *.doc *.wps *.xlsx *.xls *.et *.ods *.pdf *.txt *.md *.html *.htm "
                 "*.json);;所有文件 (*)")
PREVIEW_LIMIT = 3000  # tasks shown in the preview tree


def role_choices(levels: int) -> list[tuple[str, ColumnRole]]:
    choices = [("序号（自动生成）", ColumnRole("seq", "序号")), ("忽略此列", ColumnRole("ignore"))]
    choices += [(f"第 {n} 级任务", ColumnRole("level", "工作任务", level=n)) for n in range(1, levels + 1)]
    choices.append(("具体要求", ColumnRole("requirement", "具体要求")))
    choices += [(label, ColumnRole("attr", label, attr=key)) for key, label in ATTRIBUTE_LABELS.items()]
    return choices


def _same_role(a: ColumnRole, b: ColumnRole) -> bool:
    return (a.kind, a.level, a.attr) == (b.kind, b.level, b.attr)


class ImportDialog(QDialog):
    """Preview of an import; ``plan`` is what 导入 adds."""

    def __init__(self, path: Path, found: TableImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"导入预览 — {path.name}")
        add_help_key(self, topics.IMPORT_FILE)  # F1: the guide's section on this
        self.found = found
        self.plan: Plan = found.plan
        self.title = QLineEdit(self.plan.title)
        self.summary = QLabel()
        self.columns = QTableWidget(0, 2)
        self.columns.setHorizontalHeaderLabels(["表头", "识别为"])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.verticalHeader().hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["任务", "责任单位", "完成时限"])
        self.tree.setColumnWidth(0, 460)
        reread = QPushButton("按所选列重新识别")
        reread.clicked.connect(self.reread)
        reread.setEnabled(found.columns is not None)
        form = QFormLayout()
        form.addRow("标题", self.title)
        form.addRow("识别结果", self.summary)
        self.source = QLabel("\n".join(found.report.lines()))  # what was read and every cleaning done
        self.source.setWordWrap(True)
        if found.report.check_all or found.report.flags:
            self.source.setStyleSheet("color: #a61b1b;")
        form.addRow("来源与清理", self.source)
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel("表格各列"))
        left.addWidget(self.columns)
        left.addWidget(reread)
        self.pages_window: PdfPagesDialog | None = None
        if found.report.source == "pdf":
            show_pages = QPushButton("对照原 PDF 页面")
            show_pages.clicked.connect(lambda: self.show_pages(path))
            left.addWidget(show_pages)
        top.addLayout(left, 2)
        right = QVBoxLayout()
        right.addWidget(self.tree, 1)
        suggested = len(with_suggestions(self.plan))
        self.accept_units = QCheckBox(f"采用文中提到的单位作为责任单位（{suggested} 行，导入后也可逐行采用）")
        self.accept_units.setVisible(suggested > 0)
        self._suggested = suggested
        right.addWidget(self.accept_units)
        top.addLayout(right, 5)
        buttons = ok_cancel(self)
        buttons.button(buttons.StandardButton.Ok).setText("导入")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(top, 1)
        layout.addWidget(buttons)
        self.resize(1100, 700)
        self._show_columns()
        self._show_plan()

    def _show_columns(self) -> None:
        columns = self.found.columns or []
        levels = max([r.level or 0 for _, r in columns] + [3])
        self.columns.setRowCount(len(columns))
        for row, (label, role) in enumerate(columns):
            self.columns.setCellWidget(row, 0, QLabel(label or "（无表头）"))
            combo = QComboBox()
            for text, choice in role_choices(levels):
                combo.addItem(text, choice)
                if _same_role(choice, role):
                    combo.setCurrentIndex(combo.count() - 1)
            self.columns.setCellWidget(row, 1, combo)
        self.columns.resizeColumnToContents(0)

    def chosen_roles(self) -> list[ColumnRole]:
        roles = []
        for row in range(self.columns.rowCount()):
            combo = self.columns.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            roles.append(combo.currentData())
        return roles

    def show_pages(self, path: Path) -> None:
        """The PDF's pages in a window beside the preview (rendered one page at a time)."""
        if self.pages_window is None:
            try:
                self.pages_window = PdfPagesDialog(path, self)
            except PlanError as error:
                show_error(self, "对照原 PDF 页面", str(error))
                return
            self.pages_window.move(self.frameGeometry().topRight())
        self.pages_window.show()
        self.pages_window.raise_()

    def reread(self) -> None:
        try:
            self.plan = self.found.with_roles(self.chosen_roles())
        except PlanError as error:
            show_error(self, "重新识别", str(error))
            return
        self._show_plan()

    def _show_plan(self) -> None:
        plan = self.plan
        leaves = len(plan.leaves())
        tasks = sum(1 for _ in plan.tasks())
        label = style_of(plan.fields).label
        self.summary.setText(f"{leaves} 行要求，{tasks - leaves} 项类别；表格样式：{label}")
        self.tree.clear()
        numbers = compute_numbers(plan)
        items: dict[int, QTreeWidgetItem] = {}
        for shown, task in enumerate(plan.tasks()):
            if shown >= PREVIEW_LIMIT:
                break
            units = task.effective("units") or task.effective("lead")
            if not units and suggestion(task):
                units = f"建议：{suggestion(task)}"  # found in the text, not yet accepted
            item = QTreeWidgetItem([numbers.get(task.id, "") + task.text, units, task.effective("deadline")])
            parent = items.get(task.parent.id) if task.parent is not None else None
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[task.id] = item
        self.tree.expandToDepth(1)

    def accepted_plan(self) -> Plan:
        title = self.title.text().strip()
        if title and title != self.plan.title:
            self.plan.set_field("title", title)
            self.plan.take_journal()
        if self._suggested and self.accept_units.isChecked():
            make_accept_suggestions(self.plan).apply(self.plan)
            self.plan.take_journal()
        return self.plan


def start_import(window: QWidget, bench: Workbench, status: QStatusBar, path: Path) -> Job:
    """Read ``path`` on a worker; then preview it and, if the clerk agrees, add and open the plan."""
    names = bench.workspace.units().names()
    job = start_job(window, f"正在读取“{path.name}”…", lambda _token: read_for_import(path, unit_names=names))

    def preview(found: TableImport) -> None:
        dialog = ImportDialog(path, found, window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                bench.add_plan(dialog.accepted_plan())
            except PlanError as error:
                show_error(window, "导入没有完成", str(error))
                return
            status.showMessage(f"已导入“{dialog.plan.title}”。", 8000)

    job.done.connect(preview)
    job.failed.connect(lambda text: show_error(window, f"无法导入“{path.name}”", text))
    return job
