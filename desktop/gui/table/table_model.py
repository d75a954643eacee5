"""The layout engine's grid as a Qt table model, updated by rows rather than reset.

Each body cell of the grid is anchored at its top-left (row, column); the covered positions of a
merged cell are empty (the view draws the span). After an edit the controller hands over the new
grid: rows of requirements that disappeared are removed, new ones inserted (by comparing the row
task ids), and ``dataChanged`` covers the rows whose cells changed, so the view keeps its scroll
position, selection and row heights. Edits made in the table are passed to ``edit_handler`` as
(cell, new text); the model itself never changes the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.model import ATTRIBUTE_LABELS
from desktop.layout.grid import Grid, GridCell
from desktop.layout.incremental import RegionUpdate

Index = QModelIndex | QPersistentModelIndex
CELL_ROLE = Qt.ItemDataRole.UserRole + 10
EDITABLE_ROLES = ("category", "requirement", "attribute")
EditHandler = Callable[[GridCell, str], bool]  # True when the edit was applied


class GridTableModel(QAbstractTableModel):
    """Body cells of a :class:`Grid`; the header labels are drawn by ``GroupedHeaderView``."""

    def __init__(self, grid: Grid) -> None:
        super().__init__()
        self._grid = grid
        self._keys: list[tuple] | None = None  # row_keys(grid), worked out when a whole grid comes
        # while rows move: which old row each shows (None: a new row)
        self._old_rows: list[int | None] | _Shifted | None = None
        self.edit_handler: EditHandler | None = None

    @property
    def grid(self) -> Grid:
        return self._grid

    def cell(self, row: int, col: int) -> GridCell | None:
        """The cell covering (row, col), or None outside the grid."""
        if self._old_rows is not None:
            source = self._old_rows[row] if 0 <= row < len(self._old_rows) else None
            if source is None or not 0 <= col < self._grid.n_cols:
                return None
            cell = self._grid.cell_at(source, col)
            return GridCell(row + cell.row - source, *_tail(cell))
        if not (0 <= row < self._grid.n_rows and 0 <= col < self._grid.n_cols):
            return None
        return self._grid.cell_at(row, col)

    # ----- read ------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._old_rows) if self._old_rows is not None else self._grid.n_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._grid.n_cols

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        cell = self.cell(index.row(), index.column()) if index.isValid() else None
        if cell is None or cell.row != index.row() or cell.col != index.column():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return cell.text
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.ToolTipRole and cell.role == "attribute" and cell.attr:
            return ATTRIBUTE_LABELS.get(cell.attr, cell.attr)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        cell = self.cell(index.row(), index.column()) if index.isValid() else None
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if cell.role in EDITABLE_ROLES and cell.row == index.row() and cell.col == index.column():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self._grid.n_cols:
            return self._grid.style.columns[section].header
        return str(section + 1) if orientation == Qt.Orientation.Vertical else None

    # ----- write -----------------------------------------------------------------------------
    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = anchored_cell(index)
        if not isinstance(cell, GridCell) or role != Qt.ItemDataRole.EditRole or self.edit_handler is None:
            return False
        text = str(value)
        if text == cell.text:
            return False
        return self.edit_handler(cell, text)

    # ----- following the plan ----------------------------------------------------------------
    def set_grid(self, grid: Grid) -> GridUpdate:
        """Show ``grid`` and say which rows changed.

        Rows are removed and inserted while the model still shows the old cells (Qt's contract,
        checked by qtmodeltester); the new cells arrive afterwards through one ``dataChanged``.
        """
        old = self._grid
        if old.n_cols != grid.n_cols or old.style != grid.style:
            self.beginResetModel()
            self._grid, self._keys = grid, None
            self.endResetModel()
            return GridUpdate(True, 0, grid.n_rows - 1, True)
        old_keys = self._keys if self._keys is not None else row_keys(old)
        new_keys = row_keys(grid)
        head, removed, added = _row_diff(old.row_task_ids, grid.row_task_ids)
        if removed == added:  # rows changed places (a move) or content: no rows come or go
            removed = added = 0
        rows: list[int | None] = list(range(old.n_rows))
        if removed:
            self.beginRemoveRows(QModelIndex(), head, head + removed - 1)
            rows = rows[:head] + rows[head + removed:]
            self._old_rows = rows
            self.endRemoveRows()
        if added:
            self.beginInsertRows(QModelIndex(), head, head + added - 1)
            rows = rows[:head] + [None] * added + rows[head:]
            self._old_rows = rows
            self.endInsertRows()
        self._old_rows = None
        self._grid, self._keys = grid, new_keys
        first, last = _changed_span(old_keys, new_keys, rows)
        shown_first, shown_last = first, last
        if (removed or added) and any(c.kind == "seq" for c in grid.style.columns) and grid.n_rows:
            shown_first = head if first < 0 else min(first, head)
            shown_last = grid.n_rows - 1
        if shown_first >= 0:
            self.dataChanged.emit(self.index(shown_first, 0), self.index(shown_last, grid.n_cols - 1))
        return GridUpdate(False, first, last, bool(removed or added))


    def set_region(self, update: RegionUpdate) -> None:
        """Show ``update.grid``, which differs from the shown grid only in the rows of the region:
        rows are removed or inserted where the region's rows first differ (``region_change``),
        so that Qt moves the rows after that point, their heights and spans, along with them;
        ``dataChanged`` covers the region, and the rows after it only when their 序号 or
        first-level numbers changed (one signal: the view repaints what it shows). Nothing here
        looks at rows outside the region."""
        old, grid = self._grid, update.grid
        first = update.first
        at, removed, added = region_change(old, update)
        if removed:
            self.beginRemoveRows(QModelIndex(), at, at + removed - 1)
            self._old_rows = _Shifted(at, removed, 0, old.n_rows)
            self.endRemoveRows()
        elif added:
            self.beginInsertRows(QModelIndex(), at, at + added - 1)
            self._old_rows = _Shifted(at, 0, added, old.n_rows)
            self.endInsertRows()
        self._old_rows = None
        self._grid, self._keys = grid, None
        if update.new_last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(update.new_last, grid.n_cols - 1))
        if (removed or added or update.renumbered) and update.new_last + 1 < grid.n_rows:
            self.dataChanged.emit(self.index(update.new_last + 1, 0),
                                  self.index(grid.n_rows - 1, grid.n_cols - 1))

    def patch_grid(self, grid: Grid, rows: list[int]) -> None:
        """Show ``grid``, which differs from the current one only in the texts of ``rows``."""
        self._grid = grid
        if self._keys is not None:
            for row in rows:
                self._keys[row] = row_key(grid, row)
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, grid.n_cols - 1))


@dataclass(frozen=True)
class GridUpdate:
    """What ``set_grid`` did: a reset, or the rows whose cells (other than 序号) changed."""

    reset: bool
    first: int  # -1 when no row changed
    last: int
    rows_moved: bool


def _key(c: GridCell) -> tuple:
    return (c.col, c.rowspan, c.colspan, "" if c.role == "seq" else c.text, c.role, c.task_id, c.attr)


def row_key(grid: Grid, row: int) -> tuple:
    """The key of one row (see :func:`row_keys`)."""
    return tuple(_key(c) for c in grid.row_cells(row) if c.row == row)


def region_keys(grid: Grid, first: int, last: int) -> list[tuple]:
    """The keys of rows first..last (see :func:`row_keys`), from the cells anchored there."""
    keys: list[list[tuple]] = [[] for _ in range(last - first + 1)]
    for c in grid.cells_starting_in(first, last):
        keys[c.row - first].append(_key(c))
    return [tuple(k) for k in keys]


def row_keys(grid: Grid) -> list[tuple]:
    """Per row, the cells anchored there (序号 text left out: it follows from the row's place)."""
    keys: list[list[tuple]] = [[] for _ in range(grid.n_rows)]
    for c in grid.cells:
        keys[c.row].append(_key(c))
    return [tuple(k) for k in keys]


def anchored_cell(index: Index) -> GridCell | None:
    """The grid cell anchored at ``index``, read from the Python model directly.

    (PySide6 6.12 drops a reference to None each time ``QModelIndex.data`` returns an invalid
    value to Python, which eventually crashes the interpreter; so views never ask that way.)
    """
    model = index.model()
    if not isinstance(model, GridTableModel) or not index.isValid():
        return None
    cell = model.cell(index.row(), index.column())
    return cell if cell is not None and cell.row == index.row() and cell.col == index.column() else None


def region_change(old: Grid, update: RegionUpdate) -> tuple[int, int, int]:
    """(row, rows removed there, rows added there) that turn ``old``'s rows into ``update``'s:
    the change sits where the region's row tasks first differ (an indent or a new row leaves the
    rows before it and, moved along, the rows after it as they were)."""
    first = update.first
    old_len, new_len = update.old_last - first + 1, update.new_last - first + 1
    old_ids, new_ids = old.row_task_ids, update.grid.row_task_ids
    head = 0
    limit = min(old_len, new_len)
    while head < limit and old_ids[first + head] == new_ids[first + head]:
        head += 1
    return first + head, max(0, old_len - new_len), max(0, new_len - old_len)


class _Shifted:
    """While rows are removed or inserted at ``at``: the old row each row shows (None: new)."""

    def __init__(self, at: int, removed: int, added: int, old_rows: int) -> None:
        self.at, self.removed, self.added = at, removed, added
        self.length = old_rows - removed + added

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, row: int) -> int | None:
        if row < self.at:
            return row
        if row < self.at + self.added:
            return None
        return row - self.added + self.removed


def _tail(cell: GridCell) -> tuple:
    return (cell.col, cell.rowspan, cell.colspan, cell.text, cell.role, cell.task_id, cell.attr, cell.level)


def _row_diff(old_ids: list[int], new_ids: list[int]) -> tuple[int, int, int]:
    """(first differing row, rows removed there, rows added there) by common head and tail."""
    limit = min(len(old_ids), len(new_ids))
    head = 0
    while head < limit and old_ids[head] == new_ids[head]:
        head += 1
    tail = 0
    while tail < limit - head and old_ids[-1 - tail] == new_ids[-1 - tail]:
        tail += 1
    return head, len(old_ids) - head - tail, len(new_ids) - head - tail


def _changed_span(old_keys: list[tuple], new_keys: list[tuple],
                  old_rows: list[int | None]) -> tuple[int, int]:
    """First and last new row whose anchored cells differ from the old row shown there."""
    n = len(new_keys)

    def same(row: int) -> bool:
        source = old_rows[row]
        return source is not None and new_keys[row] == old_keys[source]

    first = 0
    while first < n and same(first):
        first += 1
    if first == n:
        return -1, -1
    last = n - 1
    while last > first and same(last):
        last -= 1
    return first, last
