"""The grid: what an annex table looks like, cell by cell, independent of any output format.

The layout engine computes a :class:`Grid` from a plan and a table style; the table view, the
.docx, .xlsx and PDF writers all render this one grid and nothing else, so the screen and every
export agree. Rows are requirement (leaf) rows; header cells are kept apart from body cells.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from desktop.core.style import TableStyle

ROLES = ("header", "seq", "category", "requirement", "attribute")


@dataclass(unsafe_hash=True, slots=True)
class GridCell:
    """One (possibly merged) cell. Body rows count from 0; header cells have their own rows.

    Never changed once made (grids after an edit share the cells they did not rebuild); it is not
    a frozen dataclass only because making a frozen one costs three times as long, which counts
    when an edit moves tens of thousands of cells down a row.
    """

    row: int
    col: int
    rowspan: int
    colspan: int
    text: str
    role: str
    task_id: int | None = None  # category/requirement: the task shown; attribute: the task that sets it
    attr: str | None = None  # attribute cells: the attribute key
    level: int | None = None  # category cells: the hierarchy level (1 = top)

    @property
    def last_row(self) -> int:
        return self.row + self.rowspan - 1

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row <= self.last_row and self.col <= col <= self.last_col


@dataclass(frozen=True)
class Blocks:
    """The top-level categories of a grid in order, with the first row of each."""

    tops: list[int]
    starts: list[int]


@dataclass
class Grid:
    style: TableStyle
    title: str
    attachment_label: str
    header: list[GridCell]
    cells: list[GridCell]  # body cells ordered by (row, col)
    row_task_ids: list[int]  # the requirement (leaf) task of each body row
    _owner: list[list[int]] | None = field(default=None, repr=False)
    blocks: Blocks | None = field(default=None, repr=False, compare=False)  # see desktop.layout.incremental

    @property
    def n_rows(self) -> int:
        return len(self.row_task_ids)

    @property
    def n_cols(self) -> int:
        return len(self.style.columns)

    @property
    def header_rows(self) -> int:
        return max((c.last_row + 1 for c in self.header), default=0)

    def owner_table(self) -> list[list[int]]:
        """For each body row and column, the index in ``cells`` of the cell covering it."""
        if self._owner is None:
            owner = [[-1] * self.n_cols for _ in range(self.n_rows)]
            for index, cell in enumerate(self.cells):
                for r in range(cell.row, cell.row + cell.rowspan):
                    row = owner[r]
                    for c in range(cell.col, cell.col + cell.colspan):
                        row[c] = index
            self._owner = owner
        return self._owner

    def cell_at(self, row: int, col: int) -> GridCell:
        return self.cells[self.owner_table()[row][col]]

    def cells_starting_in(self, first_row: int, last_row: int) -> list[GridCell]:
        """Cells anchored in rows first_row..last_row (``cells`` is ordered by row: a bisection)."""
        start = bisect_left(self.cells, first_row, key=_row_of)
        end = bisect_right(self.cells, last_row, lo=start, key=_row_of)
        return self.cells[start:end]

    def spans(self) -> set[tuple[int, int, int, int]]:
        """(row, col, rowspan, colspan) of every body cell: the visible structure to compare."""
        return {(c.row, c.col, c.rowspan, c.colspan) for c in self.cells}

    def page_slice(self, first_row: int, last_row: int, restate: bool = True,
                   marker: str = "") -> list[GridCell]:
        """Body cells clipped to rows first_row..last_row (a printed page), rows renumbered from 0.

        A merged cell that began on an earlier page is restated at the top of this one (its text
        repeated, with ``marker`` appended) when ``restate`` is true, else left blank.
        """
        out: list[GridCell] = []
        seen: set[int] = set()
        owner = self.owner_table()
        for r in range(first_row, last_row + 1):
            for index in owner[r]:
                if index in seen:
                    continue
                seen.add(index)
                cell = self.cells[index]
                top = max(cell.row, first_row)
                bottom = min(cell.last_row, last_row)
                text = cell.text
                if cell.row < first_row:
                    text = (text + marker) if (restate and text) else ("" if not restate else text)
                out.append(GridCell(top - first_row, cell.col, bottom - top + 1, cell.colspan, text,
                                    cell.role, cell.task_id, cell.attr, cell.level))
        return out


def _row_of(cell: GridCell) -> int:
    return cell.row
