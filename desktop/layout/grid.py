"""The grid: what an annex table looks like, cell by cell, independent of any output format.

The layout engine computes a :class:`Grid` from a plan and a table style; the table view, the
.docx, .xlsx and PDF writers all render this one grid and nothing else, so the screen and every
export agree. Rows are requirement (leaf) rows; header cells are kept apart from body cells.

A grid of a whole plan is kept as *segments*, one per top-level category (no merged cell crosses
from one to the next, see ``desktop.layout.incremental``). After an edit that adds or removes rows,
the segments after the edited ones are not moved at once: each grid knows where its segments
start, and a segment whose cells were made for another first row (or for another place among the
top-level categories, which its first-level number shows) is moved when its cells are first read.
So an edit costs what it changes; reading the whole ``cells`` list (an export) moves them all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
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


@dataclass(eq=False)
class Segment:
    """The body cells of one top-level category, made for first row ``base`` and for ``place``
    (1-based) among the top-level categories. Never changed once made (grids share them)."""

    base: int
    n_rows: int
    cells: list[GridCell]  # ordered by (row, col), rows base..base + n_rows - 1
    place: int
    _owner: list[list[int]] | None = field(default=None, repr=False)

    def owner(self, n_cols: int) -> list[list[int]]:
        """For each of its rows (from 0) and each column, the index in ``cells`` covering it."""
        if self._owner is None:
            self._owner = _owner_of(self.cells, self.n_rows, n_cols, self.base)
        return self._owner

    def moved(self, base: int, place: int, relabel: Callable[[str, int, int], str]) -> Segment:
        """The same cells from first row ``base`` at ``place``: 序号 follow the rows, the first
        level's number is ``relabel(text, old place, new place)``."""
        delta = base - self.base
        out: list[GridCell] = []
        append = out.append
        for c in self.cells:
            if c.role == "seq":
                append(GridCell(c.row + delta, c.col, 1, 1, str(c.row + delta + 1), "seq", c.task_id))
            elif place != self.place and c.role == "category" and c.level == 1:
                text = relabel(c.text, self.place, place)
                append(GridCell(c.row + delta, c.col, c.rowspan, c.colspan, text, c.role, c.task_id, c.attr,
                                c.level))
            elif delta:
                append(GridCell(c.row + delta, c.col, c.rowspan, c.colspan, c.text, c.role, c.task_id, c.attr,
                                c.level))
            else:
                append(c)
        return Segment(base, self.n_rows, out, place, self._owner)  # same layout: same owner rows


class Grid:
    """Header and body cells of an annex table (see the module docstring for segments)."""

    def __init__(self, style: TableStyle, title: str, attachment_label: str, header: list[GridCell],
                 cells: list[GridCell], row_task_ids: list[int],
                 _owner: list[list[int]] | None = None) -> None:
        self.style = style
        self.title = title
        self.attachment_label = attachment_label
        self.header = header
        self.row_task_ids = row_task_ids  # the requirement (leaf) task of each body row
        self._cells: list[GridCell] | None = cells  # body cells ordered by (row, col)
        self._owner = _owner
        self._segments: list[Segment] | None = None
        self._tops: list[int] = []
        self._starts: list[int] = []
        self._relabel: Callable[[str, int, int], str] | None = None

    @classmethod
    def of_segments(cls, style: TableStyle, title: str, attachment_label: str, header: list[GridCell],
                    segments: list[Segment], tops: list[int], starts: list[int], row_task_ids: list[int],
                    relabel: Callable[[str, int, int], str]) -> Grid:
        """A grid of one segment per top-level task ``tops``, starting at rows ``starts``
        (segments made for other rows or places are moved when read)."""
        grid = cls(style, title, attachment_label, header, [], row_task_ids)
        grid._cells = None
        grid._segments, grid._tops, grid._starts, grid._relabel = list(segments), tops, starts, relabel
        return grid

    # ----- segments ----------------------------------------------------------------------------
    @property
    def blocks(self) -> Blocks | None:
        """The top-level tasks and their first rows, when the grid is kept by segments."""
        return Blocks(self._tops, self._starts) if self._segments is not None else None

    def segments(self) -> list[Segment] | None:
        """The segments as they are stored (some may still have to move): for the incremental
        layout, which shares them with the next grid."""
        return self._segments

    def segment(self, index: int) -> Segment:
        """Segment ``index``, moved to where it starts in this grid."""
        assert self._segments is not None and self._relabel is not None
        seg = self._segments[index]
        if seg.base != self._starts[index] or seg.place != index + 1:
            seg = seg.moved(self._starts[index], index + 1, self._relabel)
            self._segments[index] = seg
        return seg

    def _segment_of(self, row: int) -> tuple[Segment, int]:
        index = bisect_right(self._starts, row) - 1
        return self.segment(index), self._starts[index]

    # ----- reading -----------------------------------------------------------------------------
    @property
    def cells(self) -> list[GridCell]:
        """All body cells ordered by (row, col) (for a grid kept by segments: all moved first)."""
        if self._cells is None:
            cells: list[GridCell] = []
            for index in range(len(self._starts)):
                cells.extend(self.segment(index).cells)
            self._cells = cells
        return self._cells

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
            self._owner = _owner_of(self.cells, self.n_rows, self.n_cols, 0)
        return self._owner

    def cell_at(self, row: int, col: int) -> GridCell:
        if self._segments is None or self._owner is not None:
            return self.cells[self.owner_table()[row][col]]
        seg, start = self._segment_of(row)
        return seg.cells[seg.owner(self.n_cols)[row - start][col]]

    def row_cells(self, row: int) -> list[GridCell]:
        """The cells covering body row ``row``, left to right, each once."""
        if self._segments is None or self._owner is not None:
            cells = self.cells
            return [cells[i] for i in dict.fromkeys(self.owner_table()[row])]
        seg, start = self._segment_of(row)
        return [seg.cells[i] for i in dict.fromkeys(seg.owner(self.n_cols)[row - start])]

    def cells_starting_in(self, first_row: int, last_row: int) -> list[GridCell]:
        """Cells anchored in rows first_row..last_row (ordered by row: a bisection)."""
        if self._segments is None:
            cells = self.cells
            start = bisect_left(cells, first_row, key=_row_of)
            end = bisect_right(cells, last_row, lo=start, key=_row_of)
            return cells[start:end]
        out: list[GridCell] = []
        if first_row > last_row or not self._starts:
            return out
        index = max(0, bisect_right(self._starts, first_row) - 1)
        while index < len(self._starts) and self._starts[index] <= last_row:
            seg = self.segment(index)
            start = bisect_left(seg.cells, first_row, key=_row_of)
            end = bisect_right(seg.cells, last_row, lo=start, key=_row_of)
            out.extend(seg.cells[start:end])
            index += 1
        return out

    def replaced(self, new_cells: Iterable[GridCell]) -> Grid:
        """This grid with some cells replaced by cells of the same place and span (new texts):
        the layout, the owner table and the untouched segments are shared."""
        if self._segments is None:
            cells = list(self.cells)
            for cell in new_cells:
                cells[_index_of(cells, cell.row, cell.col)] = cell
            return Grid(self.style, self.title, self.attachment_label, self.header, cells, self.row_task_ids,
                        self._owner)
        assert self._relabel is not None
        grid = Grid.of_segments(self.style, self.title, self.attachment_label, self.header, self._segments,
                                self._tops, self._starts, self.row_task_ids, self._relabel)
        copied: dict[int, list[GridCell]] = {}
        for cell in new_cells:
            index = bisect_right(self._starts, cell.row) - 1
            seg = grid.segment(index)
            if index not in copied:
                copied[index] = list(seg.cells)
            copied[index][_index_of(copied[index], cell.row, cell.col)] = cell
        assert grid._segments is not None
        for index, cells in copied.items():
            seg = grid._segments[index]
            grid._segments[index] = Segment(seg.base, seg.n_rows, cells, seg.place, seg._owner)
        return grid

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

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Grid):
            return NotImplemented
        return ((self.style, self.title, self.attachment_label, self.header, self.row_task_ids, self.cells)
                == (other.style, other.title, other.attachment_label, other.header, other.row_task_ids,
                    other.cells))

    __hash__ = None  # type: ignore[assignment]  # mutable caches: not hashable

    def __repr__(self) -> str:
        return f"Grid({self.title!r}, {self.n_rows} rows, {self.n_cols} columns)"


def _owner_of(cells: list[GridCell], n_rows: int, n_cols: int, base: int) -> list[list[int]]:
    owner = [[-1] * n_cols for _ in range(n_rows)]
    for index, cell in enumerate(cells):
        for r in range(cell.row - base, cell.row - base + cell.rowspan):
            row = owner[r]
            for c in range(cell.col, cell.col + cell.colspan):
                row[c] = index
    return owner


def _index_of(cells: list[GridCell], row: int, col: int) -> int:
    index = bisect_left(cells, (row, col), key=_place_of)
    if index == len(cells) or (cells[index].row, cells[index].col) != (row, col):
        raise ValueError(f"no cell anchored at ({row}, {col})")
    return index


def _place_of(cell: GridCell) -> tuple[int, int]:
    return cell.row, cell.col


def _row_of(cell: GridCell) -> int:
    return cell.row
