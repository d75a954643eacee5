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
from desktop.gui.table.table_model import GridTableModel, region_change
from desktop.layout.grid import Grid, GridCell
from desktop.layout.incremental import RegionUpdate

IDLE_SLICE = 120  # rows measured per idle step
PRECISE_ROWS = 400  # changed rows measured exactly at once; more are estimated first
EAGER_ROWS = 2000  # rows given estimated heights when a grid is shown; the idle timer measures on
ZOOM_STEPS = (0.4, 0.5, 0.67, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)


class PlanTableView(QTableView):
    """Shows a :class:`GridTableModel`; emits ``current_task_changed(task_id)`` for the tree."""

    current_task_changed = Signal(int)
    zoom_changed = Signal(float)

    def __init__(self, model: GridTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zoom = 1.0
        self.fit_width = True
        self._spans: set[tuple[int, int, int, int]] | None = set()  # None: those of _spans_grid
        self._spans_grid: Grid | None = None
        self._measured_upto = 0
        self._heights_pending = False
        self._category_rows: tuple[list[int] | None, dict[int, int]] = (None, {})
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
        old_rows = self.grid_model().grid.n_rows
        update = self.grid_model().set_grid(grid)
        if update.reset:
            self._setup_all()
            return
        if update.rows_moved:
            self._apply_spans(grid)  # Qt shifted its spans with the rows: set them all again
        else:
            self._update_spans(grid)
        precise = True
        if update.first >= 0:
            first, last = closed_range(grid, update.first, update.last)
            # many changed rows (a filter set or cleared): estimated now, measured when seen or idle
            precise = last - first < PRECISE_ROWS
            self._set_heights(first, last, precise=precise)
        if 0 <= update.first < self._measured_upto:
            if precise:
                # rows before the change keep their heights, the changed ones were just measured,
                # and Qt shifted the sections after them with the inserted or removed rows
                moved = grid.n_rows - old_rows
                self._measured_upto = max(0, min(grid.n_rows, self._measured_upto + moved))
            else:
                self._measured_upto = update.first
        self._measure_visible()
        if not self._idle.isActive():
            self._idle.start()

    def show_region(self, update: RegionUpdate) -> None:
        """Show a grid that differs from the shown one only in the rows of ``update``'s region
        (the incremental layout's answer to a structural edit): the spans and heights of those
        rows are set, the rows after them keep theirs (Qt moves them along).

        Qt removes a span by searching its whole list of spans, so only the spans that cannot
        stay are removed: rows come or go where the region's rows first differ, Qt moves the
        spans after that point itself, and a span still anchored where a new one is has only
        its size changed."""
        old = self.grid_model().grid
        first = update.first
        at, removed, added = region_change(old, update)
        new_spans = {(c.row, c.col): (c.rowspan, c.colspan)
                     for c in update.grid.cells_starting_in(first, update.new_last)
                     if c.rowspan > 1 or c.colspan > 1}
        kept: list[tuple[int, int]] = []
        for cell in old.cells_starting_in(first, update.old_last):
            if cell.rowspan == 1 and cell.colspan == 1:
                continue
            if at <= cell.row < at + removed:
                row = -1  # its first row goes
            else:
                row = cell.row + added - removed if cell.row >= at else cell.row
            if (row, cell.col) in new_spans:
                kept.append((row, cell.col))
            else:
                self.setSpan(cell.row, cell.col, 1, 1)
        self.grid_model().set_region(update)
        grid = update.grid
        for row, col in kept:  # sizes first: then no old span covers a new span's first cell
            rowspan, colspan = new_spans[(row, col)]
            if self.rowSpan(row, col) != rowspan or self.columnSpan(row, col) != colspan:
                self.setSpan(row, col, rowspan, colspan)
        placed = set(kept)
        for (row, col), (rowspan, colspan) in new_spans.items():
            if (row, col) not in placed:
                self.setSpan(row, col, rowspan, colspan)
        self._spans = None  # the grid's spans, worked out only if a whole new grid comes
        self._spans_grid = grid
        if update.new_last >= first:
            self._set_heights(first, update.new_last, precise=True)
        if self._measured_upto >= old.n_rows:  # all were measured: the region just was too
            self._measured_upto = grid.n_rows
        elif first < self._measured_upto:
            moved = update.new_last - update.old_last
            self._measured_upto = max(0, min(grid.n_rows, self._measured_upto + moved))
        if update.renumbered:  # later first-level numbers changed: measure those rows again
            self._measured_upto = min(self._measured_upto, update.new_last + 1)
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
        self._setup_all(spans=False)  # the same grid: its spans stay
        self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self.zoom + 1e-3), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self.zoom - 1e-3), ZOOM_STEPS[0]))

    @property
    def measuring(self) -> bool:
        """Whether rows are still being measured exactly in idle slices (the heights may change)."""
        return self._idle.isActive()

    def fit_to_width(self) -> None:
        """Zoom so that the whole table is as wide as the view (the default, kept on resizing)."""
        full = self._layout.edges[-1] / self.zoom
        available = self.viewport().width() - 2
        if full > 0 and available > 50:
            self.set_zoom(available / full, fit=True)
        self.fit_width = True

    def select_task(self, task_id: int, first_leaf: int | None = None) -> None:
        """Make the cell showing the task current (its requirement or category cell);
        ``first_leaf`` (a category's first requirement) finds a category's row at once."""
        cell = self._task_cell(task_id, first_leaf)
        if cell is None:
            return
        index = self.model().index(cell.row, cell.col)
        if index != self.currentIndex():
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def _task_cell(self, task_id: int, first_leaf: int | None = None) -> GridCell | None:
        """The requirement or category cell showing the task, found from its first row rather
        than by scanning every cell: a requirement's row is its place in ``row_task_ids``, a
        category's the row of ``first_leaf``; without it (or when a filter hides that row) the
        first rows of categories are indexed once per row layout (text edits keep the layout).
        A category deeper than the level columns is folded into a requirement cell: None."""
        grid = self.grid_model().grid
        ids = grid.row_task_ids
        for anchor in (task_id, first_leaf):
            if anchor is None:
                continue
            try:
                row = ids.index(anchor)
            except ValueError:
                continue
            # a category deeper than the level columns has no cell of its own: None
            return next((c for c in grid.cells_starting_in(row, row)
                         if c.task_id == task_id and c.role in ("requirement", "category")), None)
        if self._category_rows[0] is not ids:
            rows = {c.task_id: c.row for c in grid.cells
                    if c.role == "category" and c.task_id is not None}
            self._category_rows = (ids, rows)
        row = self._category_rows[1].get(task_id, -1)
        if row < 0:
            return None
        return next((c for c in grid.cells_starting_in(row, row)
                     if c.task_id == task_id and c.role in ("requirement", "category")), None)

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
    def _setup_all(self, spans: bool = True) -> None:
        grid = self.grid_model().grid
        self._layout = TableLayout(grid.style, self.zoom, self.logicalDpiY())
        self._delegate.layout = self._layout
        header = self.horizontalHeader()
        assert isinstance(header, GroupedHeaderView)
        for col, width in enumerate(self._layout.column_widths()):
            self.setColumnWidth(col, width)
        header.set_groups(grid.style.header_groups(), self._layout, round(self._layout.header_height(grid)))
        if spans:
            self._apply_spans(grid)
        self._measured_upto = 0
        self._heights_pending = not self.isVisible()  # shown soon at the width it then has
        if not self._heights_pending:
            self._setup_heights()

    def _setup_heights(self) -> None:
        """Estimate the first rows at once, measure the visible ones, and leave the rest to the
        idle timer (a large plan shows its first screen without waiting for all its rows)."""
        self._heights_pending = False
        grid = self.grid_model().grid
        if grid.n_rows:
            first, last = closed_range(grid, 0, min(grid.n_rows, EAGER_ROWS) - 1)
            self._set_heights(first, last, precise=False)
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
        if self._spans is None:
            self._spans = self._spans_grid.spans() if self._spans_grid is not None else set()
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
        if self._heights_pending:
            self._setup_heights()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._measure_visible()
        if self.fit_width:
            self._refit.start()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.current_task_changed.emit(self.current_task_id())
