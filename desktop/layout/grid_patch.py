"""A quick way to the next grid after text-only edits, equal to what the layout engine would build.

Changing a task's text changes no span and no merge: only the cells that show that text. So
after an operation whose journal holds nothing but "text" changes, the new grid is the old one
with those cells' texts replaced (the cell layout, its owner table and the segments holding no
edited cell are shared; ``Grid.replaced``). Where a text
is folded together with others (a category deeper than the style's level columns), the patch
declines and the caller runs the layout engine as usual. Tests check the patched grid
against ``build_grid`` for many edits.
"""

from __future__ import annotations

import dataclasses

from desktop.core.change_set import ChangeSet
from desktop.core.model import Plan
from desktop.core.numbering import number_of, numbering_of
from desktop.layout.grid import Grid, GridCell

TEXT_ROLES = ("requirement", "category")


Place = tuple[int, int]  # (row, col) where a cell is anchored


def cells_by_task(grid: Grid) -> dict[int, list[Place]]:
    """Where the requirement and category cells showing each task are anchored."""
    found: dict[int, list[Place]] = {}
    for cell in grid.cells:
        if cell.role in TEXT_ROLES and cell.task_id is not None:
            found.setdefault(cell.task_id, []).append((cell.row, cell.col))
    return found


class TaskCells:
    """Like ``cells_by_task(grid)`` for a grid of the whole plan, without scanning the grid: the
    cells showing a task are anchored at its first row (a requirement's own row, a category's
    first requirement)."""

    def __init__(self, grid: Grid, plan: Plan) -> None:
        self.grid, self.plan = grid, plan

    def get(self, task_id: int, default: list[Place]) -> list[Place]:
        if task_id not in self.plan:
            return default
        node = self.plan[task_id]
        while node.children:
            node = node.children[0]
        try:
            row = self.grid.row_task_ids.index(node.id)
        except ValueError:
            return default
        return [(c.row, c.col) for c in self.grid.cells_starting_in(row, row)
                if c.task_id == task_id and c.role in TEXT_ROLES]


def patch_texts(grid: Grid, plan: Plan, change_set: ChangeSet,
                index: dict[int, list[Place]] | TaskCells) -> tuple[Grid, list[int]] | None:
    """(new grid, changed rows) for a text-only change set, or None when a full rebuild is needed.

    ``index`` is ``cells_by_task(grid)`` or, for a grid of the whole plan, ``TaskCells``. A task
    deeper than the style's level columns has its
    text folded into a requirement cell together with others: that case is left to the engine.
    """
    if not change_set.changes or any(c.kind != "text" for c in change_set.changes):
        return None
    max_level = grid.style.level_count
    numbering = numbering_of(plan)
    replaced: list[GridCell] = []
    for task_id in change_set.touched_tasks():
        if task_id not in plan:
            return None
        task = plan[task_id]
        if any(node.depth > max_level for node in (task, *task.ancestors()) if node.children):
            return None
        for row, col in index.get(task_id, []):
            cell = grid.cell_at(row, col)
            text = task.text
            if cell.role == "category":
                text = number_of(plan, task, numbering) + task.text
            replaced.append(dataclasses.replace(cell, text=text))
    return grid.replaced(replaced), sorted({cell.row for cell in replaced})
