"""A grid restricted to some of its rows: a unit's share of the annex, with the annex's own numbers.

Filtering the *plan* and laying it out again would renumber everything — the unit's only tasks
under 三、 would print as 一、 and its rows as 序号 1, 2, 3 — and the unit could no longer match its
copy with the annex it was issued. So the full grid is laid out once and then cut down: every cell
keeps its text (numbers included) and spans the kept rows it covered, which are consecutive in
the new grid. Cells covering no kept row disappear.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection
from dataclasses import replace

from desktop.layout.grid import Grid, GridCell


def subset_rows(grid: Grid, keep: Collection[int], title: str | None = None) -> Grid:
    """The grid with only the body rows whose requirement task id is in ``keep``."""
    kept = [row for row, task_id in enumerate(grid.row_task_ids) if task_id in keep]
    cells: list[GridCell] = []
    for cell in grid.cells:
        first = bisect_left(kept, cell.row)
        last = bisect_left(kept, cell.last_row + 1)
        if first == last:
            continue
        cells.append(replace(cell, row=first, rowspan=last - first))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid(grid.style, grid.title if title is None else title, grid.attachment_label,
                list(grid.header), cells, [grid.row_task_ids[row] for row in kept])
