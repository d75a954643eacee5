"""Text-only edits patch the grid; the patched grid is exactly what the layout engine builds."""

from __future__ import annotations

import random

from desktop.core import operations as ops
from desktop.gui.plans.plan_session import PlanSession
from desktop.gui.table.grid_patch import TaskCells, cells_by_task, patch_texts
from desktop.layout.engine import build_grid
from tests.support.generated import generated_plan


def test_patched_grid_equals_the_engines(laiwu_plan, taian_plan) -> None:
    rng = random.Random(3)
    for plan in (laiwu_plan, taian_plan, generated_plan(120)):
        session = PlanSession(plan)
        grid = build_grid(plan)
        index = cells_by_task(grid)
        changes = []
        session.changed.connect(changes.append)
        patched_count = 0
        for n in range(40):
            task = rng.choice(list(plan.tasks()))
            session.do(ops.SetText(task.id, f"第{n}次修改的文字"))
            patch = patch_texts(grid, plan, changes[-1], index)
            fresh = build_grid(plan)
            if patch is None:
                grid, index = fresh, cells_by_task(fresh)
                continue
            patched_count += 1
            grid, rows = patch
            assert grid.cells == fresh.cells
            assert grid.spans() == fresh.spans()
            assert rows and all(0 <= r < grid.n_rows for r in rows)
        assert patched_count > 10


def test_other_changes_are_not_patched(laiwu_plan) -> None:
    session = PlanSession(laiwu_plan)
    grid = build_grid(laiwu_plan)
    changes = []
    session.changed.connect(changes.append)
    leaf = laiwu_plan.leaves()[0]
    session.do(ops.SetAttr(leaf.id, "units", "区财政局"))
    assert patch_texts(grid, laiwu_plan, changes[-1], cells_by_task(grid)) is None
    session.do(ops.make_add_sibling(laiwu_plan, leaf.id, "新"))
    assert patch_texts(grid, laiwu_plan, changes[-1], cells_by_task(grid)) is None


def test_folded_categories_are_left_to_the_engine(laiwu_plan) -> None:
    """A level deeper than the style's level columns is folded into a requirement cell."""
    session = PlanSession(laiwu_plan)
    leaf = laiwu_plan.leaves()[0]
    session.do(ops.make_add_child(laiwu_plan, leaf.id, "第三级下的要求"))  # leaf becomes a level-3 category
    grid = build_grid(laiwu_plan)
    changes = []
    session.changed.connect(changes.append)
    session.do(ops.SetText(leaf.id, "改名的第三级类别"))
    assert patch_texts(grid, laiwu_plan, changes[-1], cells_by_task(grid)) is None


def test_cells_found_by_row_equal_the_scanned_index(laiwu_plan, taian_plan) -> None:
    """``TaskCells`` finds each task's cells from its first row, the same cells the scan finds."""
    for plan in (laiwu_plan, taian_plan, generated_plan(120)):
        grid = build_grid(plan)
        scanned = cells_by_task(grid)
        by_row = TaskCells(grid, plan)
        for task in plan.tasks():
            assert by_row.get(task.id, []) == scanned.get(task.id, [])
