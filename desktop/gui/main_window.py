"""The main window: the workspace's plans on the left, the open plan's official table on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.gui.grid_model import GridModel
from desktop.layout.engine import build_grid
from desktop.store.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setWindowTitle("Fenjie 分解 — 任务分解表")
        self.plan_list = QListWidget()
        self.title_label = QLabel()
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.table = QTableView()
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.title_label)
        layout.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(self.plan_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 1100])
        self.setCentralWidget(splitter)
        self.resize(1400, 860)

        self.plan_list.currentItemChanged.connect(self._open_current)
        self.refresh_plans()

    def refresh_plans(self) -> None:
        self.plan_list.clear()
        for summary in self.workspace.list_plans():
            item = QListWidgetItem(f"{summary.title}\n{summary.leaf_count} 行")
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.plan_list.addItem(item)
        if self.plan_list.count():
            self.plan_list.setCurrentRow(0)
        self.statusBar().showMessage(f"工作区共 {self.plan_list.count()} 个计划")

    def _open_current(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        plan = self.workspace.load_plan(int(item.data(Qt.ItemDataRole.UserRole)))
        grid = build_grid(plan)
        self.title_label.setText(plan.title)
        model = GridModel(grid)
        self.table.setModel(model)
        self.table.clearSpans()
        for cell in grid.cells:
            if cell.rowspan > 1 or cell.colspan > 1:
                self.table.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        total = sum(c.width for c in grid.style.columns)
        available = max(self.table.viewport().width(), 1000)
        for col, column in enumerate(grid.style.columns):
            self.table.setColumnWidth(col, int(available * column.width / total))
        self.table.resizeRowsToContents()
        self.statusBar().showMessage(f"{plan.title}：{grid.n_rows} 行要求")
