"""Importing a file: read it off the UI thread, preview what was found, let the clerk correct it.

The preview shows the detected columns (header text and what each was taken for) and the plan
tree that resulted, with row and category counts. Changing a column's role and pressing 重新识别
reads the table again with that mapping. A work-plan text has no columns: the preview offers its
导入方式 instead (one row per sentence or per paragraph, what each heading level becomes) and lets
the clerk leave out or merge the rows selected in the tree; the tree follows every change. Nothing
is written to the workspace until 导入 is pressed; then the plan is added in one transaction (one
undo step) and opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from desktop.core.merge_split import MERGE_LABEL
from desktop.core.model import ATTRIBUTE_LABELS, Plan, PlanError
from desktop.core.numbering import compute_numbers
from desktop.core.style import style_of
from desktop.core.suggestions import make_accept_suggestions, suggestion, with_suggestions
from desktop.formats.tables.column_map import ColumnRole
from desktop.formats.tables.import_mapping import TableImport, read_for_import
from desktop.formats.text.shape import ImportShape, Span
from desktop.gui.common.dialogs import ok_cancel, show_error
from desktop.gui.common.workers import Job, start_job
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.gui.plans.import_shape_panel import ShapePanel, remember_shape, remembered_shape
from desktop.gui.plans.pdf_pages import PdfPagesDialog

if TYPE_CHECKING:
    from desktop.gui.shell.workbench import Workbench

IMPORT_FILTER = ("可导入的文件 (*.docx *.doc *.wps *.xlsx *.xls *.et *.ods *.pdf *.txt *.md *.html *.htm "
                 "*.json);;所有文件 (*)")
PREVIEW_LIMIT = 3000  # tasks shown in the preview tree
LEAVE_OUT_LABEL = "不导入所选"
RESTORE_LABEL = "恢复全部行"
TASK_ROLE = Qt.ItemDataRole.UserRole
EXPAND_LINES = 40  # the preview opens levels while the tree stays within about two screens


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

    def __init__(self, path: Path, found: TableImport, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"导入预览 — {path.name}")
        add_help_key(self, topics.IMPORT_FILE)  # F1: the guide's section on this
        self.found = found
        self.plan: Plan = found.plan
        self.settings = settings
        self.shape = ImportShape()
        self.spans: dict[int, Span] = {}
        self.title = QLineEdit(self.plan.title)
        self.summary = QLabel()
        self.columns = QTableWidget(0, 2)
        self.columns.setHorizontalHeaderLabels(["表头", "识别为"])
        self.columns.horizontalHeader().setStretchLastSection(True)
        self.columns.verticalHeader().hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["任务", "责任单位", "完成时限"])
        self.tree.setColumnWidth(0, 460)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        self.shape_panel: ShapePanel | None = None
        if found.outline is not None:
            levels = found.outline.levels()
            self.shape = remembered_shape(settings, len(levels))
            self.shape_panel = ShapePanel(levels, self.shape)
            self.shape_panel.changed.connect(self._options_changed)
            left.addWidget(self.shape_panel)
            left.addStretch(1)
        else:
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
        self.merge_rows = QPushButton(MERGE_LABEL)
        self.merge_rows.setToolTip("把树中选中的相邻几行（同一类别下）合并为一行")
        self.merge_rows.clicked.connect(self.merge_selected)
        self.leave_out = QPushButton(LEAVE_OUT_LABEL)
        self.leave_out.setToolTip("选中的行或类别（连同其下各行）不导入（Delete 键）")
        self.leave_out.clicked.connect(self.leave_out_selected)
        self.restore = QPushButton(RESTORE_LABEL)
        self.restore.setToolTip("取消所有“不导入”和“合并”标记")
        self.restore.clicked.connect(self.restore_rows)
        self.marks = QLabel()
        marks_row = QHBoxLayout()
        for button in (self.merge_rows, self.leave_out, self.restore):
            marks_row.addWidget(button)
        marks_row.addWidget(self.marks, 1)
        if found.outline is not None:
            right.addLayout(marks_row)
            self.tree.installEventFilter(self)  # Delete leaves the selected rows out
            self.tree.itemSelectionChanged.connect(self._selection_changed)
        else:
            for hidden in (self.merge_rows, self.leave_out, self.restore, self.marks):
                hidden.hide()
        self.accept_units = QCheckBox()
        self._suggested = 0
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
        if found.outline is not None and not self._reshape(quiet=True):
            self.shape = ImportShape()  # the remembered options do not fit this text
            self._reshape(quiet=True)
        self._show_plan()
        self._selection_changed()

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

    # ----- shaping a work-plan text --------------------------------------------------------------
    def _reshape(self, quiet: bool = False) -> bool:
        """Read the text again with ``self.shape``; False (and a message unless quiet) if impossible."""
        try:
            shaped = self.found.with_shape(self.shape)
        except PlanError as error:
            if not quiet:
                show_error(self, "导入方式", str(error))
            return False
        self.plan = shaped.plan
        self.spans = shaped.spans
        return True

    def _apply(self, shape: ImportShape, select: Span | None = None) -> bool:
        previous = self.shape
        self.shape = shape
        if not self._reshape():
            self.shape = previous
            return False
        self._show_plan()
        if select is not None:
            self._select_span(select)
        self._selection_changed()
        return True

    def _options_changed(self) -> None:
        assert self.shape_panel is not None
        if not self._apply(self.shape_panel.options(self.shape)):
            self.shape_panel.blockSignals(True)
            self.shape_panel.per_paragraph.setChecked(self.shape.per_paragraph)
            self.shape_panel.per_sentence.setChecked(not self.shape.per_paragraph)
            for depth, combo in enumerate(self.shape_panel.level_combos):
                combo.setCurrentIndex(combo.findData(self.shape.mode(depth)))
            self.shape_panel.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.tree and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Delete and self.tree.selectedItems()):
            self.leave_out_selected()
            return True
        return super().eventFilter(watched, event)

    def _items(self) -> list[QTreeWidgetItem]:
        """Every item of the preview tree, in tree order."""
        out: list[QTreeWidgetItem] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            out.append(item)
            for n in range(item.childCount()):
                walk(item.child(n))

        for n in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(n))
        return out

    def selected_tasks(self) -> list[int]:
        """Ids of the tasks selected in the preview tree, in tree order."""
        return [int(item.data(0, TASK_ROLE)) for item in self._items() if item.isSelected()]

    def _mergeable(self, ids: list[int]) -> bool:
        tasks = [self.plan[i] for i in ids]
        if len(tasks) < 2 or any(not t.is_leaf for t in tasks):
            return False
        parent = tasks[0].parent
        if any(t.parent is not parent for t in tasks):
            return False
        indexes = [t.index for t in tasks]
        return indexes == list(range(indexes[0], indexes[0] + len(indexes)))

    def _selection_changed(self) -> None:
        ids = self.selected_tasks()
        self.merge_rows.setEnabled(self._mergeable(ids))
        self.leave_out.setEnabled(bool(ids))
        self.restore.setEnabled(bool(self.shape.dropped or self.shape.merges))
        dropped, merged = len(self.shape.dropped), len(self.shape.merges)
        self.marks.setText(f"已标记：{dropped} 处不导入，{merged} 处合并" if dropped or merged else "")

    def merge_selected(self) -> None:
        """合并为一行: the selected adjacent rows of one category become one row."""
        ids = self.selected_tasks()
        if not self._mergeable(ids):
            show_error(self, MERGE_LABEL, "请选择同一类别下相邻的两行或多行要求。")
            return
        spans = [self.spans[i] for i in ids]
        self._apply(self.shape.merging(spans), select=(spans[0][0], spans[-1][1]))

    def leave_out_selected(self) -> None:
        """不导入所选: the selected rows and categories (with all under them) are left out."""
        ids = self.selected_tasks()
        if ids:
            self._apply(self.shape.leaving_out(self.spans[i] for i in ids))

    def restore_rows(self) -> None:
        self._apply(self.shape.without_marks())

    def _select_span(self, span: Span) -> None:
        for item in self._items():
            if self.spans.get(int(item.data(0, TASK_ROLE))) == span:
                self.tree.setCurrentItem(item)
                return

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
            item.setData(0, TASK_ROLE, task.id)
            parent = items.get(task.parent.id) if task.parent is not None else None
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[task.id] = item
        self._expand()
        suggested = len(with_suggestions(plan))
        self.accept_units.setText(f"采用文中提到的单位作为责任单位（{suggested} 行，导入后也可逐行采用）")
        self.accept_units.setVisible(suggested > 0)
        self._suggested = suggested

    def _expand(self) -> None:
        """Open the levels of the tree, top first, as long as the lines shown stay few."""
        lines = self.tree.topLevelItemCount()
        level = [self.tree.topLevelItem(n) for n in range(lines)]
        while level:
            children = [c for item in level if item is not None for c in
                        (item.child(n) for n in range(item.childCount()))]
            if not children or lines + len(children) > EXPAND_LINES:
                return
            for item in level:
                if item is not None:
                    item.setExpanded(True)
            lines += len(children)
            level = [c for c in children if c is not None]

    def accepted_plan(self) -> Plan:
        title = self.title.text().strip()
        if title and title != self.plan.title:
            self.plan.set_field("title", title)
            self.plan.take_journal()
        if self._suggested and self.accept_units.isChecked():
            make_accept_suggestions(self.plan).apply(self.plan)
            self.plan.take_journal()
        if self.shape_panel is not None:
            remember_shape(self.settings, self.shape)
        return self.plan


def start_import(window: QWidget, bench: Workbench, status: QStatusBar, path: Path,
                 settings: QSettings | None = None) -> Job:
    """Read ``path`` on a worker; then preview it and, if the clerk agrees, add and open the plan."""
    names = bench.workspace.units().names()
    job = start_job(window, f"正在读取“{path.name}”…", lambda _token: read_for_import(path, unit_names=names))

    def preview(found: TableImport) -> None:
        dialog = ImportDialog(path, found, window, settings)
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
