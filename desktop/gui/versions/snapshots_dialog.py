"""The plan's snapshots (计划 → 快照…): save one, view one read-only, compare, export, restore, delete.

Restoring is one step on the plan's undo stack (``desktop.formats.snapshots.make_restore``);
deleting a snapshot asks first and cannot be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.model import ATTRIBUTE_LABELS, Plan, PlanError, Task
from desktop.core.numbering import compute_numbers
from desktop.formats.snapshots import make_restore, open_snapshot, take_snapshot
from desktop.gui.common.dialogs import ask_text, ask_yes_no, show_error
from desktop.gui.common.export_notice import ExportNotice
from desktop.gui.help import topics
from desktop.gui.help.open_help import add_help_key
from desktop.gui.versions.comparison_window import ComparisonWindow
from desktop.store.snapshots import SnapshotInfo

if TYPE_CHECKING:
    from desktop.gui.plans.plan_session import PlanSession
    from desktop.store.workspace import Workspace

SUGGESTED = ("初稿", "征求意见稿", "送审稿", "印发稿")


def when(info: SnapshotInfo) -> str:
    """The snapshot's time as the clerk reads it (local time, to the minute)."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(info.created_at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return info.created_at


class SnapshotViewer(QDialog):
    """A snapshot shown read-only: its rows in outline with their numbers and attributes."""

    def __init__(self, plan: Plan, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"快照“{name}”（只读）：{plan.title}")
        keys = [k for k in ATTRIBUTE_LABELS if any(k in t.attrs for t in plan.tasks())]
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["任务", *(ATTRIBUTE_LABELS[k] for k in keys)])
        self.tree.setWordWrap(True)
        numbers = compute_numbers(plan)

        def add(parent_item: QTreeWidget | QTreeWidgetItem, task: Task) -> None:
            cells = [f"{numbers.get(task.id, '')}{task.text}", *(task.attrs.get(k, "") for k in keys)]
            item = QTreeWidgetItem(cells)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if isinstance(parent_item, QTreeWidget):
                parent_item.addTopLevelItem(item)
            else:
                parent_item.addChild(item)
            for child in task.children:
                add(item, child)

        for child in plan.root.children:
            add(self.tree, child)
        self.tree.expandAll()
        self.tree.setColumnWidth(0, 640)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"共 {sum(1 for _ in plan.tasks())} 行。快照只能查看，不能修改；"
                                "要回到这个版本，请在快照列表中选择“恢复”。"))
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 700)


class SnapshotsDialog(QDialog):
    """The snapshot list of the plan in ``session``."""

    def __init__(self, workspace: Workspace, session: PlanSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.session = workspace, session
        self.setWindowTitle(f"快照：{session.plan.title}")
        add_help_key(self, topics.VERSIONS_SNAPSHOTS)  # F1: the guide's section on this
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["名称", "保存时间", "行数"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 160)
        self.table.itemDoubleClicked.connect(lambda _item: self.view_selected())
        self.windows: list[QDialog] = []
        side = QVBoxLayout()
        for text, slot in (("保存快照…", self.save), ("查看（只读）", self.view_selected),
                           ("与当前计划比较", self.compare_with_current),
                           ("比较选中的两个", self.compare_two),
                           ("导出…", self.export_selected), ("重命名…", self.rename_selected),
                           ("恢复为此快照", self.restore_selected), ("删除", self.delete_selected)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            side.addWidget(button)
        side.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        side.addWidget(close)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        self.notice = ExportNotice(self)  # after 导出…: 打开所在文件夹 · 打开文件
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.notice)
        self.resize(720, 380)
        self.reload()

    @property
    def plan_id(self) -> int:
        return int(self.session.plan.id or 0)

    def reload(self) -> None:
        self.infos = self.workspace.snapshots(self.plan_id)
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            for col, text in enumerate((info.name, when(info), str(info.rows))):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def selected(self) -> list[SnapshotInfo]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.infos[row] for row in rows]

    def _one(self, action: str) -> SnapshotInfo | None:
        chosen = self.selected()
        if len(chosen) != 1:
            show_error(self, action, "请先在列表中选择一个快照。")
            return None
        return chosen[0]

    def _run(self, action: str, work: Callable[[], object]) -> object:
        try:
            return work()
        except PlanError as error:
            show_error(self, action, str(error))
            return None

    def save(self, name: str | None = None) -> SnapshotInfo | None:
        if name is None:
            taken = {info.name for info in self.infos}
            suggestion = next((s for s in SUGGESTED if s not in taken), "")
            name = ask_text(self, "保存快照", "快照名称（如 初稿、征求意见稿）：", suggestion)
            if name is None:
                return None
        info = self._run("保存快照", lambda: take_snapshot(self.workspace, self.session.plan, name))
        self.reload()
        return info if isinstance(info, SnapshotInfo) else None

    def _open(self, info: SnapshotInfo) -> Plan | None:
        plan = self._run("打开快照", lambda: open_snapshot(self.workspace, info.id))
        return plan if isinstance(plan, Plan) else None

    def _show(self, window: QDialog) -> None:
        self.windows.append(window)
        window.show()

    def view_selected(self) -> SnapshotViewer | None:
        info = self._one("查看快照")
        plan = self._open(info) if info else None
        if info is None or plan is None:
            return None
        viewer = SnapshotViewer(plan, info.name, self)
        self._show(viewer)
        return viewer

    def compare_with_current(self) -> ComparisonWindow | None:
        info = self._one("比较")
        plan = self._open(info) if info else None
        if info is None or plan is None:
            return None
        window = ComparisonWindow(plan, self.session.plan, old_label=info.name, new_label="当前计划",
                                  parent=self)
        self._show(window)
        return window

    def compare_two(self) -> ComparisonWindow | None:
        chosen = self.selected()
        if len(chosen) != 2:
            show_error(self, "比较", "请按住 Ctrl 在列表中选择两个快照。")
            return None
        first, second = sorted(chosen, key=lambda i: (i.created_at, i.id))
        old, new = self._open(first), self._open(second)
        if old is None or new is None:
            return None
        window = ComparisonWindow(old, new, old_label=first.name, new_label=second.name, parent=self)
        self._show(window)
        return window

    def export_selected(self, target: Path | None = None) -> Path | None:
        info = self._one("导出快照")
        plan = self._open(info) if info else None
        if info is None or plan is None:
            return None
        if target is None:
            name, _ = QFileDialog.getSaveFileName(self, "导出快照", f"{plan.title}（{info.name}）.docx",
                                                  "Word 文档 (*.docx);;Excel 工作簿 (*.xlsx);;PDF (*.pdf);;"
                                                  "Fenjie 计划文件 (*.fenjie)")
            if not name:
                return None
            target = Path(name)
        from desktop.formats.exporters import export_plan

        done = self._run("导出快照", lambda: export_plan(plan, target))
        if done is None:
            return None
        warnings = [str(line) for line in done] if isinstance(done, list) else []
        self.notice.show_file(target, f"已导出快照“{target.name}”", warnings)
        return target

    def rename_selected(self, name: str | None = None) -> None:
        info = self._one("重命名快照")
        if info is None:
            return
        if name is None:
            name = ask_text(self, "重命名快照", "新名称：", info.name)
            if name is None:
                return
        self._run("重命名快照", lambda: self.workspace.rename_snapshot(info.id, name))
        self.reload()

    def restore_selected(self, confirm: bool = True) -> bool:
        info = self._one("恢复快照")
        plan = self._open(info) if info else None
        if info is None or plan is None:
            return False
        if confirm and not ask_yes_no(self, "恢复快照", f"把计划恢复为快照“{info.name}”的内容？\n"
                                      "可以用“撤销”回到恢复前的内容。"):
            return False
        label = f"恢复到快照“{info.name}”"
        restore = make_restore(self.session.plan, plan, label)
        done = self._run("恢复快照", lambda: self.session.do(restore, label))
        return done is not None

    def delete_selected(self, confirm: bool = True) -> bool:
        info = self._one("删除快照")
        if info is None:
            return False
        if confirm and not ask_yes_no(self, "删除快照", f"删除快照“{info.name}”？删除后不能恢复。"):
            return False
        self._run("删除快照", lambda: self.workspace.delete_snapshot(info.id))
        self.reload()
        return True
