"""The incremental layout equals the whole layout after every step of random edit sequences."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import operations as ops
from desktop.core.change_set import ChangeSet
from desktop.core.numbering import NumberingLevel
from desktop.core.style import PRESETS
from desktop.layout.engine import build_grid
from desktop.layout.grid import Grid
from desktop.layout.grid_patch import TaskCells, patch_texts
from desktop.layout.incremental import update_grid
from tests.support.generated import generated_plan
from tests.support.op_mix import next_op, start_plan


def assert_same(grid: Grid, full: Grid) -> None:
    # read by rows first (segments moved one at a time), then as a whole
    for row in sorted({0, full.n_rows // 3, full.n_rows // 2, full.n_rows - 1} & set(range(full.n_rows))):
        assert grid.row_cells(row) == full.row_cells(row)
        assert [grid.cell_at(row, col) for col in range(full.n_cols)] == [
            full.cell_at(row, col) for col in range(full.n_cols)]
        assert grid.cells_starting_in(row, row + 2) == full.cells_starting_in(row, row + 2)
    assert grid.cells == full.cells
    assert grid.row_task_ids == full.row_task_ids
    assert (grid.title, grid.attachment_label, grid.header, grid.style) == (
        full.title, full.attachment_label, full.header, full.style)
    assert grid.owner_table() == full.owner_table()


def outside_region_unchanged(old: Grid, new: Grid, first: int, old_last: int, new_last: int) -> None:
    """Rows before the region are the old ones; rows after it are the old ones moved down, apart
    from their 序号 and the first level's numbers."""
    assert old.cells[:sum(1 for c in old.cells if c.row < first)] == [c for c in new.cells if c.row < first]
    delta = new_last - old_last
    after_old = [(c.row + delta, c.col, c.rowspan, c.colspan, c.role, c.task_id, c.attr)
                 for c in old.cells if c.row > old_last]
    after_new = [(c.row, c.col, c.rowspan, c.colspan, c.role, c.task_id, c.attr)
                 for c in new.cells if c.row > new_last]
    assert after_old == after_new


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 100_000), steps=st.integers(1, 30), preset=st.sampled_from(sorted(PRESETS)),
       continuous=st.booleans())
def test_update_grid_equals_build_grid_after_every_step(seed: int, steps: int, preset: str,
                                                       continuous: bool) -> None:
    plan = start_plan(seed % 40)
    plan.set_field("style", PRESETS[preset].to_dict())
    if continuous and seed % 3 == 0:
        plan.set_field("numbering", ["chinese", NumberingLevel("chinese_paren", True).to_json()])
    plan.take_journal()
    grid = build_grid(plan)
    rng = random.Random(seed)
    for step in range(steps):
        next_op(plan, rng).apply(plan)
        changes = plan.take_journal()
        full = build_grid(plan)
        patch = patch_texts(grid, plan, ChangeSet(tuple(changes)), TaskCells(grid, plan))
        if patch is not None:  # as the window does: text-only edits patch the grid
            assert_same(patch[0], full)
            grid = patch[0]
            continue
        update = update_grid(grid, plan, changes)
        if update is None:
            grid = full
        else:
            assert_same(update.grid, full)
            outside_region_unchanged(grid, update.grid, update.first, update.old_last, update.new_last)
            grid = update.grid
        if step % 2:
            grid.owner_table()  # the next update carries the owner table over


def test_a_subtree_move_rebuilds_only_its_blocks() -> None:
    """Moving a top-level category down past its neighbour rebuilds those two blocks; moving a
    category inside one block rebuilds that block; later rows keep their cells (the same objects)."""
    plan = generated_plan(600)
    grid = build_grid(plan)
    grid.owner_table()
    top = plan.root.children[3]
    ops.make_move_to(plan, top.id, 0, 4).apply(plan)
    update = update_grid(grid, plan, plan.take_journal())
    assert update is not None
    assert_same(update.grid, build_grid(plan))
    place = top.index
    assert place in (4, 5)
    spanned = plan.root.children[3:place + 1]
    assert update.new_last - update.first + 1 == sum(len(list(t.leaves())) for t in spanned) <= 120
    assert update.grid.cells[-1] is grid.cells[-1]
    inner = plan.root.children[7].children[1]
    ops.make_move_to(plan, inner.id, plan.root.children[7].id, 0).apply(plan)
    update2 = update_grid(update.grid, plan, plan.take_journal())
    assert update2 is not None
    assert_same(update2.grid, build_grid(plan))
    assert update2.new_last - update2.first + 1 == len(list(plan.root.children[7].leaves()))


def test_plan_fields_and_rows_under_the_plan_build_the_whole_grid() -> None:
    plan = generated_plan(100)
    grid = build_grid(plan)
    plan.set_field("title", "新标题")
    assert update_grid(grid, plan, plan.take_journal()) is None
    grid = build_grid(plan)
    ops.make_add_child(plan, 0, "直接写在计划下的要求").apply(plan)
    assert update_grid(grid, plan, plan.take_journal()) is None


def test_random_edits_mostly_take_the_incremental_path() -> None:
    """Over a long random edit sequence the incremental layout answers most steps (only plan
    fields and rows directly under the plan build the whole grid) and always equals it."""
    plan = start_plan(5)
    grid = build_grid(plan)
    rng = random.Random(11)
    incremental = 0
    for _ in range(300):
        next_op(plan, rng).apply(plan)
        update = update_grid(grid, plan, plan.take_journal())
        full = build_grid(plan)
        if update is not None:
            incremental += 1
            assert_same(update.grid, full)
        grid = update.grid if update is not None else full
    assert incremental > 150
