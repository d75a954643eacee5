"""A read-only Qt table model over the layout engine's grid, with the spans the view must set."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.layout.grid import Grid

_ALIGN = {
    "center": Qt.AlignmentFlag.AlignCenter,
    "justify": Qt.AlignmentFlag.AlignJustify | Qt.AlignmentFlag.AlignVCenter,
    "left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
}
Index = QModelIndex | QPersistentModelIndex


class GridModel(QAbstractTableModel):
    """Body cells of a :class:`Grid`; header labels come from the style's columns."""

    def __init__(self, grid: Grid) -> None:
        super().__init__()
        self._grid = grid

    @property
    def grid(self) -> Grid:
        return self._grid

    def set_grid(self, grid: Grid) -> None:
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._grid.n_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._grid.n_cols

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cell = self._grid.cell_at(index.row(), index.column())
        if cell.row != index.row() or cell.col != index.column():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            align = "center" if cell.role != "requirement" else self._grid.style.columns[cell.col].align
            return _ALIGN[align]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._grid.style.columns[section].header
        return None
