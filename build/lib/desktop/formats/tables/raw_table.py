"""A table as a reader found it: a grid of merged cells, before any meaning is given to columns.

Every table reader (.docx, .xlsx, clipboard HTML and TSV) reduces what it reads to a
:class:`RawTable`: for each row and grid column, the :class:`RawCell` covering it (the same object
for every position a merged cell covers) or None where nothing is. :class:`GridBuilder` does the
bookkeeping of horizontal and vertical spans for all of them. Sizes are capped, because tables come
from untrusted files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.formats.errors import FormatError

MAX_ROWS = 25000  # a 20,000-row annex plus its header, title and rows restated at page starts
MAX_COLS = 64
TOO_BIG_MESSAGE = f"表格太大（超过 {MAX_ROWS} 行或 {MAX_COLS} 列），无法导入。"


@dataclass(eq=False)
class RawCell:
    """One (possibly merged) cell: its text and the grid area it covers."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1


@dataclass
class RawTable:
    """Rows of cells; ``grid[r][c]`` is the cell covering row r, column c (or None)."""

    grid: list[list[RawCell | None]]
    n_cols: int
    header_marked: list[bool] = field(default_factory=list)  # rows the file flags as header rows
    widths: list[float] = field(default_factory=list)  # relative column widths, when known
    merges_known: bool = True  # False when a blank category cell may stand for the one above
    blank_continues: bool = False  # True when blank attribute cells stand for merged ones (Excel's TSV)
    before: list[str] = field(default_factory=list)  # paragraphs between the previous table and this one

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    def row_cells(self, row: int) -> list[RawCell]:
        """The distinct cells of a row, left to right."""
        out: list[RawCell] = []
        for cell in self.grid[row]:
            if cell is not None and (not out or out[-1] is not cell):
                out.append(cell)
        return out

    def row_texts(self, row: int) -> list[str]:
        return [cell.text.strip() if cell is not None else "" for cell in self.grid[row]]

    def is_marked_header(self, row: int) -> bool:
        return row < len(self.header_marked) and self.header_marked[row]


class GridBuilder:
    """Place cells row by row; spans and vertically merged continuations are tracked here."""

    def __init__(self) -> None:
        self.grid: list[list[RawCell | None]] = []
        self.header_marked: list[bool] = []
        self._active: list[RawCell | None] = []  # per column: a cell whose declared rowspan is still open

    def new_row(self, header: bool = False) -> None:
        if len(self.grid) >= MAX_ROWS:
            raise FormatError(TOO_BIG_MESSAGE)
        row_index = len(self.grid)
        row: list[RawCell | None] = []
        for col, cell in enumerate(self._active):
            if cell is not None and cell.row + cell.rowspan > row_index:
                _put(row, col, cell)
            else:
                self._active[col] = None
        self.grid.append(row)
        self.header_marked.append(header)

    def next_free(self, col: int = 0) -> int:
        row = self.grid[-1]
        while col < len(row) and row[col] is not None:
            col += 1
        return col

    def add(self, text: str, colspan: int = 1, rowspan: int = 1, col: int | None = None) -> RawCell:
        """Place a cell in the current row at ``col`` (default: the next free column)."""
        start = self.next_free() if col is None else col
        colspan = max(1, min(colspan, MAX_COLS))
        rowspan = max(1, min(rowspan, MAX_ROWS))
        if start + colspan > MAX_COLS:
            raise FormatError(TOO_BIG_MESSAGE)
        cell = RawCell(text, len(self.grid) - 1, start, rowspan, colspan)
        row = self.grid[-1]
        for c in range(start, start + colspan):
            _put(row, c, cell)
            if rowspan > 1:
                while len(self._active) <= c:
                    self._active.append(None)
                self._active[c] = cell
        return cell

    def add_cover(self, cell: RawCell, col: int) -> None:
        """Let an existing cell of the current row cover one more column (legacy horizontal merge)."""
        if col >= MAX_COLS:
            raise FormatError(TOO_BIG_MESSAGE)
        _put(self.grid[-1], col, cell)

    def continue_above(self, col: int, colspan: int = 1) -> RawCell | None:
        """A vertically merged continuation at ``col``: extend the cell above; None if there is none."""
        if len(self.grid) < 2:
            return None
        above_row = self.grid[-2]
        above = above_row[col] if col < len(above_row) else None
        if above is None or above.col != col or above.last_row != len(self.grid) - 2:
            return None
        above.rowspan += 1
        row = self.grid[-1]
        for c in range(col, col + max(colspan, above.colspan)):
            if c < MAX_COLS:
                _put(row, c, above)
        return above

    def finish(self, widths: list[float] | None = None, merges_known: bool = True,
               before: list[str] | None = None, blank_continues: bool = False) -> RawTable:
        n_rows = len(self.grid)
        n_cols = max((len(r) for r in self.grid), default=0)
        for row in self.grid:
            row.extend([None] * (n_cols - len(row)))
            for cell in row:
                if cell is not None and cell.row + cell.rowspan > n_rows:
                    cell.rowspan = n_rows - cell.row
        return RawTable(self.grid, n_cols, self.header_marked, list(widths or []), merges_known,
                        blank_continues, list(before or []))


def _put(row: list[RawCell | None], col: int, cell: RawCell) -> None:
    while len(row) <= col:
        row.append(None)
    row[col] = cell
