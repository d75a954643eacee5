"""A quick way to the next grid after text-only edits, equal to what the layout engine would build.

Changing a task's text changes no span and no merge: only the cells that show that text. So
after an operation whose journal holds nothing but "text" changes, the new grid is the old one
with those cells' texts replaced (the cell layout and its owner table are shared). Where a text
is folded together with others (a category deeper than the style's level columns), the patch
declines and the caller runs the layout engine as usual. Tests check the patched grid
against ``build_grid`` for many edits.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right

from desktop.core.change_set import ChangeSet
from desktop.core.model import Plan
from desktop.core.numbering import compute_numbers
from desktop.layout.grid import Grid, GridCell

TEXT_ROLES = ("requirement", "category")


def cells_by_task(grid: Grid) -> dict[int, list[int]]:
    """Indexes of the requirement and category cells showing each task."""
    found: dict[int, list[int]] = {}
    for index, cell in enumerate(grid.cells):
        if cell.role in TEXT_ROLES and cell.task_id is not None:
            found.setdefault(cell.task_id, []).append(index)
    return found


class TaskCells:
    """Like ``cells_by_task(grid)`` for a grid of the whole plan, without scanning the grid: the
    cells showing a task are anchored at its first row (a requirement's own row, a category's
    first requirement), found by bisection in the cells ordered by row."""

    def __init__(self, grid: Grid, plan: Plan) -> None:
        self.grid, self.plan = grid, plan

    def get(self, task_id: int, default: list[int]) -> list[int]:
        if task_id not in self.plan:
            return default
        node = self.plan[task_id]
        while node.children:
            node = node.children[0]
        try:
            row = self.grid.row_task_ids.index(node.id)
        except ValueError:
            return default
        cells = self.grid.cells
        start = bisect_left(cells, row, key=_row_of)
        end = bisect_right(cells, row, lo=start, key=_row_of)
        return [i for i in range(start, end) if cells[i].task_id == task_id and cells[i].role in TEXT_ROLES]


def _row_of(cell: GridCell) -> int:
    return cell.row


def patch_texts(grid: Grid, plan: Plan, change_set: ChangeSet,
                index: dict[int, list[int]] | TaskCells) -> tuple[Grid, list[int]] | None:
    """(new grid, changed rows) for a text-only change set, or None when a full rebuild is needed.

    ``index`` is ``cells_by_task(grid)`` or, for a grid of the whole plan, ``TaskCells``. A task
    deeper than the style's level columns has its
    text folded into a requirement cell together with others: that case is left to the engine.
    """
    if not change_set.changes or any(c.kind != "text" for c in change_set.changes):
        return None
    max_level = grid.style.level_count
    numbers: dict[int, str] | None = None
    cells = list(grid.cells)
    rows: list[int] = []
    for task_id in change_set.touched_tasks():
        if task_id not in plan:
            return None
        task = plan[task_id]
        if any(node.depth > max_level for node in (task, *task.ancestors()) if node.children):
            return None
        for cell_index in index.get(task_id, []):
            cell = cells[cell_index]
            text = task.text
            if cell.role == "category":
                numbers = numbers if numbers is not None else compute_numbers(plan)
                text = numbers.get(task_id, "") + task.text
            cells[cell_index] = dataclasses.replace(cell, text=text)
            rows.append(cell.row)
    patched = Grid(grid.style, grid.title, grid.attachment_label, grid.header, cells, grid.row_task_ids,
                   grid.owner_table())
    return patched, sorted(set(rows))
