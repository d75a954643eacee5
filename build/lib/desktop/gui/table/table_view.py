"""The official table view: the layout engine's grid shown as it will print, with spans and zoom.

``show_grid`` takes each new grid: the model updates only the rows that changed, the spans are
set again when they differ (1,000+ spans cost milliseconds), and only the heights of changed rows
are recomputed. Row heights never come from ``resizeRowsToContents`` (about 2 s on 2,000 rows):
the layout estimates every row from the text's width in ems, measures exactly the rows that are
visible or changed, and an idle timer measures the rest a slice at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.gui.table.cell_layout import TableLayout, closed_range
from desktop.gui.table.table_delegate import CellDelegate
from desktop.gui.table.table_header import GroupedHeaderView
from desktop.gui.table.table_model import GridTableModel
from desktop.layout.grid import Grid

IDLE_SLICE = 120  # rows measured per idle step
ZOOM_STEPS = (0.4, 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


class PlanTableView(QTableView):
    """Shows a :class:`GridTableModel`; emits ``current_task_changed(task_id)`` for the tree."""

    current_task_changed = Signal(int)
    zoom_changed = Signal(float)

    def __init__(self, model: GridTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zoom = 1.0
        self.fit_width = True
        self._spans: set[tuple[int, int, int, int]] = set()
        self._measured_upto = 0
        self.setHorizontalHeader(GroupedHeaderView(self))
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setMinimumSectionSize(4)
        self.setWordWrap(True)
        self.setShowGrid(False)  # the delegate rules each cell, spans included
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        self.setPalette(palette)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # always shown, so that fitting the width cannot make the scroll bar come and go
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setAccessibleName("任务分解表")
        self._layout = TableLayout(model.grid.style, self.zoom, self.logicalDpiY())
        self._delegate = CellDelegate(self._layout, self)
        self.setItemDelegate(self._delegate)
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._measure_slice)
        self._refit = QTimer(self, singleShot=True, interval=80)
        self._refit.timeout.connect(lambda: self.fit_to_width() if self.fit_width else None)
        self.setModel(model)
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._setup_all()

    # ----- public ----------------------------------------------------------------------------
    def grid_model(self) -> GridTableModel:
        model = self.model()
        assert isinstance(model, GridTableModel)
        return model

    @property
    def table_layout(self) -> TableLayout:
        return self._layout

    def show_grid(self, grid: Grid) -> None:
        """Show a new grid of the same plan (after an edit) or of another plan."""
        update = self.grid_model().set_grid(grid)
        if update.reset:
            self._setup_all()
            return
        if update.rows_moved:
            self._apply_spans(grid)  # Qt shifted its spans with the rows: set them all again
        else:
            self._update_spans(grid)
        if update.first >= 0:
            first, last = closed_range(grid, update.first, update.last)
            self._set_heights(first, last, precise=True)
        self._measured_upto = min(self._measured_upto, max(update.first, 0))
        self._measure_visible()
        if not self._idle.isActive():
            self._idle.start()

    def show_patch(self, grid: Grid, rows: list[int]) -> None:
        """Show a grid that differs from the shown one only in the texts of ``rows``."""
        self.grid_model().patch_grid(grid, rows)
        for row in rows:
            first, last = closed_range(grid, row, row)
            self._set_heights(first, last, precise=True)

    def set_zoom(self, zoom: float, fit: bool = False) -> None:
        """Show the table at ``zoom`` (1.0: as wide as the printed type area); stops fitting the width."""
        self.fit_width = fit
        zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], zoom))
        if abs(zoom - self.zoom) < 1e-3:
            return
        self.zoom = zoom
        self._setup_all()
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-3), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.zoom - 1e-3), ZOOM_STEPS[0]))

    def fit_to_width(self) -> None:
        """Zoom so that the whole table is as wide as the view (the default, kept on resizing)."""
        full = self._layout.edges[-1] / self.zoom
        available = self.viewport().width() - 2
        if full > 0 and available > 50:
            self.set_zoom(available / full, fit=True)
        self.fit_width = True

    def select_task(self, task_id: int) -> None:
        """Make the cell showing the task current (its requirement or category cell)."""
        grid = self.grid_model().grid
        cell = next((c for c in grid.cells if c.task_id == task_id and c.role in ("requirement", "category")),
                    None)
        if cell is None:
            return
        index = self.model().index(cell.row, cell.col)
        if index != self.currentIndex():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def current_task_id(self) -> int:
        index = self.currentIndex()
        cell = self.grid_model().cell(index.row(), index.column()) if index.isValid() else None
        if cell is None:
            return 0
        if cell.task_id is not None:
            return cell.task_id
        return self.grid_model().grid.row_task_ids[index.row()]

    def selected_task_ids(self) -> list[int]:
        """Tasks of the selected cells: the task a cell shows, or the rows of a shared value."""
        model = self.grid_model()
        ids: dict[int, None] = {}
        for index in self.selectionModel().selectedIndexes():
            cell = model.cell(index.row(), index.column())
            if cell is None:
                continue
            if cell.task_id is not None:
                ids[cell.task_id] = None
            else:
                ids.update(dict.fromkeys(model.grid.row_task_ids[cell.row:cell.row + cell.rowspan]))
        return list(ids)

    # ----- layout ----------------------------------------------------------------------------
    def _setup_all(self) -> None:
        grid = self.grid_model().grid
        self._layout = TableLayout(grid.style, self.zoom, self.logicalDpiY())
        self._delegate.layout = self._layout
        header = self.horizontalHeader()
        assert isinstance(header, GroupedHeaderView)
        for col, width in enumerate(self._layout.column_widths()):
            self.setColumnWidth(col, width)
        header.set_groups(grid.style.header_groups(), self._layout, round(self._layout.header_height(grid)))
        self._apply_spans(grid)
        self._measured_upto = 0
        if grid.n_rows:
            self._set_heights(0, grid.n_rows - 1, precise=False)
            self._measure_visible()
            self._idle.start()

    def _apply_spans(self, grid: Grid) -> None:
        self.clearSpans()
        spans = {s for s in grid.spans() if s[2] > 1 or s[3] > 1}
        for row, col, rowspan, colspan in spans:
            self.setSpan(row, col, rowspan, colspan)
        self._spans = grid.spans()

    def _update_spans(self, grid: Grid) -> None:
        """Change only the spans that differ (the rows stayed where they were)."""
        spans = grid.spans()
        if spans == self._spans:
            return
        for row, col, rowspan, colspan in self._spans - spans:
            if rowspan > 1 or colspan > 1:
                self.setSpan(row, col, 1, 1)
        for row, col, rowspan, colspan in spans - self._spans:
            if rowspan > 1 or colspan > 1:
                self.setSpan(row, col, rowspan, colspan)
        self._spans = spans

    def _set_heights(self, first: int, last: int, precise: bool) -> None:
        grid = self.grid_model().grid
        header = self.verticalHeader()
        heights = self._layout.row_heights(grid, first, last, precise)
        for offset, height in enumerate(heights):
            size = max(1, round(height))
            if header.sectionSize(first + offset) != size:
                header.resizeSection(first + offset, size)

    def _visible_rows(self) -> tuple[int, int]:
        top = self.rowAt(0)
        bottom = self.rowAt(self.viewport().height() - 1)
        n = self.grid_model().grid.n_rows
        return (max(top, 0), n - 1 if bottom < 0 else bottom)

    def _measure_visible(self) -> None:
        grid = self.grid_model().grid
        if not grid.n_rows:
            return
        first, last = self._visible_rows()
        first, last = closed_range(grid, first, min(last + 5, grid.n_rows - 1))
        self._set_heights(first, last, precise=True)

    def _measure_slice(self) -> None:
        """Idle work: measure the next rows exactly, until the whole table is measured."""
        grid = self.grid_model().grid
        if self._measured_upto >= grid.n_rows:
            self._idle.stop()
            return
        first, last = closed_range(grid, self._measured_upto,
                                   min(self._measured_upto + IDLE_SLICE, grid.n_rows) - 1)
        self._set_heights(first, last, precise=True)
        self._measured_upto = last + 1

    def _scrolled(self, _value: int) -> None:
        self._measure_visible()
        self.viewport().update()  # merged cells keep their text in their visible part

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fit_width:
            self.fit_to_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._measure_visible()
        if self.fit_width:
            self._refit.start()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_task_changed.emit(self.current_task_id())
