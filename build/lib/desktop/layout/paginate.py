"""Splitting a grid's body rows into printed pages, with row heights measured in lines of text.

reportlab's own table splitting fails with row spans (DESIGN.md §4), so the print path paginates
itself: a row is as tall as the tallest cell that starts in it and spans only it; a merged cell
makes the rows it covers on a page tall enough for its text by growing the last of them. Pages are
filled greedily. A merged cell that continues onto a new page is restated there (``Grid.page_slice``),
and its restated text counts towards that page's row heights.

A row too tall for a whole page is split: it starts on the current page when a few lines still fit
there, each of its cells shows the lines that fit, and the rest continue at the top of the
following page(s); a category or attribute cell whose text is already shown is restated on those
continuation pages when it fits. Nothing is ever clipped.

Measuring is the caller's: ``lines_of(cell)`` gives the printed lines of a cell fragment (any
sequence), and :class:`RowMetrics` turns line counts into heights.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop.layout.grid import Grid, GridCell

LinesOf = Callable[[GridCell], Sequence[Any]]
RESTATED_ROLES = ("category", "attribute")
MIN_SPLIT_LINES = 3  # a split row starts on the current page only if this many lines fit there
_EPSILON = 1e-6


@dataclass(frozen=True, slots=True)
class RowMetrics:
    """How line counts become heights: ``lines * leading + padding`` (padding: top and bottom)."""

    leading: float
    padding: float

    def height(self, lines: int) -> float:
        return max(1, lines) * self.leading + self.padding

    def lines_within(self, height: float) -> int:
        """The most lines a cell can show in ``height`` (at least one)."""
        return max(1, int((height - self.padding + _EPSILON) // self.leading))


@dataclass(frozen=True)
class PagePlan:
    """One printed page: body rows ``first_row..last_row`` and their heights.

    ``skip`` maps a column to the lines of the first row's cell in that column already printed on
    earlier pages (the rest of a split row). ``limit``, for a page whose last row is split, is the
    most lines each cell starting in that row prints here. ``max_lines`` is the most lines a cell
    can show on this page.
    """

    first_row: int
    last_row: int
    heights: tuple[float, ...]
    skip: Mapping[int, int] = field(default_factory=dict)
    limit: int | None = None
    max_lines: int | None = None

    @property
    def row_count(self) -> int:
        return self.last_row - self.first_row + 1


def row_heights(fragments: Iterable[tuple[GridCell, int]], n_rows: int, metrics: RowMetrics) -> list[float]:
    """Heights of ``n_rows`` rows holding cells with the given line counts (rows counted from 0).

    A row is as tall as its tallest one-row cell (at least one line); a merged cell taller than
    the rows it spans adds the difference to its last row.
    """
    heights = [metrics.height(1)] * n_rows
    merged: list[tuple[GridCell, float]] = []
    for cell, count in fragments:
        need = metrics.height(count)
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], need)
        else:
            merged.append((cell, need))
    for cell, need in merged:
        have = sum(heights[cell.row:cell.row + cell.rowspan])
        if have < need:
            heights[cell.last_row] += need - have
    return heights


@dataclass(frozen=True)
class Paginator:
    """Paginates one grid; ``restate``/``marker`` as for :meth:`Grid.page_slice`."""

    grid: Grid
    lines_of: LinesOf
    metrics: RowMetrics
    restate: bool = True
    marker: str = ""

    def page_cells(self, page: PagePlan) -> list[tuple[GridCell, Sequence[Any]]]:
        """The cell fragments of ``page`` (rows from 0) with the lines each shows there."""
        out = []
        last = page.row_count - 1
        for cell in self.grid.page_slice(page.first_row, page.last_row, self.restate, self.marker):
            lines = self.lines_of(cell)
            if cell.row == 0 and page.skip:
                lines = self._rest(cell, lines, page.skip.get(cell.col, 0), page.max_lines)
            if cell.row == last and page.limit is not None:
                lines = lines[:page.limit]
            out.append((cell, lines))
        return out

    def _rest(self, cell: GridCell, lines: Sequence[Any], skipped: int,
              max_lines: int | None) -> Sequence[Any]:
        """What a cell of a split row shows on a continuation page: its remaining lines, or,
        once all are printed, its text restated (categories and attributes) if that fits."""
        if skipped < len(lines):
            return lines[skipped:]
        if not (self.restate and cell.role in RESTATED_ROLES and cell.text):
            return ()
        text = cell.text if cell.text.endswith(self.marker) else cell.text + self.marker
        restated = self.lines_of(dataclasses.replace(cell, text=text))
        return restated if max_lines is None or len(restated) <= max_lines else ()

    def heights(self, page: PagePlan) -> list[float]:
        counts = [(cell, len(lines)) for cell, lines in self.page_cells(page)]
        return row_heights(counts, page.row_count, self.metrics)

    def paginate(self, capacity: Callable[[int], float]) -> list[PagePlan]:
        """Pages for the whole grid; ``capacity(i)`` is the body height available on page i."""
        pages: list[PagePlan] = []
        first = 0
        skip: dict[int, int] = {}
        while first < self.grid.n_rows:
            room = self._room(capacity, len(pages))
            page = self._fill(first, skip, room)
            cut = self._cut(first, first, skip, room) if page is None else None
            if page is not None and self._starts_tall_row(page, capacity, len(pages)):
                cut = self._cut(first, page.last_row + 1, skip, room)
            if cut is not None:
                page, skip = cut
                first = page.last_row  # the cut row goes on at the top of the next page
            elif page is not None:
                first, skip = page.last_row + 1, {}
            else:
                raise AssertionError("one row cut to a page's lines always fits")
            pages.append(page)
        return pages or [PagePlan(0, -1, ())]

    def _starts_tall_row(self, page: PagePlan, capacity: Callable[[int], float], index: int) -> bool:
        """Whether the row after ``page`` is too tall for any page and should begin on this one."""
        row = page.last_row + 1
        if row >= self.grid.n_rows:
            return False
        if self._room(capacity, index) - sum(page.heights) < self.metrics.height(MIN_SPLIT_LINES) - _EPSILON:
            return False
        return self._too_tall(row, capacity, index)

    def _room(self, capacity: Callable[[int], float], index: int) -> float:
        return max(capacity(index), self.metrics.height(1))

    def _fill(self, first: int, skip: Mapping[int, int], room: float) -> PagePlan | None:
        """The page holding as many whole rows from ``first`` as fit in ``room`` (None: not one)."""
        max_lines = self.metrics.lines_within(room)
        best: PagePlan | None = None
        for last in range(first, self.grid.n_rows):
            trial = PagePlan(first, last, (), skip, max_lines=max_lines)
            heights = self.heights(trial)
            if sum(heights) > room + _EPSILON:
                break
            best = dataclasses.replace(trial, heights=tuple(heights))
        return best

    def _too_tall(self, row: int, capacity: Callable[[int], float], index: int) -> bool:
        """Whether ``row`` would not fit even alone at the top of the next page."""
        room = self._room(capacity, index + 1)
        page = PagePlan(row, row, (), max_lines=self.metrics.lines_within(room))
        return sum(self.heights(page)) > room + _EPSILON

    def _cut(self, first: int, last: int, skip: Mapping[int, int],
             room: float) -> tuple[PagePlan, dict[int, int]] | None:
        """Rows ``first..last`` with the last one cut to fill ``room``, and the lines it leaves.

        None when fewer than MIN_SPLIT_LINES of the last row would fit below the rows above it.
        """
        max_lines = self.metrics.lines_within(room)
        fewest = 1 if first == last else MIN_SPLIT_LINES
        page = None
        for limit in range(max_lines, fewest - 1, -1):  # one row alone always fits at max_lines
            trial = PagePlan(first, last, (), skip, limit, max_lines)
            heights = self.heights(trial)
            if sum(heights) <= room + _EPSILON:
                page = dataclasses.replace(trial, heights=tuple(heights))
                break
        if page is None:
            return None
        bottom = page.row_count - 1
        consumed = dict(skip) if first == last else {}
        for cell, lines in self.page_cells(page):
            if cell.row != bottom:
                continue
            done = skip.get(cell.col, 0) if first == last else 0
            if done < len(self.lines_of(cell)):  # not a restatement: these lines are now printed
                consumed[cell.col] = done + len(lines)
        return page, consumed
